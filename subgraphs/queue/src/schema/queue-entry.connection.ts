import { Connection } from '@clinicflow/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { QueueEntry } from '../domain/queue-entry.entity';

@ObjectType({ description: 'A page of queue entries, in the order they will be called' })
export class QueueEntryConnection extends Connection(QueueEntry) {
  @Field(() => Int, {
    description:
      "The facility's change sequence as of this page (read in the same snapshot): after loading the board, apply only queueUpdated events with a higher sequence",
  })
  sequence!: number;
}
