import { PatientData, Role } from '@clinicflow/platform';
import { Authorized, Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';

/** Lab results are clinical data: clinicians, admins and the patient themself may read them. */
export const LAB_RESULT_READERS = [Role.Clinician, Role.Admin, Role.Patient];

/**
 * The values are the HL7 v2 OBX-8 / FHIR v3 ObservationInterpretation codes, stored as labs send
 * them, so an interface message maps onto a column without a translation table.
 */
export enum AbnormalFlag {
  NORMAL = 'N',
  LOW = 'L',
  HIGH = 'H',
  CRITICALLY_LOW = 'LL',
  CRITICALLY_HIGH = 'HH',
  ABNORMAL = 'A',
}
registerEnumType(AbnormalFlag, {
  name: 'AbnormalFlag',
  description: 'How a result compares with its reference range (HL7 interpretation code)',
  valuesConfig: {
    NORMAL: { description: 'Within the reference range (N)' },
    LOW: { description: 'Below the reference range (L)' },
    HIGH: { description: 'Above the reference range (H)' },
    CRITICALLY_LOW: { description: 'Critically low: needs immediate attention (LL)' },
    CRITICALLY_HIGH: { description: 'Critically high: needs immediate attention (HH)' },
    ABNORMAL: { description: 'Abnormal, for results that are not numeric (A)' },
  },
});

export enum LabResultStatus {
  PRELIMINARY = 'preliminary',
  FINAL = 'final',
  CORRECTED = 'corrected',
  CANCELLED = 'cancelled',
}
registerEnumType(LabResultStatus, {
  name: 'LabResultStatus',
  description: 'Where a lab result is in its life, as the laboratory reports it',
  valuesConfig: {
    PRELIMINARY: { description: 'Released early; the final result may differ' },
    FINAL: { description: 'Complete and verified by the laboratory' },
    CORRECTED: { description: 'A final result the laboratory has since corrected' },
    CANCELLED: { description: 'The test was not performed or the result was withdrawn' },
  },
});

/** node-postgres returns `numeric` as a string so as not to lose digits; lab values fit a double. */
const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@PatientData((result: LabResult) => result.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: "One result of a laboratory test on a patient's specimen" })
@Entity({ name: 'lab_result' })
export class LabResult {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Exposed as the `patient` stub, see lab-result.resolver.ts. */
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Authorized(LAB_RESULT_READERS)
  @Field({ description: 'LOINC code of the test, e.g. 2345-7' })
  @Column({ name: 'loinc_code', type: 'text' })
  loincCode!: string;

  @Authorized(LAB_RESULT_READERS)
  @Field({ description: 'Name of the test, e.g. Glucose [Mass/volume] in Serum or Plasma' })
  @Column({ type: 'text' })
  display!: string;

  @Authorized(LAB_RESULT_READERS)
  @Field(() => Float, { nullable: true, description: 'The measured value, for numeric results' })
  @Column({ name: 'value_quantity', type: 'numeric', nullable: true, transformer: numericAsNumber })
  valueQuantity!: number | null;

  @Authorized(LAB_RESULT_READERS)
  @Field(() => String, { nullable: true, description: 'The result as text, for results that are not numeric' })
  @Column({ name: 'value_text', type: 'text', nullable: true })
  valueText!: string | null;

  @Authorized(LAB_RESULT_READERS)
  @Field(() => String, { nullable: true, description: 'UCUM unit of valueQuantity, e.g. mg/dL' })
  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Authorized(LAB_RESULT_READERS)
  @Field(() => String, { nullable: true, description: 'Reference range as the laboratory states it, e.g. 70-99' })
  @Column({ name: 'reference_range', type: 'text', nullable: true })
  referenceRange!: string | null;

  @Authorized(LAB_RESULT_READERS)
  @Field(() => AbnormalFlag, { nullable: true, description: 'How the result compares with its reference range' })
  @Column({ name: 'abnormal_flag', type: 'text', nullable: true })
  abnormalFlag!: AbnormalFlag | null;

  @Authorized(LAB_RESULT_READERS)
  @Field({ description: 'True when the result is critically low or high (LL or HH) and needs immediate attention' })
  get critical(): boolean {
    return this.abnormalFlag === AbnormalFlag.CRITICALLY_LOW || this.abnormalFlag === AbnormalFlag.CRITICALLY_HIGH;
  }

  @Authorized(LAB_RESULT_READERS)
  @Field(() => LabResultStatus, { description: 'Where the result is in its life' })
  @Column({ type: 'text' })
  status!: LabResultStatus;

  /** Millisecond precision, like a JS Date, so a page cursor holds the exact value and no row is skipped. */
  @Authorized(LAB_RESULT_READERS)
  @Field({ description: 'When the laboratory issued the result' })
  @Column({ name: 'issued_at', type: 'timestamptz', precision: 3 })
  issuedAt!: Date;

  @Authorized(LAB_RESULT_READERS)
  @Field({ description: 'When ClinicFlow recorded the result' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
