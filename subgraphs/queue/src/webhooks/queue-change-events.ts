import { In } from 'typeorm';
import { Appointment, type AppointmentStatus } from '../domain/appointment.entity';
import type { QueueTransaction } from '../domain/queue-changes';
import { QueueEntry } from '../domain/queue-entry.entity';
import { ServiceEstimate } from '../domain/service-estimate.entity';
import { ServicePoint } from '../domain/service-point.entity';
import { type QueueChange, QueueChangeReason, TOKEN_CALLS } from '../events/queue-change';
import { announceMovedPositions } from './line-positions';
import { WebhookEventType } from './webhook-event-type';
import { type AppointmentPayload, publishWebhookEvent } from './webhook-payloads';

/** The appointment events a change of its queue entry makes, with the status they report. */
const APPOINTMENT_STEPS: ReadonlyMap<QueueChangeReason, { type: WebhookEventType; status: string }> = new Map([
  [QueueChangeReason.CHECKED_IN, { type: WebhookEventType.APPOINTMENT_UPDATED, status: 'CHECKED_IN' }],
  [QueueChangeReason.NO_SHOW, { type: WebhookEventType.APPOINTMENT_UPDATED, status: 'NO_SHOW' }],
  [QueueChangeReason.COMPLETED, { type: WebhookEventType.APPOINTMENT_COMPLETED, status: 'COMPLETED' }],
]);

/** The GraphQL name of a stored appointment status (`checked_in` → `CHECKED_IN`). */
export const appointmentStatusName = (status: AppointmentStatus) => status.toUpperCase();

export function appointmentPayload(
  appointment: Appointment,
  status: string,
  queueEntryId: string | null,
  occurredAt: Date,
): AppointmentPayload {
  return {
    appointmentId: appointment.id,
    facilityId: appointment.facilityId,
    serviceId: appointment.serviceId,
    status,
    startsAt: appointment.startsAt.toISOString(),
    queueEntryId,
    occurredAt: occurredAt.toISOString(),
  };
}

/**
 * The durable events of a queue change, written with its transaction (so exactly the committed
 * changes have them): tokens called, appointments checked in, missed or completed, estimates
 * settled, and the places in line that moved in each service the change touched.
 */
export async function publishQueueChangeEvents(tx: QueueTransaction): Promise<void> {
  const { manager, jobs, changes } = tx;
  const entryIds = [...new Set(changes.map((change) => change.entryId).filter((id): id is string => id !== null))];
  const entries = new Map(
    (entryIds.length > 0 ? await manager.findBy(QueueEntry, { id: In(entryIds) }) : []).map((row) => [row.id, row]),
  );
  const appointmentIds = [...entries.values()].map((entry) => entry.appointmentId).filter((id) => id !== null);
  const appointments = new Map(
    (appointmentIds.length > 0 ? await manager.findBy(Appointment, { id: In(appointmentIds) }) : []).map((row) => [
      row.id,
      row,
    ]),
  );
  const touchedServices = new Map<string, string>();
  for (const change of changes) {
    if (change.reason === QueueChangeReason.ESTIMATES_UPDATED) {
      await publishScheduleUpdated(tx, change);
      continue;
    }
    const entry = change.entryId ? entries.get(change.entryId) : undefined;
    if (!entry) continue;
    touchedServices.set(entry.serviceId, entry.facilityId);
    if (TOKEN_CALLS.has(change.reason)) await publishTokenCalled(tx, entry);
    const step = APPOINTMENT_STEPS.get(change.reason);
    const appointment = entry.appointmentId ? appointments.get(entry.appointmentId) : undefined;
    if (step && appointment) {
      await publishWebhookEvent(
        jobs,
        manager,
        step.type,
        appointmentPayload(appointment, step.status, entry.id, tx.now),
      );
    }
  }
  for (const [serviceId, facilityId] of touchedServices) {
    const positions = await announceMovedPositions(manager, serviceId);
    if (positions.length === 0) continue;
    await publishWebhookEvent(jobs, manager, WebhookEventType.QUEUE_POSITION_CHANGED, {
      facilityId,
      serviceId,
      positions,
      occurredAt: tx.now.toISOString(),
    });
  }
}

async function publishTokenCalled(tx: QueueTransaction, entry: QueueEntry): Promise<void> {
  const point = entry.servicePointId ? await tx.manager.findOneBy(ServicePoint, { id: entry.servicePointId }) : null;
  await publishWebhookEvent(tx.jobs, tx.manager, WebhookEventType.TOKEN_CALLED, {
    queueEntryId: entry.id,
    facilityId: entry.facilityId,
    serviceId: entry.serviceId,
    servicePointId: point?.id ?? null,
    servicePointName: point?.name ?? null,
    token: entry.token,
    callNumber: entry.callNumber,
    calledAt: (entry.calledAt ?? tx.now).toISOString(),
  });
}

async function publishScheduleUpdated(tx: QueueTransaction, change: QueueChange): Promise<void> {
  const estimates = await tx.manager.find(ServiceEstimate, {
    where: { facilityId: change.facilityId },
    order: { serviceId: 'ASC' },
  });
  await publishWebhookEvent(tx.jobs, tx.manager, WebhookEventType.SCHEDULE_UPDATED, {
    facilityId: change.facilityId,
    services: estimates.map((estimate) => ({
      serviceId: estimate.serviceId,
      minutesPerPlace: estimate.minutesPerPlace,
      runningLate: estimate.alertSince !== null,
      longestWaitMinutes: estimate.alertLongestWaitMinutes,
      slotMinutes: estimate.alertSlotMinutes,
      lateSince: estimate.alertSince?.toISOString() ?? null,
    })),
    occurredAt: change.occurredAt,
  });
}
