import { PatientData } from '@clinicflow/platform';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SyncedValues } from './sync-fields';

/**
 * Which EHR record a patient is, and where the two last agreed: the EHR version last synced and the
 * synced details as they were then (the base each side's changes are measured from).
 */
@PatientData((link: EhrLink) => link.patientId)
@ObjectType({ description: "The patient's record in the clinic's EHR and the state of its sync" })
@Entity({ name: 'ehr_link' })
export class EhrLink {
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field(() => ID, { description: "The EHR's id of the patient's FHIR Patient resource" })
  @Column({ name: 'ehr_id', type: 'text', unique: true })
  ehrId!: string;

  @Field({ description: 'The version of the EHR record last synced (its meta.versionId)' })
  @Column({ name: 'version_id', type: 'text' })
  versionId!: string;

  /** The synced details as both sides held them at the last sync. */
  @Column({ name: 'synced_values', type: 'jsonb' })
  syncedValues!: SyncedValues;

  @Field({ description: 'When the two sides last agreed' })
  @Column({ name: 'synced_at', type: 'timestamptz', precision: 3 })
  syncedAt!: Date;
}
