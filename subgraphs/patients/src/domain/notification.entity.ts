import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PatientData } from '@clinicflow/platform';

/** What a notification tells the patient: one template each. */
export enum NotificationKind {
  CHECK_IN_CONFIRMATION = 'check-in-confirmation',
  TURN_NEAR = 'turn-near',
  TOKEN_CALLED = 'token-called',
  LAB_RESULT_READY = 'lab-result-ready',
  MEDICATION_READY = 'medication-ready',
  PAYMENT_RECEIPT = 'payment-receipt',
  APPOINTMENT_REMINDER = 'appointment-reminder',
  APPOINTMENT_BOOKED = 'appointment-booked',
  APPOINTMENT_RESCHEDULED = 'appointment-rescheduled',
  APPOINTMENT_CANCELLED = 'appointment-cancelled',
}
registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification tells the patient' });

export enum NotificationChannel {
  SMS = 'sms',
  EMAIL = 'email',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a notification reaches the patient',
});

/**
 * queued (waiting to be sent, or for quiet hours to end), sent (a provider accepted it), delivered
 * (the provider reported it delivered), failed (the provider reported it undeliverable: only on
 * notifications recorded before late failures failed over, decision 0011), dead-lettered (every
 * attempt failed: see `reason`), skipped (not sent: opted out, no contact, throttled).
 */
export enum NotificationStatus {
  QUEUED = 'queued',
  SENT = 'sent',
  DELIVERED = 'delivered',
  FAILED = 'failed',
  DEAD_LETTERED = 'dead-lettered',
  SKIPPED = 'skipped',
}
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where a notification stands: queued, sent, delivered, failed, dead-lettered or skipped',
});

/** One message ClinicFlow sent, or meant to send, to a patient. Its body is rendered when sent and not kept. */
@PatientData((notification: Notification) => notification.patientId)
@ObjectType({ description: 'A message to a patient (SMS or email) and how its delivery went' })
@Entity({ name: 'notification' })
export class Notification {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  /** The event that asked for it: unique, so a redelivered event never makes a second notification. */
  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  @Field(() => NotificationKind, { description: 'What it tells the patient' })
  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** What the template needs (a token, a room): never a result value or a diagnosis. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Field(() => NotificationStatus, { description: 'Where its delivery stands' })
  @Column({ type: 'text' })
  status!: NotificationStatus;

  @Field(() => String, { nullable: true, description: 'Why it was skipped, failed or dead-lettered' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => NotificationChannel, { nullable: true, description: 'The channel it went out on, once sent' })
  @Column({ type: 'text', nullable: true })
  channel!: NotificationChannel | null;

  @Field(() => String, { nullable: true, description: 'The provider that accepted it: twilio, sms-fallback, sendgrid' })
  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Field(() => Int, { description: 'Send attempts so far' })
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** The attempt whose outcome is not known yet (the provider did not answer): see decision 0011. */
  @Column({ name: 'pending_attempt_id', type: 'uuid', nullable: true })
  pendingAttemptId!: string | null;

  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince!: Date | null;

  @Field({ description: 'When it was asked for' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Not sent before this time (quiet hours)' })
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a provider accepted it' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the provider reported it delivered' })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Field({ description: 'When its status last changed' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
