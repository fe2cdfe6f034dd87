import { defineSubgraph } from '@clinicflow/platform';
import { createQueueContext } from './context';
import { Appointment } from './domain/appointment.entity';
import { Facility } from './domain/facility.entity';
import { PriorityChange } from './domain/priority-change.entity';
import { ProviderArrival } from './domain/provider-arrival.entity';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './domain/queue-changes';
import { QueueEntry } from './domain/queue-entry.entity';
import { ServiceEstimate } from './domain/service-estimate.entity';
import { ServicePoint } from './domain/service-point.entity';
import { Service } from './domain/service.entity';
import { startQueueWorkers } from './events/queue-workers';
import { startEhrAppointmentWorkers } from './events/ehr-appointment-workers';
import { CreateQueue1763800000000 } from './migrations/1763800000000-create-queue';
import { PatientFlow1763800000001 } from './migrations/1763800000001-patient-flow';
import { AppointmentResolver } from './schema/appointment.resolver';
import { AppointmentLookupResolver } from './schema/appointment-lookup.resolver';
import { DeliveryResolver } from './schema/delivery.resolver';
import { FacilityResolver } from './schema/facility.resolver';
import { PatientQueueResolver } from './schema/patient-queue.resolver';
import { ProviderArrivalResolver } from './schema/provider-arrival.resolver';
import { QueueActionResolver } from './schema/queue-action.resolver';
import { QueueEntryFlowResolver } from './schema/queue-entry-flow.resolver';
import { QueueEntryResolver } from './schema/queue-entry.resolver';
import { QueueUpdateResolver } from './schema/queue-update.resolver';
import { queueReferenceResolvers } from './schema/references';
import { ScheduleAlertResolver } from './schema/schedule-alert.resolver';
import { ServiceResolver } from './schema/service.resolver';
import { OutboundWebhooks1764200000000 } from './migrations/1764200000000-outbound-webhooks';
import { LabFlow1764600000000 } from './migrations/1764600000000-lab-flow';
import { WebhookAttempt } from './webhooks/webhook-attempt.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookEvent } from './webhooks/webhook-event.entity';
import { WebhookResolver } from './webhooks/webhook.resolver';

/**
 * The queue subgraph. Tests and the estimate benchmark pass their own clock, and tests a shorter
 * estimate refresh interval; everything else runs with the defaults (`queueSubgraph`).
 */
export function createQueueSubgraph(overrides: Partial<QueueSettings> = {}) {
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...overrides };
  return defineSubgraph({
    name: 'queue',
    defaultPort: 4002,
    entities: [
      Facility,
      Service,
      ServicePoint,
      QueueEntry,
      Appointment,
      PriorityChange,
      ServiceEstimate,
      WebhookEndpoint,
      WebhookEvent,
      WebhookAttempt,
      ProviderArrival,
    ],
    migrations: [
      CreateQueue1763800000000,
      PatientFlow1763800000001,
      OutboundWebhooks1764200000000,
      LabFlow1764600000000,
    ],
    resolvers: [
      FacilityResolver,
      ServiceResolver,
      ScheduleAlertResolver,
      QueueEntryResolver,
      QueueEntryFlowResolver,
      QueueActionResolver,
      QueueUpdateResolver,
      AppointmentResolver,
      AppointmentLookupResolver,
      PatientQueueResolver,
      DeliveryResolver,
      WebhookResolver,
      ProviderArrivalResolver,
    ],
    referenceResolvers: queueReferenceResolvers,
    createContext: (caller, resources) => createQueueContext(caller, resources, settings),
    startWorkers: async (resources) => {
      const queue = await startQueueWorkers(resources, settings);
      const ehrAppointments = await startEhrAppointmentWorkers(resources, settings);
      return { stop: () => Promise.all([queue.stop(), ehrAppointments.stop()]).then(() => undefined) };
    },
  });
}

export const queueSubgraph = createQueueSubgraph();
