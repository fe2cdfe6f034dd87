import { In } from 'typeorm';
import { QueueChangeReason } from '../events/queue-change';
import type { QueueTransaction } from './queue-changes';
import { QueueEntry, QueueStatus } from './queue-entry.entity';

/** The statuses of a visit in progress: its room or counter is taken. */
const IN_VISIT: readonly QueueStatus[] = [QueueStatus.CALLED, QueueStatus.IN_SERVICE];

/** A specimen collection that keeps a visit's room busy (from clinical's `clinical.specimen-collected`). */
export interface VisitExtension {
  /** Clinical's collection id: one extension per collection, however often it is delivered. */
  collectionId: string;
  patientId: string;
  /** The visit named by clinical staff; without it, the patient's visit in progress. */
  queueEntryId: string | null;
  collectedAt: Date;
  minutes: number;
}

/**
 * Records that a visit in progress keeps its room `minutes` longer from the collection on: the
 * estimates of the service's waiting entries add what is left of it (wait-estimates.ts) until it
 * ends or the visit does, and the facility's displays hear ESTIMATES_UPDATED. A collection outside
 * a visit in progress (no such entry, another patient's entry, a visit already over) takes no room
 * of the queue's and changes nothing. Answers whether it was recorded.
 */
export async function extendVisit(tx: QueueTransaction, extension: VisitExtension): Promise<boolean> {
  const entry = await tx.manager.findOne(QueueEntry, {
    where: {
      patientId: extension.patientId,
      status: In([...IN_VISIT]),
      ...(extension.queueEntryId ? { id: extension.queueEntryId } : {}),
    },
    order: { calledAt: 'DESC', id: 'DESC' },
  });
  if (!entry) return false;
  const endsAt = new Date(extension.collectedAt.getTime() + extension.minutes * 60_000);
  const inserted = (await tx.manager.query(
    `INSERT INTO queue.visit_extension (collection_id, queue_entry_id, service_id, starts_at, ends_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (collection_id) DO NOTHING RETURNING collection_id`,
    [extension.collectionId, entry.id, entry.serviceId, extension.collectedAt, endsAt],
  )) as unknown[];
  if (inserted.length === 0) return false;
  await tx.record(entry.facilityId, QueueChangeReason.ESTIMATES_UPDATED, null);
  return true;
}
