import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedColumn, PatientData, Role, Scope, STAFF } from '@clinicflow/platform';
import { Authorized } from 'type-graphql';

export enum AdministrativeGender {
  FEMALE = 'female',
  MALE = 'male',
  OTHER = 'other',
  UNKNOWN = 'unknown',
}
registerEnumType(AdministrativeGender, {
  name: 'AdministrativeGender',
  description: 'Administrative gender, as HL7 FHIR defines it',
});

/** Staff and the patient themself may read a patient's personal details. */
const PERSONAL = [...STAFF, Role.Patient, Scope.PatientsRead];

/** A national id is for registration and billing, and the patient themself; not for clinicians or apps. */
const NATIONAL_ID_READERS = [Role.Reception, Role.Billing, Role.Admin, Role.Patient];

@PatientData((patient: Patient) => patient.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who receives care at the clinic' })
@Entity({ name: 'patient' })
export class Patient {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Authorized(PERSONAL)
  @Field({ description: "Medical record number, unique within the clinic's EHR" })
  @Column({ type: 'text', unique: true })
  mrn!: string;

  @Authorized(PERSONAL)
  @Field({ description: 'Given (first) name' })
  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Authorized(PERSONAL)
  @Field({ description: 'Family (last) name' })
  @Column({ name: 'family_name', type: 'text' })
  familyName!: string;

  @Field({ description: 'First name and last initial: what a waiting-room screen may show' })
  get displayName(): string {
    return `${this.givenName} ${this.familyName.charAt(0)}.`;
  }

  @Authorized(PERSONAL)
  @Field({ description: 'Date of birth (YYYY-MM-DD)' })
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Authorized(PERSONAL)
  @Field(() => AdministrativeGender, { description: 'Administrative gender' })
  @Column({ type: 'text', default: AdministrativeGender.UNKNOWN })
  gender!: AdministrativeGender;

  @Authorized(PERSONAL)
  @Field(() => String, { nullable: true, description: 'Mobile phone number in E.164 form, used for SMS' })
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Authorized(PERSONAL)
  @Field(() => String, { nullable: true, description: 'Email address' })
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Encrypted at rest (AES-256-GCM, decision 0017): the column holds only the sealed value. */
  @Authorized(NATIONAL_ID_READERS)
  @Field(() => String, {
    nullable: true,
    description: 'National identifier (such as a US SSN), when the patient gave one; encrypted at rest',
  })
  @Column({
    name: 'national_id',
    type: 'text',
    nullable: true,
    transformer: encryptedColumn('patients.patient.national_id'),
  })
  nationalId!: string | null;

  @Authorized(PERSONAL)
  @Field({ description: 'Preferred language for messages (BCP 47 tag)' })
  @Column({ name: 'preferred_language', type: 'text', default: 'en' })
  preferredLanguage!: string;

  @Authorized([...STAFF, Role.Compliance])
  @Field(() => Date, { nullable: true, description: "When the patient's personal details were erased on request" })
  @Column({ name: 'erased_at', type: 'timestamptz', precision: 3, nullable: true })
  erasedAt!: Date | null;

  /** Why, as the admin or compliance officer gave it; kept with the pseudonymised record. */
  @Column({ name: 'erasure_reason', type: 'text', nullable: true })
  erasureReason!: string | null;

  @Authorized(STAFF)
  @Field({ description: 'When the patient was registered in ClinicFlow' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Authorized(STAFF)
  @Field({ description: "When the patient's record last changed" })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
