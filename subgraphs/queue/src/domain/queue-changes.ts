import { notFound } from '@clinicflow/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { type QueueChange, QueueChangeReason } from '../events/queue-change';
import type { QueueEventPublisher } from '../events/queue-events';
import { type Jobs, scheduleEstimateRefresh } from '../events/queue-jobs';
import { publishQueueChangeEvents } from '../webhooks/queue-change-events';
import { publishNotificationRequests } from '../events/notification-requests';
import { type Clock, systemClock } from './clock';
import { Facility } from './facility.entity';
import type { ResultsFirstService } from './results-first';

export interface QueueSettings {
  clock: Clock;
  /** Shortest time between two estimate refreshes (and so ESTIMATES_UPDATED events) of a facility. */
  estimateRefreshSeconds: number;
  /** The results-first services; read from `RESULTS_FIRST_SERVICES` when not given (see results-first.ts). */
  resultsFirst?: readonly ResultsFirstService[];
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { clock: systemClock, estimateRefreshSeconds: 30 };

/** One change of the queue in progress: its transaction, the time it happens at, and what it changed. */
export class QueueTransaction {
  readonly changes: QueueChange[] = [];
  private readonly refreshAsked = new Set<string>();

  constructor(
    readonly manager: EntityManager,
    readonly now: Date,
    readonly jobs: Jobs,
    private readonly settings: QueueSettings,
  ) {}

  /**
   * Counts one change of a facility's queue. The facility row stays locked until the commit, so the
   * facility's changes commit in sequence order, and a rollback takes its number back: the sequence
   * has no gaps, and a gap seen by a client means a lost event. Also asks for an estimate refresh.
   */
  async record(facilityId: string, reason: QueueChangeReason, entryId: string | null): Promise<void> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Facility)
      .set({ sequence: () => 'sequence + 1' })
      .where('id = :facilityId', { facilityId })
      .returning('sequence')
      .execute();
    const [counted] = result.raw as { sequence: number }[];
    if (!counted) throw notFound('Facility', facilityId);
    this.changes.push({ facilityId, sequence: counted.sequence, reason, entryId, occurredAt: this.now.toISOString() });
    if (reason !== QueueChangeReason.ESTIMATES_UPDATED && !this.refreshAsked.has(facilityId)) {
      this.refreshAsked.add(facilityId);
      await scheduleEstimateRefresh(this.jobs, this.manager, facilityId, this.settings.estimateRefreshSeconds);
    }
  }
}

/** Runs each change of the queue in one transaction and publishes its events once it has committed. */
export class QueueChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: Jobs,
    private readonly events: QueueEventPublisher,
    private readonly settings: QueueSettings,
  ) {}

  async run<T>(work: (tx: QueueTransaction) => Promise<T>): Promise<T> {
    let committed: QueueChange[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new QueueTransaction(manager, this.settings.clock.now(), this.jobs, this.settings);
      const value = await work(tx);
      await publishQueueChangeEvents(tx);
      await publishNotificationRequests(tx);
      committed = tx.changes;
      return value;
    });
    // Only here, after the commit: a change that rolled back (at any statement, or at COMMIT) never reaches this line.
    await this.events.publish(committed);
    return result;
  }
}
