import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { MembershipChange } from '../domain/subscription-membership.entity';

const GROUP = /^subscription-group:[A-Za-z0-9_-]{1,64}$/;

@InputType({ description: 'A person joining or leaving a live-subscription group, as the gateway saw it' })
export class SubscriptionMembershipInput {
  @Field({ description: 'The group: subscription-group:<key>' })
  @Matches(GROUP, { message: 'groupSubject must be subscription-group:<key>' })
  groupSubject!: string;

  @Field(() => MembershipChange, { description: 'Joined or left' })
  change!: MembershipChange;

  @Field({ description: 'When, by the gateway' })
  occurredAt!: Date;

  @Field({ description: "The member's token subject" })
  @Length(1, 200)
  subject!: string;

  @Field({ description: "The member's role" })
  @Length(1, 40)
  role!: string;

  @Field(() => String, { nullable: true, description: 'The OAuth client id, when there is one' })
  @IsOptional()
  @Length(1, 200)
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: "The member's address, when the gateway had it" })
  @IsOptional()
  @Length(1, 100)
  ip?: string | null;
}

@ArgsType()
export class RecordMembershipArgs {
  @Field(() => [SubscriptionMembershipInput], { description: 'Joins and leaves since the last call, in order' })
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  changes!: SubscriptionMembershipInput[];
}

@ArgsType()
export class SubscriptionMembershipArgs {
  @Field({ description: 'The group, as an audit record of a live event names it: subscription-group:<key>' })
  @Matches(GROUP, { message: 'group must be subscription-group:<key>' })
  group!: string;

  @Field(() => Int, { defaultValue: 50, description: `How many records to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
