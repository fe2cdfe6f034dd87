import { defineConsumer, startConsumers, type SubgraphResources } from '@clinicflow/platform';
import { ehrAdapterOf } from '../adapters/fhir/ehr-adapter';
import { EhrSyncService } from '../domain/ehr-sync.service';
import { EhrSyncPoller } from './ehr-sync-poller';
import { PATIENT_UPDATED, type PatientUpdated } from './sync-events';

/** About a day of attempts: a pending write waits out an EHR outage in the queue, in order. */
const ATTEMPTS_PER_DAY = 86_400;

/**
 * The EHR sync's workers, when an EHR is configured: the poller (EHR to ClinicFlow) and the write
 * queue (ClinicFlow to EHR), one patient's changes at a time and in order, each retried while the
 * EHR is down so that later changes wait behind it.
 */
export async function startEhrWorkers(resources: SubgraphResources): Promise<{ stop(): Promise<void> }> {
  const ehr = ehrAdapterOf(resources);
  if (!ehr) return { stop: async () => {} };
  const sync = new EhrSyncService(resources.database, resources.jobs, ehr, resources.logger);
  const retrySeconds = ehr.settings.EHR_RETRY_SECONDS;
  const consumers = await startConsumers(
    resources.jobs,
    [
      defineConsumer<PatientUpdated>({
        name: 'patients.ehr-push',
        events: [PATIENT_UPDATED],
        ordered: true,
        retry: { limit: Math.ceil(ATTEMPTS_PER_DAY / retrySeconds), delaySeconds: retrySeconds, backoff: false },
        pollingIntervalSeconds: 0.5,
        handler: async ({ data }) => {
          try {
            await sync.pushChange(data);
          } catch (error) {
            if (sync.isRetriable(error)) throw error;
          }
        },
      }),
    ],
    { logger: resources.logger },
  );
  const poller = new EhrSyncPoller(resources.database, resources.jobs, ehr, sync, resources.logger);
  poller.start();
  return {
    stop: async () => {
      await poller.stop();
      await consumers.stop();
    },
  };
}
