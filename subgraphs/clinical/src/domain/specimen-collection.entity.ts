import { PatientData, Role } from '@clinicflow/platform';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Clinical staff record and read collections. */
export const SPECIMEN_COLLECTORS = [Role.Clinician, Role.Admin];

/** What was collected (the kinds the clinic's settings give a room time to). */
export enum SpecimenKind {
  BLOOD = 'BLOOD',
  URINE = 'URINE',
  SWAB = 'SWAB',
  STOOL = 'STOOL',
  SPUTUM = 'SPUTUM',
  OTHER = 'OTHER',
}
registerEnumType(SpecimenKind, {
  name: 'SpecimenKind',
  description: 'The kind of specimen collected from a patient',
  valuesConfig: {
    BLOOD: { description: 'Blood, by venepuncture or finger prick' },
    URINE: { description: 'Urine' },
    SWAB: { description: 'A swab (nose, throat, wound)' },
    STOOL: { description: 'Stool' },
    SPUTUM: { description: 'Sputum' },
    OTHER: { description: 'Any other specimen' },
  },
});

/**
 * A specimen collected from a patient during a visit. Its `minutes` (from the clinic's settings for
 * the kind) are how long the collection keeps the visit's room: the queue moves the estimates of the
 * entries behind by them (`clinical.specimen-collected`).
 */
@PatientData((collection: SpecimenCollection) => collection.patientId)
@ObjectType({ description: 'A specimen collected from a patient during a visit' })
@Entity({ name: 'specimen_collection' })
export class SpecimenCollection {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Exposed as the `patient` stub, see specimen-collection.resolver.ts. */
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Authorized(SPECIMEN_COLLECTORS)
  @Field(() => ID, { nullable: true, description: 'The queue entry of the visit it was collected in, when named' })
  @Column({ name: 'queue_entry_id', type: 'uuid', nullable: true })
  queueEntryId!: string | null;

  @Authorized(SPECIMEN_COLLECTORS)
  @Field(() => SpecimenKind, { description: 'What was collected' })
  @Column({ type: 'text' })
  kind!: SpecimenKind;

  @Authorized(SPECIMEN_COLLECTORS)
  @Field({ description: 'When it was collected' })
  @Column({ name: 'collected_at', type: 'timestamptz', precision: 3 })
  collectedAt!: Date;

  @Authorized(SPECIMEN_COLLECTORS)
  @Field(() => Int, {
    description: 'How many minutes the collection keeps the visit’s room, from the clinic’s settings',
  })
  @Column({ type: 'integer' })
  minutes!: number;

  @Authorized(SPECIMEN_COLLECTORS)
  @Field({ description: "Who recorded it: the subject of the staff member's token" })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
