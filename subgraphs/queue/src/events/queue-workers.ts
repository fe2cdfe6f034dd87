import type { SubgraphResources } from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';
import {
  createQueueJobQueues,
  ESTIMATE_REFRESH_JOB,
  type EstimateRefresh,
  NO_SHOW_JOB,
  type NoShowCheck,
} from './queue-jobs';

/**
 * The queue's job consumers: automatic no-shows and estimate refreshes. Both are idempotent (a
 * no-show applies only to the call that scheduled it; a refresh recomputes from the current state),
 * so pg-boss may retry them or run them on any replica.
 */
export async function startQueueWorkers(
  resources: SubgraphResources,
  settings: QueueSettings,
): Promise<{ stop(): Promise<void> }> {
  const { jobs } = resources;
  await createQueueJobQueues(jobs);
  const queue = new QueueService(resources, settings);
  const workers = [
    await jobs.work<NoShowCheck>(NO_SHOW_JOB, async (due) => {
      for (const job of due) await queue.expireCall(job.data);
    }),
    await jobs.work<EstimateRefresh>(ESTIMATE_REFRESH_JOB, async (due) => {
      for (const job of due) await queue.refreshEstimates(job.data.facilityId);
    }),
  ];
  return {
    stop: async () => {
      for (const id of workers) await jobs.offWork({ id });
    },
  };
}
