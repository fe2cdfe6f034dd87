import { badUserInput } from '@clinicflow/platform';
import { QueueChangeReason } from '../events/queue-change';
import { PriorityChange } from './priority-change.entity';
import type { QueueTransaction } from './queue-changes';
import type { QueueEntry } from './queue-entry.entity';
import { lockEntryFor } from './transitions';

export interface PriorityRequest {
  entryId: string;
  priority: number;
  reason: string;
  /** The subject of the staff member's token. */
  changedBy: string;
}

/** Changes a waiting or held entry's priority, keeping who changed it, when, from what, to what and why. */
export async function changePriority(tx: QueueTransaction, request: PriorityRequest): Promise<QueueEntry> {
  const entry = await lockEntryFor(tx.manager, request.entryId, 'changePriority');
  if (entry.priority === request.priority) {
    throw badUserInput(`The entry already has priority ${request.priority}`, { argument: 'priority' });
  }
  await tx.manager.insert(PriorityChange, {
    queueEntryId: entry.id,
    fromPriority: entry.priority,
    toPriority: request.priority,
    reason: request.reason,
    changedBy: request.changedBy,
    changedAt: tx.now,
  });
  entry.priority = request.priority;
  const saved = await tx.manager.save(entry);
  await tx.record(entry.facilityId, QueueChangeReason.PRIORITY_CHANGED, entry.id);
  return saved;
}
