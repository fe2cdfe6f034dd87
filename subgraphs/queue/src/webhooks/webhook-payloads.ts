import { publishEvent, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from './webhook-event-type';

/**
 * What each event carries: ids and what a waiting-room screen shows anyway (tokens, room names,
 * times, statuses). Never a patient's id, name, contact details or anything clinical: a third party
 * that needs more asks the API, where its own rights apply. docs/webhooks.md lists the same shapes.
 */
export interface AppointmentPayload {
  appointmentId: string;
  facilityId: string;
  serviceId: string;
  /** BOOKED, CHECKED_IN, CANCELLED or NO_SHOW (the API's AppointmentStatus); COMPLETED for a completed visit. */
  status: string;
  startsAt: string;
  /** The queue entry the appointment was checked in as, once it has one. */
  queueEntryId: string | null;
  occurredAt: string;
}

export interface ProviderArrivedPayload {
  servicePointId: string;
  servicePointName: string;
  facilityId: string;
  arrivedAt: string;
}

export interface ServiceSchedule {
  serviceId: string;
  minutesPerPlace: number;
  runningLate: boolean;
  longestWaitMinutes: number | null;
  slotMinutes: number | null;
  lateSince: string | null;
}

export interface ScheduleUpdatedPayload {
  facilityId: string;
  services: ServiceSchedule[];
  occurredAt: string;
}

export interface TokenCalledPayload {
  queueEntryId: string;
  facilityId: string;
  serviceId: string;
  servicePointId: string | null;
  servicePointName: string | null;
  token: string;
  /** 1 for the first call, 2 for the first recall, and so on. */
  callNumber: number;
  calledAt: string;
}

export interface LinePosition {
  queueEntryId: string;
  token: string;
  position: number;
}

export interface PositionChangedPayload {
  facilityId: string;
  serviceId: string;
  /** The entries whose place moved, by new place; only places up to ANNOUNCED_PLACES are announced. */
  positions: LinePosition[];
  occurredAt: string;
}

export interface WebhookPayloads {
  [WebhookEventType.APPOINTMENT_CREATED]: AppointmentPayload;
  [WebhookEventType.APPOINTMENT_UPDATED]: AppointmentPayload;
  [WebhookEventType.APPOINTMENT_CANCELLED]: AppointmentPayload;
  [WebhookEventType.APPOINTMENT_COMPLETED]: AppointmentPayload;
  [WebhookEventType.PROVIDER_ARRIVED]: ProviderArrivedPayload;
  [WebhookEventType.SCHEDULE_UPDATED]: ScheduleUpdatedPayload;
  [WebhookEventType.TOKEN_CALLED]: TokenCalledPayload;
  [WebhookEventType.QUEUE_POSITION_CHANGED]: PositionChangedPayload;
}

/** Publishes one of the events with the change's transaction; its key is the facility, whose events it orders. */
export async function publishWebhookEvent<K extends WebhookEventType>(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  type: K,
  payload: WebhookPayloads[K],
): Promise<void> {
  await publishEvent(jobs, manager, type, payload, { key: payload.facilityId });
}
