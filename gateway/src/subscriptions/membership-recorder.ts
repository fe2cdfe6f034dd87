import { CALLER_HEADER, type Caller, type Logger, signCaller, SUBSCRIPTION_RECORDER } from '@clinicflow/platform';

/** The subgraph that keeps the audit log's queries, and so the record of subscription groups' members. */
export const AUDIT_SUBGRAPH = 'patients';

export interface MembershipChange {
  groupSubject: string;
  change: 'JOINED' | 'LEFT';
  occurredAt: string;
  subject: string;
  role: string;
  clientId: string | null;
  ip: string | null;
}

/** Changes per request: well inside the subgraph's body limit (2 MB) and its list limit (10,000). */
const BATCH = 2_000;

const RECORD = `mutation RecordSubscriptionMembership($changes: [SubscriptionMembershipInput!]!) {
  recordSubscriptionMembership(changes: $changes)
}`;

/**
 * Writes who joins and leaves each live-subscription group to the audit log (through the patients
 * subgraph's `@inaccessible` field), so that a live event's audit record, which names the group, can be
 * traced to the people it reached. Batched: changes wait up to `flushMs` and go in one request. A write
 * that fails is logged at error level (`subscription membership not recorded`) and not retried: the
 * subscriptions keep working, as reads do when the audit log cannot be written (decision 0009).
 */
export class MembershipRecorder {
  private pending: MembershipChange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: () => string | undefined,
    private readonly contextSigningSecret: string,
    private readonly logger: Logger,
    private readonly flushMs = 1_000,
  ) {}

  joined(groupSubject: string, member: Caller & { ip?: string }): void {
    this.add(groupSubject, 'JOINED', member);
  }

  left(groupSubject: string, member: Caller & { ip?: string }): void {
    this.add(groupSubject, 'LEFT', member);
  }

  /** Writes what is waiting now; resolves when it is written (or its failure logged). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const changes = this.pending;
    this.pending = [];
    for (let start = 0; start < changes.length; start += BATCH) {
      const batch = changes.slice(start, start + BATCH);
      this.flushing = this.flushing.then(() => this.write(batch));
    }
    await this.flushing;
  }

  private add(groupSubject: string, change: MembershipChange['change'], member: Caller & { ip?: string }): void {
    this.pending.push({
      groupSubject,
      change,
      occurredAt: new Date().toISOString(),
      subject: member.subject,
      role: member.role,
      clientId: member.clientId ?? null,
      ip: member.ip ?? null,
    });
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  private async write(changes: MembershipChange[]): Promise<void> {
    const failed = (error?: unknown) =>
      this.logger.error({ err: error, changes: changes.length }, 'subscription membership not recorded');
    const target = this.url();
    if (!target) return failed();
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: await signCaller(SUBSCRIPTION_RECORDER, this.contextSigningSecret),
        },
        body: JSON.stringify({ query: RECORD, variables: { changes } }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || body.errors?.length) failed();
    } catch (error) {
      failed(error);
    }
  }
}
