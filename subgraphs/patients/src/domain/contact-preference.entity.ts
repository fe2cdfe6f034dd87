import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PatientData } from '@clinicflow/platform';
import { NotificationChannel } from './notification.entity';

/** How a patient wants to be reached. A patient without a row has the defaults (`defaultPreference`). */
@PatientData((preference: ContactPreference) => preference.patientId)
@ObjectType({ description: "A patient's notification preferences and consent" })
@Entity({ name: 'contact_preference' })
export class ContactPreference {
  @Field(() => ID, { description: 'The patient they belong to' })
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field(() => [NotificationChannel], { description: 'Channels to try, first choice first' })
  @Column({ name: 'channel_order', type: 'text', array: true })
  channelOrder!: NotificationChannel[];

  @Field({ description: 'The patient opted out of SMS (by STOP, or here)' })
  @Column({ name: 'sms_opted_out', type: 'boolean', default: false })
  smsOptedOut!: boolean;

  @Field({ description: 'The patient opted out of email' })
  @Column({ name: 'email_opted_out', type: 'boolean', default: false })
  emailOptedOut!: boolean;

  @Field(() => String, { nullable: true, description: 'Start of quiet hours, local time HH:MM' })
  @Column({ name: 'quiet_hours_start', type: 'text', nullable: true })
  quietHoursStart!: string | null;

  @Field(() => String, { nullable: true, description: 'End of quiet hours, local time HH:MM' })
  @Column({ name: 'quiet_hours_end', type: 'text', nullable: true })
  quietHoursEnd!: string | null;

  @Field({ description: 'IANA time zone quiet hours and dates are read in, such as America/New_York' })
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone!: string;

  @Field(() => Date, { nullable: true, description: 'When they last changed' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}

export function defaultPreference(patientId: string): ContactPreference {
  return Object.assign(new ContactPreference(), {
    patientId,
    channelOrder: [NotificationChannel.SMS, NotificationChannel.EMAIL],
    smsOptedOut: false,
    emailOptedOut: false,
    quietHoursStart: null,
    quietHoursEnd: null,
    timeZone: 'UTC',
    updatedAt: null,
  });
}
