import { PatientData, Role } from '@clinicflow/platform';
import { Authorized, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Clinical staff follow alerts; they name the patient and the result, never the value. */
export const ALERT_READERS = [Role.Clinician, Role.Admin];

/**
 * Live topics of the alerts raised (`{ alertId }`; the subscription re-reads the alert by id): every
 * alert, for staff of the whole clinic, and a facility's, for staff whose token names that facility.
 */
export const clinicalAlertTopic = (facilityId: string | null) =>
  facilityId ? `clinical.alert-raised.${facilityId}` : 'clinical.alert-raised';

@PatientData((alert: ClinicalAlert) => alert.patientId)
@ObjectType({
  description: 'Something about a patient that clinical staff must see at once, such as a critical lab result',
})
@Entity({ name: 'clinical_alert' })
export class ClinicalAlert {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Exposed as the `patient` stub, see clinical-alert.resolver.ts. */
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  /** Exposed as the `labResult` field, see clinical-alert.resolver.ts. */
  @Column({ name: 'lab_result_id', type: 'uuid' })
  labResultId!: string;

  @Authorized(ALERT_READERS)
  @Field(() => ID, {
    nullable: true,
    description: 'The facility the patient checked in at within the last day, whose staff get the alert; null if none',
  })
  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId!: string | null;

  @Authorized(ALERT_READERS)
  @Field({ description: 'Why the alert was raised, e.g. Critical 2345-7 result (HH)' })
  @Column({ type: 'text' })
  reason!: string;

  @Authorized(ALERT_READERS)
  @Field({ description: 'When the alert was raised' })
  @Column({ name: 'raised_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  raisedAt!: Date;
}
