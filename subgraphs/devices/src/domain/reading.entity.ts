import { PatientData } from '@clinicflow/platform';
import { Authorized, Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { VITALS_READERS } from './roles';
import { VITAL_SIGNS, VitalSign } from './vital-sign';

/** node-postgres returns `numeric` as a string so as not to lose precision; vital signs fit a double. */
const numericAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};

@PatientData((reading: Reading) => reading.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'One measurement of a vital sign, taken by a device from the patient it was assigned to' })
@Entity({ name: 'reading' })
export class Reading {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Authorized(VITALS_READERS)
  @Field(() => VitalSign, { description: 'Which vital sign was measured' })
  @Column({ type: 'text' })
  code!: VitalSign;

  @Authorized(VITALS_READERS)
  @Field({ description: 'LOINC code of the vital sign, e.g. 8867-4 for heart rate' })
  get loincCode(): string {
    return this.code;
  }

  @Authorized(VITALS_READERS)
  @Field({ description: 'UCUM unit of the value, e.g. /min or mm[Hg]' })
  get unit(): string {
    return VITAL_SIGNS[this.code].unit;
  }

  @Authorized(VITALS_READERS)
  @Field(() => Float, { description: 'The measured value, in `unit`' })
  @Column({ type: 'numeric', transformer: numericAsNumber })
  value!: number;

  @Authorized(VITALS_READERS)
  @Field({ description: 'When the device took the measurement' })
  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt!: Date;

  @Authorized(VITALS_READERS)
  @Field({ description: 'When ClinicFlow received the measurement' })
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt!: Date;
}
