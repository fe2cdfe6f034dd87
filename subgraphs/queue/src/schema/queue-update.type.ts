import { Field, ID, Int, ObjectType } from 'type-graphql';
import { type QueueChange, QueueChangeReason } from '../events/queue-change';

@ObjectType({
  description:
    "One committed change of a facility's queue. Sequences of a facility have no gaps: a client that sees one reloads the board",
})
export class QueueUpdate {
  @Field(() => ID, { description: 'The facility whose queue changed' })
  facilityId!: string;

  @Field(() => Int, {
    description: "The facility's change sequence after this change; compare with QueueEntryConnection.sequence",
  })
  sequence!: number;

  @Field(() => QueueChangeReason, { description: 'What changed' })
  reason!: QueueChangeReason;

  /** Resolved through the entry loader (see QueueUpdateResolver.entry); null for facility-wide changes. */
  entryId!: string | null;

  @Field({ description: 'When the change happened' })
  occurredAt!: Date;
}

export const toQueueUpdate = (change: QueueChange): QueueUpdate => ({
  ...change,
  occurredAt: new Date(change.occurredAt),
});
