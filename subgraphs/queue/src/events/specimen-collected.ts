import { defineConsumer, SPECIMEN_COLLECTED, type SubgraphResources } from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';

/**
 * A specimen collected during a visit keeps its room longer: the entries waiting behind it in the
 * service are estimated later by the collection's time (domain/visit-extension.ts). Idempotent by
 * the collection's id; a patient's collections apply in the order they were recorded.
 */
export function specimenCollectedConsumer(resources: SubgraphResources, settings: QueueSettings) {
  const queue = new QueueService(resources, settings);
  return defineConsumer<unknown>({
    name: 'queue.specimen-collected',
    events: [SPECIMEN_COLLECTED.name],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      const data = SPECIMEN_COLLECTED.schema.parse(delivery.data);
      const recorded = await queue.extendVisit({ ...data, collectedAt: new Date(data.collectedAt) });
      if (!recorded) {
        resources.logger.info({ collectionId: data.collectionId }, 'Specimen collection outside a visit in progress');
      }
    },
  });
}
