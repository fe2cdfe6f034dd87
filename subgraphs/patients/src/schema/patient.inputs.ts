import { IsEmail, IsISO8601, IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { AdministrativeGender } from '../domain/patient.entity';

const E164 = /^\+[1-9]\d{6,14}$/;
const NATIONAL_ID = /^[A-Za-z0-9][A-Za-z0-9 -]{3,19}$/;
const NATIONAL_ID_RULE = 'nationalId must be 4-20 letters, digits, spaces or hyphens';
const NATIONAL_ID_DESCRIPTION = 'National identifier (such as a US SSN), 4-20 letters, digits, spaces or hyphens';

@InputType({ description: 'What reception records to register a new patient' })
export class PatientRegistration {
  @Field({ description: "Medical record number, unique within the clinic's EHR" })
  @Length(1, 64)
  mrn!: string;

  @Field({ description: 'Given (first) name' })
  @Length(1, 100)
  givenName!: string;

  @Field({ description: 'Family (last) name' })
  @Length(1, 100)
  familyName!: string;

  @Field({ description: 'Date of birth (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'birthDate must be a date in the form YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date in the form YYYY-MM-DD' })
  birthDate!: string;

  @Field(() => AdministrativeGender, {
    defaultValue: AdministrativeGender.UNKNOWN,
    description: 'Administrative gender',
  })
  gender!: AdministrativeGender;

  @Field(() => String, { nullable: true, description: 'Mobile phone number in E.164 form (+15551234567)' })
  @IsOptional()
  @Matches(E164, { message: 'phone must be in E.164 form, for example +15551234567' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: NATIONAL_ID_DESCRIPTION })
  @IsOptional()
  @Matches(NATIONAL_ID, { message: NATIONAL_ID_RULE })
  nationalId?: string | null;

  @Field({ defaultValue: 'en', description: 'Preferred language for messages (BCP 47 tag)' })
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'preferredLanguage must be a BCP 47 tag such as en or es-MX',
  })
  preferredLanguage!: string;
}

@InputType({ description: "Changes to a patient's details; fields left out stay as they are" })
export class PatientChanges {
  @Field({ nullable: true, description: 'Given (first) name' })
  @IsOptional()
  @Length(1, 100)
  givenName?: string;

  @Field({ nullable: true, description: 'Family (last) name' })
  @IsOptional()
  @Length(1, 100)
  familyName?: string;

  @Field(() => String, { nullable: true, description: 'Mobile phone number in E.164 form' })
  @IsOptional()
  @Matches(E164, { message: 'phone must be in E.164 form, for example +15551234567' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: NATIONAL_ID_DESCRIPTION })
  @IsOptional()
  @Matches(NATIONAL_ID, { message: NATIONAL_ID_RULE })
  nationalId?: string | null;

  @Field({ nullable: true, description: 'Preferred language for messages (BCP 47 tag)' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'preferredLanguage must be a BCP 47 tag such as en or es-MX',
  })
  preferredLanguage?: string;
}

@ArgsType()
export class PatientListArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many patients to return (1-500)' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches the start of a given name, family name or MRN' })
  @IsOptional()
  @Length(1, 100)
  search?: string | null;
}
