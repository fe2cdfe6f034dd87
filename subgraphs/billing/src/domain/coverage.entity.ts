import { encryptedColumn, PatientData } from '@clinicflow/platform';
import { Authorized, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { COVERAGE_READERS } from './access';

/** The context sealed with the member id, and the blind index's, so neither opens in another column. */
export const MEMBER_ID_CONTEXT = 'billing.coverage.member_id';

@PatientData((coverage: Coverage) => coverage.patientId)
@ObjectType({ description: "A patient's health insurance: who pays, and the member id the payer knows them by" })
@Entity({ name: 'coverage' })
export class Coverage {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Authorized(COVERAGE_READERS)
  @Field({ description: 'The insurer (payer), as the clearinghouse names it' })
  @Column({ type: 'text' })
  payer!: string;

  /** Encrypted at rest (AES-256-GCM, decision 0017): the column holds only the sealed value. */
  @Authorized(COVERAGE_READERS)
  @Field({ description: "The patient's member id at the payer, as on their insurance card" })
  @Column({ name: 'member_id', type: 'text', transformer: encryptedColumn(MEMBER_ID_CONTEXT) })
  memberId!: string;

  /** HMAC of the member id (blindIndex), for lookups and uniqueness without the plaintext. */
  @Column({ name: 'member_id_index', type: 'text' })
  memberIdIndex!: string;

  @Authorized(COVERAGE_READERS)
  @Field({ description: 'When the coverage was recorded' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
