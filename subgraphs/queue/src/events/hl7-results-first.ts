import {
  type Consumer,
  defineConsumer,
  LAB_RESULTS_CLEARED,
  LAB_RESULTS_PENDING,
  type SubgraphResources,
} from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';
import { loadResultsFirstServices } from '../domain/results-first';

/**
 * Results-first visits (domain/results-first.ts): while a patient's lab results are pending, their
 * entries in the services configured to need results first are held or lowered, as each facility
 * configures; once none is pending (resulted or cancelled) they are released or restored. Through
 * the queue's own changes, so displays hear of each. With no services configured, it does nothing.
 */
export function resultsFirstConsumers(resources: SubgraphResources, settings: QueueSettings): Consumer<unknown>[] {
  if (loadResultsFirstServices(resources.environment).length === 0) return [];
  const queue = new QueueService(resources, settings);
  return [
    defineConsumer<unknown>({
      name: 'queue.hl7-results-pending',
      events: [LAB_RESULTS_PENDING.name, LAB_RESULTS_CLEARED.name],
      ordered: true,
      pollingIntervalSeconds: 0.5,
      handler: async ({ event, data }) => {
        const pending = event === LAB_RESULTS_PENDING.name;
        const { patientId } = (pending ? LAB_RESULTS_PENDING : LAB_RESULTS_CLEARED).schema.parse(data);
        await queue.labResultsChanged(patientId, pending);
      },
    }),
  ];
}
