import { type Database, keysetPage, type Page, type SortKey } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import type { AuditEventArgs } from '../schema/audit-event.inputs';
import { AuditEvent } from './audit-event.entity';

/** Newest first; the id breaks ties within a millisecond. */
const NEWEST_FIRST: SortKey<AuditEvent>[] = [
  { column: 'event.occurred_at', direction: 'DESC', type: 'timestamp', valueOf: (event) => event.occurredAt },
  { column: 'event.id', direction: 'DESC', type: 'uuid', valueOf: (event) => event.id },
];

/** Reads the audit log. Only reads: the log has no update or delete path anywhere in ClinicFlow. */
export class AuditEventService {
  private readonly events: Repository<AuditEvent>;

  constructor(database: Database) {
    this.events = database.dataSource.getRepository(AuditEvent);
  }

  async list(args: AuditEventArgs): Promise<Page<AuditEvent>> {
    const query = this.events.createQueryBuilder('event');
    if (args.patientId) query.andWhere('event.patient_id = :patientId', { patientId: args.patientId });
    if (args.subject) query.andWhere('event.subject = :subject', { subject: args.subject });
    if (args.from) query.andWhere('event.occurred_at >= :from', { from: args.from });
    if (args.to) query.andWhere('event.occurred_at < :to', { to: args.to });
    return keysetPage(query, NEWEST_FIRST, args);
  }
}
