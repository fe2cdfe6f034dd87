import { publishContract, SPECIMEN_COLLECTED, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { SpecimenCollection } from '../domain/specimen-collection.entity';

/**
 * A specimen was collected during a visit: the queue's `queue.specimen-collected` moves the waits behind
 * it. With the collection's transaction, keyed by patient so a patient's collections apply in order.
 */
export async function publishSpecimenCollected(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  collection: SpecimenCollection,
): Promise<void> {
  await publishContract(
    jobs,
    manager,
    SPECIMEN_COLLECTED,
    {
      collectionId: collection.id,
      patientId: collection.patientId,
      queueEntryId: collection.queueEntryId,
      collectedAt: collection.collectedAt.toISOString(),
      minutes: collection.minutes,
    },
    { key: collection.patientId },
  );
}
