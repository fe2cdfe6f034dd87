import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsTimeZone, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { CheckInChannel, QueueStatus } from '../domain/queue-entry.entity';
import { ServicePointKind } from '../domain/service-point.entity';

@ArgsType()
export class QueueBoardArgs {
  @Field(() => ID, { description: 'The facility whose queue to list' })
  @IsUUID()
  facilityId!: string;

  @Field(() => [QueueStatus], { nullable: true, description: 'Only entries in these statuses (all when left out)' })
  statuses?: QueueStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only this service's queue" })
  @IsOptional()
  @IsUUID()
  serviceId?: string | null;

  @Field(() => Int, { defaultValue: 50, description: `How many entries to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}

@InputType({
  description: 'A patient checking in to a service at a facility: by appointment, or by service and patient',
})
export class CheckInInput {
  @Field(() => ID, { description: 'Where the patient is' })
  @IsUUID()
  facilityId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'What the patient queues for; required without an appointmentId, taken from the appointment with one',
  })
  @IsOptional()
  @IsUUID()
  serviceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Who is checking in; required without an appointmentId, taken from the appointment with one',
  })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The booked appointment being checked in for. Without it, the patient's booking of the service for today, if any, is used",
  })
  @IsOptional()
  @IsUUID()
  appointmentId?: string | null;

  @Field(() => Int, { defaultValue: 0, description: 'Higher is served first; 0 is normal (0-10)' })
  @Min(0)
  @Max(10)
  priority!: number;

  @Field(() => CheckInChannel, { defaultValue: CheckInChannel.RECEPTION, description: 'Where the check-in happens' })
  channel!: CheckInChannel;
}

@InputType({ description: 'A new clinic site' })
export class FacilityInput {
  @Field({ description: 'Short code staff use for the site (2-8 capital letters or digits)' })
  @Matches(/^[A-Z0-9]{2,8}$/, { message: 'code must be 2-8 capital letters or digits' })
  code!: string;

  @Field({ description: 'Name shown to patients' })
  @Length(1, 120)
  name!: string;

  @Field({ description: 'IANA time zone, e.g. America/New_York' })
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as America/New_York' })
  timezone!: string;
}

@InputType({ description: 'A service a facility offers' })
export class ServiceInput {
  @Field(() => ID, { description: 'The facility that offers it' })
  @IsUUID()
  facilityId!: string;

  @Field({ description: 'Letters that start its tokens (1-3 capitals), e.g. A' })
  @Matches(/^[A-Z]{1,3}$/, { message: 'tokenPrefix must be 1-3 capital letters' })
  tokenPrefix!: string;

  @Field({ description: 'Name shown to patients' })
  @Length(1, 120)
  name!: string;

  @Field(() => Int, { description: 'Minutes one patient usually takes (1-480)' })
  @Min(1)
  @Max(480)
  defaultServiceMinutes!: number;

  @Field(() => Int, { description: 'Length of a booked appointment slot in minutes (1-480)' })
  @Min(1)
  @Max(480)
  slotMinutes!: number;

  @Field(() => Float, {
    defaultValue: 5,
    description:
      'Minutes a called patient has to arrive before they are marked a no-show (0.05-120; fractions allowed, kept to the second)',
  })
  @Min(0.05)
  @Max(120)
  noShowGraceMinutes!: number;
}

@InputType({ description: 'A room or counter' })
export class ServicePointInput {
  @Field(() => ID, { description: 'The facility it is in' })
  @IsUUID()
  facilityId!: string;

  @Field({ description: 'Name shown on the display, e.g. Room 3' })
  @Length(1, 60)
  name!: string;

  @Field(() => ServicePointKind, { description: 'Room or counter' })
  kind!: ServicePointKind;
}
