import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { CLINICFLOW_SOURCE } from '../domain/appointment.entity';

@InputType({ description: 'A slot to book; its facility and slot length come from the service' })
export class AppointmentInput {
  @Field(() => ID, { description: 'The service booked' })
  @IsUUID()
  serviceId!: string;

  @Field(() => ID, { description: 'Who the appointment is for' })
  @IsUUID()
  patientId!: string;

  @Field({ description: 'When the slot starts' })
  startsAt!: Date;

  @Field({
    defaultValue: CLINICFLOW_SOURCE,
    description:
      "Which system books it (2-32 lower-case letters, digits, '-' or '_'), e.g. 'ehr' for a synchronised one",
  })
  @Matches(/^[a-z][a-z0-9_-]{1,31}$/, { message: "source must be 2-32 lower-case letters, digits, '-' or '_'" })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Its id in the source system (1-200 characters); unique per source',
  })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
}

@ArgsType()
export class CancelAppointmentArgs {
  @Field(() => ID, { description: 'The appointment' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why it is cancelled (3-200 characters), kept with it' })
  @Length(3, 200)
  reason!: string;
}

@ArgsType()
export class AppointmentListArgs {
  @Field(() => ID, { description: 'The facility whose appointments to list' })
  @IsUUID()
  facilityId!: string;

  @Field({ description: 'Only appointments starting at or after this time' })
  from!: Date;

  @Field({ description: 'Only appointments starting before this time' })
  to!: Date;

  @Field(() => Int, { defaultValue: 50, description: `How many appointments to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
