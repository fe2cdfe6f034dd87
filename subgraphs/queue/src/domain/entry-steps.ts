import { QueueChangeReason } from '../events/queue-change';
import type { QueueTransaction } from './queue-changes';
import { type QueueEntry, QueueStatus } from './queue-entry.entity';
import { lockEntryFor, type QueueAction } from './transitions';

/** One step of an entry through its visit: lock, check the transition, change, count the change. */
async function step(
  tx: QueueTransaction,
  entryId: string,
  action: QueueAction,
  reason: QueueChangeReason,
  change: (entry: QueueEntry) => void,
): Promise<QueueEntry> {
  const entry = await lockEntryFor(tx.manager, entryId, action);
  change(entry);
  const saved = await tx.manager.save(entry);
  await tx.record(entry.facilityId, reason, entry.id);
  return saved;
}

export const startService = (tx: QueueTransaction, entryId: string) =>
  step(tx, entryId, 'startService', QueueChangeReason.STARTED, (entry) => {
    entry.status = QueueStatus.IN_SERVICE;
    entry.serviceStartedAt = tx.now;
  });

export const complete = (tx: QueueTransaction, entryId: string) =>
  step(tx, entryId, 'complete', QueueChangeReason.COMPLETED, (entry) => {
    entry.status = QueueStatus.COMPLETED;
    entry.completedAt = tx.now;
  });

export const cancel = (tx: QueueTransaction, entryId: string, reason: string) =>
  step(tx, entryId, 'cancel', QueueChangeReason.CANCELLED, (entry) => {
    entry.status = QueueStatus.CANCELLED;
    entry.statusReason = reason;
  });

/** A held entry keeps its place in line (its priority and queuedAt), but nobody calls it until it is released. */
export const hold = (tx: QueueTransaction, entryId: string, reason: string) =>
  step(tx, entryId, 'hold', QueueChangeReason.HELD, (entry) => {
    entry.status = QueueStatus.HELD;
    entry.statusReason = reason;
  });

export const release = (tx: QueueTransaction, entryId: string) =>
  step(tx, entryId, 'release', QueueChangeReason.RELEASED, (entry) => {
    entry.status = QueueStatus.WAITING;
    entry.statusReason = null;
  });
