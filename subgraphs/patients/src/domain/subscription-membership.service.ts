import { randomUUID } from 'node:crypto';
import { type Database, keysetPage, type Page, type PageArgs, type SortKey } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import { type MembershipChange, SubscriptionMembership } from './subscription-membership.entity';

/** Oldest first: the group's history in the order it happened; the id breaks ties within a millisecond. */
const OLDEST_FIRST: SortKey<SubscriptionMembership>[] = [
  { column: 'member.occurred_at', direction: 'ASC', type: 'timestamp', valueOf: (row) => row.occurredAt },
  { column: 'member.id', direction: 'ASC', type: 'uuid', valueOf: (row) => row.id },
];

export interface MembershipRecord {
  groupSubject: string;
  change: MembershipChange;
  occurredAt: Date;
  subject: string;
  role: string;
  clientId?: string | null;
  ip?: string | null;
}

/** Who was in which live-subscription group: appended by the gateway, read by compliance. */
export class SubscriptionMembershipService {
  private readonly members: Repository<SubscriptionMembership>;

  constructor(database: Database) {
    this.members = database.dataSource.getRepository(SubscriptionMembership);
  }

  async record(records: MembershipRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    await this.members.insert(
      records.map((record) => ({
        ...record,
        id: randomUUID(),
        clientId: record.clientId ?? null,
        ip: record.ip ?? null,
      })),
    );
    return records.length;
  }

  async list(groupSubject: string, page: PageArgs): Promise<Page<SubscriptionMembership>> {
    const query = this.members
      .createQueryBuilder('member')
      .where('member.group_subject = :groupSubject', { groupSubject });
    return keysetPage(query, OLDEST_FIRST, page);
  }
}
