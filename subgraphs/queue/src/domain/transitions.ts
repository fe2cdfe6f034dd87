import { conflict, notFound } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { QueueEntry, QueueStatus } from './queue-entry.entity';

const { WAITING, CALLED, IN_SERVICE, HELD } = QueueStatus;

/**
 * The queue's state machine, as data: the statuses each action may start from, and how a refusal
 * words it. Calling the next patient starts from WAITING by construction (it picks only those).
 */
export const ACTIONS = {
  recall: { from: [CALLED], done: 'recalled' },
  skip: { from: [CALLED], done: 'skipped' },
  startService: { from: [CALLED], done: 'started' },
  complete: { from: [IN_SERVICE], done: 'completed' },
  markNoShow: { from: [CALLED], done: 'marked a no-show' },
  cancel: { from: [WAITING, CALLED, HELD], done: 'cancelled' },
  hold: { from: [WAITING, CALLED], done: 'held' },
  release: { from: [HELD], done: 'released' },
  transfer: { from: [WAITING, CALLED, IN_SERVICE, HELD], done: 'transferred' },
  changePriority: { from: [WAITING, HELD], done: 'given another priority' },
} satisfies Record<string, { from: QueueStatus[]; done: string }>;

export type QueueAction = keyof typeof ACTIONS;

const named = (status: QueueStatus) => status.toUpperCase();

/**
 * Locks an entry for the rest of the transaction and checks that the action may start from its
 * status: NOT_FOUND for an unknown id, CONFLICT naming the current status otherwise.
 */
export async function lockEntryFor(manager: EntityManager, id: string, action: QueueAction): Promise<QueueEntry> {
  const entry = await manager.findOne(QueueEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!entry) throw notFound('QueueEntry', id);
  const { done } = ACTIONS[action];
  const from: readonly QueueStatus[] = ACTIONS[action].from;
  if (!from.includes(entry.status)) {
    throw conflict(
      `Queue entry ${entry.token} is ${named(entry.status)}; it can be ${done} only when ${from.map(named).join(' or ')}`,
      { status: named(entry.status) },
    );
  }
  return entry;
}
