import { defineConsumer, startConsumers, type SubgraphResources } from '@clinicflow/platform';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';
import { appointmentReminderConsumer } from './notification-requests';
import { criticalResultConsumer } from './critical-result';
import { hl7AppointmentConsumer } from './hl7-appointments';
import { resultsFirstConsumers } from './hl7-results-first';
import { specimenCollectedConsumer } from './specimen-collected';
import { webhookConsumers } from '../webhooks/webhook-consumers';
import { webhookSettingsOf } from '../webhooks/webhook-settings';
import { ESTIMATE_REFRESH_JOB, type EstimateRefresh, NO_SHOW_JOB, type NoShowCheck } from './queue-jobs';

/**
 * The queue's job consumers: automatic no-shows and estimate refreshes. Both are idempotent (a
 * no-show applies only to the call that scheduled it; a refresh recomputes from the current state),
 * so they may be retried or run on any replica; one that fails every attempt waits in its
 * dead-letter queue (`failedDeliveries`). Their queues are created before any change is made,
 * as pg-boss 10 drops jobs sent to a queue that does not exist.
 */
export function queueConsumers(queue: QueueService) {
  return [
    defineConsumer<NoShowCheck>({
      name: NO_SHOW_JOB,
      handler: async ({ data }) => {
        await queue.expireCall(data);
      },
    }),
    defineConsumer<EstimateRefresh>({
      name: ESTIMATE_REFRESH_JOB,
      policy: 'short',
      handler: async ({ data }) => {
        await queue.refreshEstimates(data.facilityId);
      },
    }),
  ];
}

export async function startQueueWorkers(
  resources: SubgraphResources,
  settings: QueueSettings,
): Promise<{ stop(): Promise<void> }> {
  const queue = new QueueService(resources, settings);
  const webhooks = webhookConsumers(resources, webhookSettingsOf(resources.environment));
  return startConsumers(
    resources.jobs,
    [
      ...queueConsumers(queue),
      ...webhooks,
      appointmentReminderConsumer(resources),
      criticalResultConsumer(resources, settings),
      hl7AppointmentConsumer(resources, settings),
      ...resultsFirstConsumers(resources, settings),
      specimenCollectedConsumer(resources, settings),
    ],
    {
      logger: resources.logger,
    },
  );
}
