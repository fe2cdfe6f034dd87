import { defineConsumer, type SubgraphResources } from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';

/** What clinical publishes when staff record a specimen collection (`clinical.specimen-collected`), ids only. */
export interface SpecimenCollected {
  collectionId: string;
  patientId: string;
  queueEntryId: string | null;
  /** ISO 8601 */
  collectedAt: string;
  /** How long the collection keeps the room, from clinical's settings for the specimen kind. */
  minutes: number;
}

/**
 * A specimen collected during a visit keeps its room longer: the entries waiting behind it in the
 * service are estimated later by the collection's time (domain/visit-extension.ts). Idempotent by
 * the collection's id; a patient's collections apply in the order they were recorded.
 */
export function specimenCollectedConsumer(resources: SubgraphResources, settings: QueueSettings) {
  const queue = new QueueService(resources, settings);
  return defineConsumer<SpecimenCollected>({
    name: 'queue.specimen-collected',
    events: ['clinical.specimen-collected'],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async ({ data }) => {
      const recorded = await queue.extendVisit({ ...data, collectedAt: new Date(data.collectedAt) });
      if (!recorded) {
        resources.logger.info({ collectionId: data.collectionId }, 'Specimen collection outside a visit in progress');
      }
    },
  });
}
