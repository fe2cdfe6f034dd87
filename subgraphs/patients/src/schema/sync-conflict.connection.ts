import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { SyncConflict } from '../domain/sync-conflict.entity';

@ObjectType({ description: 'A page of sync conflicts, newest first' })
export class SyncConflictConnection extends Connection(SyncConflict) {}
