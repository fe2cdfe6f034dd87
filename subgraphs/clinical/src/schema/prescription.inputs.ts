import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { ArrayMinSize, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PrescriptionStatus } from '../domain/prescription.entity';

/** The most units one prescription may ask a pharmacy to dispense. */
export const MAX_QUANTITY = 1000;

@InputType({ description: 'A medication to prescribe for a patient' })
export class PrescribeInput {
  @Field(() => ID, { description: 'The patient the medication is for' })
  @IsUUID()
  patientId!: string;

  @Field({ description: 'RxNorm code of the medication, e.g. 197361' })
  @Matches(/^\d{1,10}$/, { message: 'rxnormCode must be an RxNorm code (digits only) such as 197361' })
  rxnormCode!: string;

  @Field({ description: 'Name of the medication as RxNorm displays it, e.g. Amlodipine 5 MG Oral Tablet' })
  @Length(1, 255)
  medicationDisplay!: string;

  @Field({ description: 'How to take it, as written for the patient, e.g. One tablet by mouth once a day' })
  @Length(1, 1000)
  dosageText!: string;

  @Field(() => Int, { description: `How many units the pharmacy is to dispense (1-${MAX_QUANTITY})` })
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;
}

@ArgsType()
export class PrescriptionPageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many prescriptions to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;

  @Field(() => [PrescriptionStatus], {
    nullable: true,
    description: 'Only prescriptions in one of these statuses; all of them when left out',
  })
  @ArrayMinSize(1, { message: 'status must name at least one status, or be left out' })
  status?: PrescriptionStatus[] | null;
}
