import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsUUID, Max, MaxDate, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { VITAL_SIGNS, VitalSign, type VitalSignSpec } from '../domain/vital-sign';

/** Device clocks drift; a reading a little ahead of ours is still taken now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const specOf = (args: ValidationArguments | undefined): VitalSignSpec | undefined => {
  const code = (args?.object as Partial<ReadingInput> | undefined)?.code;
  return code ? VITAL_SIGNS[code] : undefined;
};

/** A value outside the vital sign's plausible range is a device or typing fault, never a patient's state. */
function IsPlausibleForCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isPlausibleForCode',
    validator: {
      validate: (value: unknown, args) => {
        const spec = specOf(args);
        return spec !== undefined && typeof value === 'number' && value >= spec.min && value <= spec.max;
      },
      defaultMessage: (args) => {
        const spec = specOf(args);
        return spec
          ? `value must be between ${spec.min} and ${spec.max} ${spec.unit} for ${spec.display}`
          : 'value cannot be checked without a valid code';
      },
    },
  });
}

@InputType({ description: 'A measurement a device took' })
export class ReadingInput {
  @Field(() => ID, { description: 'The device that took it; the reading belongs to the patient it is assigned to' })
  @IsUUID()
  deviceId!: string;

  @Field(() => VitalSign, { description: 'Which vital sign was measured' })
  code!: VitalSign;

  @Field(() => Float, { description: "The value, in the vital sign's UCUM unit (see VitalSign)" })
  @IsPlausibleForCode()
  value!: number;

  @Field({ description: 'When the device took the measurement (not in the future)' })
  @MaxDate(() => new Date(Date.now() + CLOCK_SKEW_MS), { message: 'recordedAt must not be in the future' })
  recordedAt!: Date;
}

@ArgsType()
export class PatientReadingsArgs {
  @Field(() => VitalSign, { nullable: true, description: 'Only readings of this vital sign (all when left out)' })
  code?: VitalSign | null;

  @Field(() => Int, { defaultValue: 50, description: `How many readings to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
