import { IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9 -]{1,39}$/;
const MEMBER_ID_RULE = 'memberId must be 2-40 letters, digits, spaces or hyphens';

@InputType({ description: "A patient's insurance, as on their card" })
export class CoverageInput {
  @Field(() => ID, { description: 'The insured patient' })
  @IsUUID()
  patientId!: string;

  @Field({ description: 'The insurer (payer), 1-100 characters' })
  @Length(1, 100)
  payer!: string;

  @Field({ description: 'The member id at the payer (2-40 letters, digits, spaces or hyphens)' })
  @Matches(MEMBER_ID, { message: MEMBER_ID_RULE })
  memberId!: string;
}

@ArgsType()
export class CoverageLookupArgs {
  @Field({ description: 'The insurer (payer)' })
  @Length(1, 100)
  payer!: string;

  @Field({ description: 'The member id at the payer' })
  @Matches(MEMBER_ID, { message: MEMBER_ID_RULE })
  memberId!: string;
}
