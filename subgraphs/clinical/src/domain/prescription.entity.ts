import { PatientData, Role } from '@clinicflow/platform';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Prescriptions are clinical data: clinicians, admins and the patient themself may read them. */
export const PRESCRIPTION_READERS = [Role.Clinician, Role.Admin, Role.Patient];

/** The code system of `rxnormCode` (FHIR's URI for RxNorm). */
export const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** The values are FHIR R4 MedicationRequest.status codes, so the FHIR API maps them one to one. */
export enum PrescriptionStatus {
  ACTIVE = 'active',
  ON_HOLD = 'on-hold',
  CANCELLED = 'cancelled',
  COMPLETED = 'completed',
}
registerEnumType(PrescriptionStatus, {
  name: 'PrescriptionStatus',
  description: 'Where a prescription is in its life (FHIR MedicationRequest.status)',
  valuesConfig: {
    ACTIVE: { description: 'In force: the medication is to be dispensed and taken' },
    ON_HOLD: { description: 'Suspended for now; it may become active again' },
    CANCELLED: { description: 'Withdrawn before it was completed' },
    COMPLETED: { description: 'Everything it asked for has been done' },
  },
});

export enum DispenseStatus {
  SENT_TO_PHARMACY = 'sent-to-pharmacy',
  READY_FOR_PICKUP = 'ready-for-pickup',
  PICKED_UP = 'picked-up',
}
registerEnumType(DispenseStatus, {
  name: 'DispenseStatus',
  description: 'Where the pharmacy is with a prescription',
  valuesConfig: {
    SENT_TO_PHARMACY: { description: 'The pharmacy has it and is preparing it' },
    READY_FOR_PICKUP: { description: 'The pharmacy has it ready for the patient to collect' },
    PICKED_UP: { description: 'The patient has collected it' },
  },
});

@PatientData((prescription: Prescription) => prescription.patientId)
@ObjectType({ description: 'A medication a clinician prescribed for a patient, and where its dispensing stands' })
@Entity({ name: 'prescription' })
export class Prescription {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Exposed as the `patient` stub, see prescription.resolver.ts. */
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: `RxNorm code of the medication (${RXNORM_SYSTEM}), e.g. 197361` })
  @Column({ name: 'rxnorm_code', type: 'text' })
  rxnormCode!: string;

  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: 'Name of the medication as RxNorm displays it, e.g. Amlodipine 5 MG Oral Tablet' })
  @Column({ name: 'medication_display', type: 'text' })
  medicationDisplay!: string;

  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: 'How to take it, as written for the patient, e.g. One tablet by mouth once a day' })
  @Column({ name: 'dosage_text', type: 'text' })
  dosageText!: string;

  @Authorized(PRESCRIPTION_READERS)
  @Field(() => Int, { description: 'How many units (tablets, capsules, ...) the pharmacy is to dispense' })
  @Column({ type: 'integer' })
  quantity!: number;

  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: 'The subject (user id) of the clinician who prescribed it' })
  @Column({ name: 'prescriber', type: 'text' })
  prescriber!: string;

  @Authorized(PRESCRIPTION_READERS)
  @Field(() => PrescriptionStatus, { description: 'Where the prescription is in its life' })
  @Column({ type: 'text' })
  status!: PrescriptionStatus;

  @Authorized(PRESCRIPTION_READERS)
  @Field(() => DispenseStatus, { description: 'Where the pharmacy is with it' })
  @Column({ name: 'dispense_status', type: 'text' })
  dispenseStatus!: DispenseStatus;

  /** Millisecond precision, like a JS Date, so a page cursor holds the exact value and no row is skipped. */
  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: 'When it was prescribed' })
  @CreateDateColumn({ name: 'prescribed_at', type: 'timestamptz', precision: 3 })
  prescribedAt!: Date;

  @Authorized(PRESCRIPTION_READERS)
  @Field(() => Date, { nullable: true, description: 'When the pharmacy reported it ready for pickup' })
  @Column({ name: 'ready_at', type: 'timestamptz', precision: 3, nullable: true })
  readyAt!: Date | null;

  @Authorized(PRESCRIPTION_READERS)
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @Authorized(PRESCRIPTION_READERS)
  @Field({ description: 'When it last changed' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
