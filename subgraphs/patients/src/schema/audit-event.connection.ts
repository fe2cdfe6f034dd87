import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { AuditEvent } from '../domain/audit-event.entity';

@ObjectType({ description: 'A page of the audit log, newest first' })
export class AuditEventConnection extends Connection(AuditEvent) {}
