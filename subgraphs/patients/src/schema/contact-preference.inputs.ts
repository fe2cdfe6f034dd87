import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NotificationChannel } from '../domain/notification.entity';
import { isTimeZone } from '../domain/quiet-hours';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

@ValidatorConstraint({ name: 'timeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isTimeZone(value);
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as America/New_York';
  }
}

@InputType({ description: "Changes to a patient's notification preferences; fields left out stay as they are" })
export class NotificationPreferencesInput {
  @Field(() => [NotificationChannel], { nullable: true, description: 'Channels to try, first choice first' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'channelOrder must name at least one channel' })
  @ArrayMaxSize(2)
  @ArrayUnique({ message: 'channelOrder must not name a channel twice' })
  channelOrder?: NotificationChannel[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True to opt out of SMS, false to opt back in' })
  smsOptedOut?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True to opt out of email, false to opt back in' })
  emailOptedOut?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Start of quiet hours, local HH:MM; null with quietHoursEnd to clear',
  })
  @IsOptional()
  @Matches(HH_MM, { message: 'quietHoursStart must be a time of day HH:MM' })
  quietHoursStart?: string | null;

  @Field(() => String, { nullable: true, description: 'End of quiet hours, local HH:MM' })
  @IsOptional()
  @Matches(HH_MM, { message: 'quietHoursEnd must be a time of day HH:MM' })
  quietHoursEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone for quiet hours and dates' })
  @IsOptional()
  @Validate(IanaTimeZone)
  timeZone?: string | null;
}
