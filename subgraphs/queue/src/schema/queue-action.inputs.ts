import { IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class CallNextArgs {
  @Field(() => ID, { description: 'The room or counter calling' })
  @IsUUID()
  servicePointId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Call only this service's next patient (any of the facility's services when left out)",
  })
  @IsOptional()
  @IsUUID()
  serviceId?: string | null;
}

@ArgsType()
export class EntryArgs {
  @Field(() => ID, { description: 'The queue entry' })
  @IsUUID()
  entryId!: string;
}

@ArgsType()
export class ReasonedEntryArgs extends EntryArgs {
  @Field({ description: 'Why (3-200 characters), kept with the entry for staff' })
  @Length(3, 200)
  reason!: string;
}

@ArgsType()
export class TransferArgs extends EntryArgs {
  @Field(() => ID, { description: 'The service whose queue the patient moves to, at the same facility' })
  @IsUUID()
  serviceId!: string;
}

@ArgsType()
export class ChangePriorityArgs extends EntryArgs {
  @Field(() => Int, { description: 'The new priority: higher is served first, 0 is normal (0-10)' })
  @Min(0)
  @Max(10)
  priority!: number;

  @Field({ description: "Why (3-200 characters), kept in the entry's priority history with who and when" })
  @Length(3, 200)
  reason!: string;
}

@ArgsType()
export class FacilityEventsArgs {
  @Field(() => ID, { description: 'The facility whose queue to follow' })
  facilityId!: string;
}
