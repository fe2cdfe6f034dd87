import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { QueueEntry } from '../domain/queue-entry.entity';

@ObjectType({ description: 'A page of queue entries, in the order they will be called' })
export class QueueEntryConnection extends Connection(QueueEntry) {}
