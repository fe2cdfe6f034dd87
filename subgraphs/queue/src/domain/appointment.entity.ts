import { PatientData } from '@clinicflow/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum AppointmentStatus {
  BOOKED = 'booked',
  CHECKED_IN = 'checked_in',
  CANCELLED = 'cancelled',
  NO_SHOW = 'no_show',
}
registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'Where a booked appointment is',
  valuesConfig: {
    BOOKED: { description: 'Booked; the patient has not checked in yet' },
    CHECKED_IN: { description: 'The patient checked in and has a queue entry for it' },
    CANCELLED: { description: 'Cancelled before check-in' },
    NO_SHOW: { description: 'The patient checked in but did not answer the call' },
  },
});

/** Where appointments come from when nobody says: booked in ClinicFlow itself. */
export const CLINICFLOW_SOURCE = 'clinicflow';

@PatientData((appointment: Appointment) => appointment.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A booked visit to a service at a set time' })
@Entity({ name: 'appointment' })
export class Appointment {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The facility the appointment is at' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Field(() => ID, { description: 'The service booked' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field({ description: 'When the slot starts' })
  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3 })
  startsAt!: Date;

  @Field(() => Int, { description: "Length of the slot in minutes, the service's slot length when booked" })
  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Field(() => AppointmentStatus, { description: 'Booked, checked in, cancelled or no-show' })
  @Column({ type: 'text', default: AppointmentStatus.BOOKED })
  status!: AppointmentStatus;

  @Field({ description: "Which system booked it: 'clinicflow', or the EHR it was synchronised from, e.g. 'ehr'" })
  @Column({ type: 'text', default: CLINICFLOW_SOURCE })
  source!: string;

  @Field(() => String, { nullable: true, description: "The appointment's id in its source system, if it has one" })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the appointment was cancelled' })
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Field({ description: 'When the appointment was booked' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
