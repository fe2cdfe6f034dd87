import { PatientData } from '@clinicflow/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SyncField } from './sync-fields';

export enum SyncConflictStatus {
  OPEN = 'open',
  RESOLVED = 'resolved',
}
registerEnumType(SyncConflictStatus, {
  name: 'SyncConflictStatus',
  description: 'Whether a sync conflict still waits for staff',
  valuesConfig: {
    OPEN: { description: 'Both versions are kept; nothing was overwritten; staff must choose' },
    RESOLVED: { description: 'Staff chose a value for every field' },
  },
});

export enum SyncSide {
  CLINICFLOW = 'clinicflow',
  EHR = 'ehr',
}
registerEnumType(SyncSide, {
  name: 'SyncSide',
  description: 'Which side of a sync conflict a value comes from',
  valuesConfig: {
    CLINICFLOW: { description: "ClinicFlow's value, which is then sent to the EHR" },
    EHR: { description: "The EHR's value, which then replaces ClinicFlow's" },
  },
});

@ObjectType({ description: 'One field both sides changed differently since the last sync' })
export class ConflictingField {
  @Field(() => SyncField, { description: 'The field' })
  field!: SyncField;

  @Field(() => String, { nullable: true, description: "ClinicFlow's value" })
  clinicflow!: string | null;

  @Field(() => String, { nullable: true, description: "The EHR's value" })
  ehr!: string | null;

  @Field(() => String, { nullable: true, description: 'The value both held at the last sync' })
  base!: string | null;
}

@ObjectType({ description: 'The value staff chose for one field of a conflict' })
export class FieldResolution {
  @Field(() => SyncField, { description: 'The field' })
  field!: SyncField;

  @Field(() => SyncSide, { description: 'Whose value was kept' })
  side!: SyncSide;
}

/**
 * Both ClinicFlow and the EHR changed a patient's details differently since their last sync. Both
 * versions are kept here and neither side is written until staff choose, field by field.
 */
@PatientData((conflict: SyncConflict) => conflict.patientId)
@ObjectType({ description: 'A patient whose details changed differently in ClinicFlow and in the EHR' })
@Entity({ name: 'sync_conflict' })
export class SyncConflict {
  @Field(() => ID, { description: 'Stable identifier of the conflict' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The patient' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field({ description: 'The EHR version the conflict was found in' })
  @Column({ name: 'ehr_version_id', type: 'text' })
  ehrVersionId!: string;

  @Field(() => [ConflictingField], { description: 'The fields that differ, with both values' })
  @Column({ type: 'jsonb' })
  fields!: ConflictingField[];

  @Field(() => SyncConflictStatus, { description: 'Open or resolved' })
  @Column({ type: 'text', default: SyncConflictStatus.OPEN })
  status!: SyncConflictStatus;

  @Field({ description: 'When the conflict was found' })
  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz', precision: 3 })
  raisedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When staff resolved it' })
  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who resolved it (the subject of their token)' })
  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Field(() => [FieldResolution], { nullable: true, description: 'Whose value was kept, field by field' })
  @Column({ type: 'jsonb', nullable: true })
  resolution!: FieldResolution[] | null;
}
