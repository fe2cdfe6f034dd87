import { PatientData } from '@clinicflow/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum QueueStatus {
  WAITING = 'waiting',
  CALLED = 'called',
  IN_SERVICE = 'in_service',
  COMPLETED = 'completed',
  NO_SHOW = 'no_show',
  CANCELLED = 'cancelled',
  HELD = 'held',
  TRANSFERRED = 'transferred',
}
registerEnumType(QueueStatus, {
  name: 'QueueStatus',
  description: "Where a queue entry is in the patient's visit",
  valuesConfig: {
    WAITING: { description: 'Checked in and waiting to be called' },
    CALLED: { description: 'Called to a room or counter' },
    IN_SERVICE: { description: 'Being served' },
    COMPLETED: { description: 'Served' },
    NO_SHOW: { description: 'Did not answer the call in time' },
    CANCELLED: { description: 'Left or cancelled' },
    HELD: { description: 'Kept in place while something is sorted out, such as a payment' },
    TRANSFERRED: { description: "Moved to another service's queue" },
  },
});

export enum CheckInChannel {
  RECEPTION = 'reception',
  KIOSK = 'kiosk',
  PATIENT_APP = 'patient_app',
}
registerEnumType(CheckInChannel, {
  name: 'CheckInChannel',
  description: 'Where a patient checked in',
  valuesConfig: {
    RECEPTION: { description: 'At the reception desk, by staff' },
    KIOSK: { description: "At the facility's self-service kiosk" },
    PATIENT_APP: { description: "In the patient's own app" },
  },
});

@PatientData((entry: QueueEntry) => entry.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A patient's place in a service's queue for one day, with its token" })
@Entity({ name: 'queue_entry' })
export class QueueEntry {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The facility whose queue this is' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Field(() => ID, { description: 'The service the patient is queueing for' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field({ description: "The day of this queue in the facility's time zone (YYYY-MM-DD)" })
  @Column({ name: 'service_day', type: 'date' })
  serviceDay!: string;

  @Field(() => Int, { description: 'Sequence number of the token within its service and day' })
  @Column({ name: 'token_number', type: 'integer' })
  tokenNumber!: number;

  @Field({ description: 'The token shown on screens and called out, e.g. A-014' })
  @Column({ type: 'text' })
  token!: string;

  @Field(() => QueueStatus, { description: 'Where the entry is in the visit' })
  @Column({ type: 'text', default: QueueStatus.WAITING })
  status!: QueueStatus;

  @Field(() => Int, {
    description:
      'Higher is served first; 0 is normal, -1 is lowered while lab results are pending (results-first visits)',
  })
  @Column({ type: 'integer', default: 0 })
  priority!: number;

  @Field(() => CheckInChannel, { description: 'Where the patient checked in' })
  @Column({ type: 'text' })
  channel!: CheckInChannel;

  @Field({ description: 'When the patient checked in' })
  @Column({ name: 'arrived_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  arrivedAt!: Date;

  /**
   * The time that places the entry in line (after priority): the arrival for a walk-in, the slot time
   * for a booked patient who came early, later for a skipped one. See the README's ordering rules.
   * Millisecond precision, like every board sort key, so it round-trips through a page cursor.
   */
  @Column({ name: 'queued_at', type: 'timestamptz', precision: 3 })
  queuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the patient was last called' })
  @Column({ name: 'called_at', type: 'timestamptz', precision: 3, nullable: true })
  calledAt!: Date | null;

  /** How many times the entry has been called; a scheduled no-show check applies only to its own call. */
  @Column({ name: 'call_number', type: 'integer', default: 0 })
  callNumber!: number;

  @Column({ name: 'service_point_id', type: 'uuid', nullable: true })
  servicePointId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When staff started serving the patient' })
  @Column({ name: 'service_started_at', type: 'timestamptz', precision: 3, nullable: true })
  serviceStartedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the patient was served' })
  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** Why the entry was cancelled or is held; staff only (see the resolver). */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  @Column({ name: 'transferred_from_id', type: 'uuid', nullable: true })
  transferredFromId!: string | null;

  @Column({ name: 'transferred_to_id', type: 'uuid', nullable: true })
  transferredToId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field({ description: 'When the entry last changed' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
