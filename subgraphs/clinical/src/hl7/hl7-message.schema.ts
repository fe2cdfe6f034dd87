import { Connection, MAX_PAGE_SIZE } from '@clinicflow/platform';
import { Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, ObjectType, ID } from 'type-graphql';
import { Hl7MessageRecord, Hl7MessageStatus } from './hl7-message.entity';

@ObjectType({ description: 'A page of inbound HL7 v2 messages, newest first' })
export class Hl7MessageConnection extends Connection(Hl7MessageRecord) {}

@ArgsType()
export class Hl7MessagePageArgs {
  @Field(() => Hl7MessageStatus, {
    nullable: true,
    description: 'Only messages in this status (ERROR: the ones waiting for staff)',
  })
  status?: Hl7MessageStatus | null;

  @Field(() => Int, { defaultValue: 20, description: `How many messages to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}

@InputType({ description: 'A stored message to apply again, optionally with its text corrected' })
export class ReprocessHl7MessageInput {
  @Field(() => ID, { description: 'The message, which must be in ERROR' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The corrected message text (segments separated by line breaks), keeping its MSH-3, MSH-4 and MSH-10; the stored text when left out',
  })
  raw?: string | null;
}
