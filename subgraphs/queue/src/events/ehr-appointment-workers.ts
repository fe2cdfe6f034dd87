import { defineConsumer, EHR_APPOINTMENT_CHANGED, startConsumers, type SubgraphResources } from '@clinicflow/platform';
import { QueueChanges, type QueueSettings } from '../domain/queue-changes';
import { applyEhrAppointment } from './ehr-appointment-sync';
import { QueueEventPublisher } from './queue-events';

/** The queue's consumer of EHR appointment changes: one appointment's versions at a time, in order. */
export async function startEhrAppointmentWorkers(
  resources: SubgraphResources,
  settings: QueueSettings,
): Promise<{ stop(): Promise<void> }> {
  const changes = new QueueChanges(
    resources.database.dataSource,
    resources.jobs,
    new QueueEventPublisher(resources.liveEvents.pubSub, resources.logger),
    settings,
  );
  return startConsumers(
    resources.jobs,
    [
      defineConsumer<unknown>({
        name: 'queue.ehr-appointments',
        events: [EHR_APPOINTMENT_CHANGED.name],
        ordered: true,
        pollingIntervalSeconds: 0.5,
        handler: ({ data }) =>
          applyEhrAppointment(changes, EHR_APPOINTMENT_CHANGED.schema.parse(data), resources.logger),
      }),
    ],
    { logger: resources.logger },
  );
}
