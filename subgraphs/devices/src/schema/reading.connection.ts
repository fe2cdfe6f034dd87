import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Reading } from '../domain/reading.entity';

@ObjectType({ description: 'A page of readings, newest first' })
export class ReadingConnection extends Connection(Reading) {}
