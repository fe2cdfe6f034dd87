import { type Consumer, defineConsumer, type SubgraphResources } from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';
import { loadResultsFirstServices } from '../domain/results-first';

/** What clinical publishes when a patient's lab results become pending, and when none is pending any more. */
export interface LabResultsPending {
  patientId: string;
}

/**
 * Results-first visits (domain/results-first.ts): while a patient's lab results are pending, their
 * entries in the services configured to need results first are held or lowered, as each facility
 * configures; once none is pending (resulted or cancelled) they are released or restored. Through
 * the queue's own changes, so displays hear of each. With no services configured, it does nothing.
 */
export function resultsFirstConsumers(
  resources: SubgraphResources,
  settings: QueueSettings,
): Consumer<LabResultsPending>[] {
  if (loadResultsFirstServices(resources.environment).length === 0) return [];
  const queue = new QueueService(resources, settings);
  return [
    defineConsumer<LabResultsPending>({
      name: 'queue.hl7-results-pending',
      events: ['clinical.lab-results-pending', 'clinical.lab-results-cleared'],
      ordered: true,
      pollingIntervalSeconds: 0.5,
      handler: async ({ event, data }) => {
        await queue.labResultsChanged(data.patientId, event === 'clinical.lab-results-pending');
      },
    }),
  ];
}
