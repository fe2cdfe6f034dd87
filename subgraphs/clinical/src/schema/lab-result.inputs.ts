import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import {
  IsDefined,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  type ValidationArguments,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { AbnormalFlag, LabResultStatus } from '../domain/lab-result.entity';

const ONE_VALUE = 'Give exactly one of valueQuantity and valueText';
const given = (value: unknown) => value !== null && value !== undefined;

/**
 * A result is either a number or text. type-graphql validates with skipMissingProperties, so a
 * rule on a value that was left out never runs: `IsDefined` on valueQuantity catches "neither",
 * this constraint on a given valueText catches "both".
 */
@ValidatorConstraint({ name: 'exactlyOneValue' })
class ExactlyOneValue implements ValidatorConstraintInterface {
  validate(_value: unknown, { object }: ValidationArguments): boolean {
    const input = object as LabResultInput;
    return given(input.valueQuantity) !== given(input.valueText);
  }

  defaultMessage(): string {
    return ONE_VALUE;
  }
}

@InputType({ description: 'A laboratory result to record for a patient' })
export class LabResultInput {
  @Field(() => ID, { description: 'The patient the specimen came from' })
  @IsUUID()
  patientId!: string;

  @Field({ description: 'LOINC code of the test, e.g. 2345-7' })
  @Matches(/^\d{1,7}-\d$/, { message: 'loincCode must be a LOINC code such as 2345-7' })
  loincCode!: string;

  @Field({ description: 'Name of the test, e.g. Glucose [Mass/volume] in Serum or Plasma' })
  @Length(1, 255)
  display!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The measured value, for numeric results; give this or valueText',
  })
  @ValidateIf((input: LabResultInput) => !given(input.valueText))
  @IsDefined({ message: ONE_VALUE })
  valueQuantity?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The result as text, for results that are not numeric; give this or valueQuantity',
  })
  @IsOptional()
  @Length(1, 2000)
  @Validate(ExactlyOneValue)
  valueText?: string | null;

  @Field(() => String, { nullable: true, description: 'UCUM unit of valueQuantity, e.g. mg/dL' })
  @IsOptional()
  @Matches(/^[!-~]{1,40}$/, { message: 'unit must be a UCUM unit such as mg/dL' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: 'Reference range as the laboratory states it, e.g. 70-99' })
  @IsOptional()
  @Length(1, 100)
  referenceRange?: string | null;

  @Field(() => AbnormalFlag, { nullable: true, description: 'How the result compares with its reference range' })
  abnormalFlag?: AbnormalFlag | null;

  @Field(() => LabResultStatus, { defaultValue: LabResultStatus.FINAL, description: 'Where the result is in its life' })
  status!: LabResultStatus;

  @Field({ description: 'When the laboratory issued the result' })
  issuedAt!: Date;
}

@ArgsType()
export class LabResultPageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many results to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
