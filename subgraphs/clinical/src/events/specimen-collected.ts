import { publishEvent, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { SpecimenCollection } from '../domain/specimen-collection.entity';

/** A specimen was collected during a visit: the queue's `queue.specimen-collected` moves the waits behind it. */
export const SPECIMEN_COLLECTED_EVENT = 'clinical.specimen-collected';

/** Ids, the time and the room minutes only: never the kind of specimen (the queue needs no clinical detail). */
export interface SpecimenCollected {
  collectionId: string;
  patientId: string;
  queueEntryId: string | null;
  /** ISO 8601 */
  collectedAt: string;
  minutes: number;
}

/** With the collection's transaction, keyed by patient so a patient's collections apply in order. */
export async function publishSpecimenCollected(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  collection: SpecimenCollection,
): Promise<void> {
  const event: SpecimenCollected = {
    collectionId: collection.id,
    patientId: collection.patientId,
    queueEntryId: collection.queueEntryId,
    collectedAt: collection.collectedAt.toISOString(),
    minutes: collection.minutes,
  };
  await publishEvent(jobs, manager, SPECIMEN_COLLECTED_EVENT, event, { key: collection.patientId });
}
