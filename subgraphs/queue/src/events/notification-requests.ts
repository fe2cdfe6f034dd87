import { createHash } from 'node:crypto';
import {
  APPOINTMENT_REMINDER_REQUEST,
  CHECKED_IN_REQUEST,
  defineConsumer,
  publishContract,
  publishInTransaction,
  type SubgraphResources,
  TOKEN_CALLED_REQUEST,
  TURN_NEAR_REQUEST,
} from '@clinicflow/platform';
import { type EntityManager, In } from 'typeorm';
import { Appointment, AppointmentStatus } from '../domain/appointment.entity';
import type { QueueTransaction } from '../domain/queue-changes';
import { QueueEntry, QueueStatus } from '../domain/queue-entry.entity';
import { ServicePoint } from '../domain/service-point.entity';
import { Service } from '../domain/service.entity';
import { QueueChangeReason, TOKEN_CALLS } from './queue-change';
import type { Jobs } from './queue-jobs';

/** A waiting patient with this many or fewer ahead of them is told their turn is near (once per entry). */
const TURN_NEAR_AHEAD = 2;

/** The job that sends an appointment's reminder, the day before. */
const APPOINTMENT_REMINDER_JOB = 'queue-appointment-reminder';
const REMINDER_HOURS_BEFORE = 24;
interface AppointmentReminder {
  appointmentId: string;
}

/** A stable event id for a once-only notification (one turn-near per entry): the patients subgraph dedupes on it. */
function onceId(what: string): string {
  const hex = createHash('sha256').update(what).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Asks the patients subgraph to notify patients of what a queue change did to them, with the
 * change's transaction: checked in, called (and where to go), and, for every service the change
 * touched, the waiting patients whose turn is now near. The events carry ids and queue words only;
 * contact details stay with patients (DESIGN.md).
 */
export async function publishNotificationRequests(tx: QueueTransaction): Promise<void> {
  const { manager, jobs, changes } = tx;
  const entryIds = [...new Set(changes.map((change) => change.entryId).filter((id): id is string => id !== null))];
  if (entryIds.length === 0) return;
  const entries = await manager.findBy(QueueEntry, { id: In(entryIds) });
  const services = new Map<string, string>();
  for (const change of changes) {
    const entry = entries.find((candidate) => candidate.id === change.entryId);
    if (!entry) continue;
    services.set(entry.serviceId, entry.facilityId);
    if (change.reason === QueueChangeReason.CHECKED_IN) {
      const service = await manager.findOneByOrFail(Service, { id: entry.serviceId });
      await publishContract(
        jobs,
        manager,
        CHECKED_IN_REQUEST,
        { patientId: entry.patientId, token: entry.token, serviceName: service.name },
        { key: entry.patientId },
      );
    } else if (TOKEN_CALLS.has(change.reason) && entry.servicePointId) {
      const point = await manager.findOneByOrFail(ServicePoint, { id: entry.servicePointId });
      await publishContract(
        jobs,
        manager,
        TOKEN_CALLED_REQUEST,
        { patientId: entry.patientId, token: entry.token, location: point.name },
        { key: entry.patientId },
      );
    }
  }
  for (const serviceId of services.keys()) await announceTurnNear(jobs, tx, serviceId);
}

async function announceTurnNear(jobs: Jobs, tx: QueueTransaction, serviceId: string): Promise<void> {
  const front = await tx.manager.find(QueueEntry, {
    where: { serviceId, status: QueueStatus.WAITING },
    order: { priority: 'DESC', queuedAt: 'ASC', id: 'ASC' },
    take: TURN_NEAR_AHEAD + 1,
  });
  for (const [ahead, entry] of front.entries()) {
    await publishContract(
      jobs,
      tx.manager,
      TURN_NEAR_REQUEST,
      { patientId: entry.patientId, token: entry.token, ahead },
      { key: entry.patientId, id: onceId(`turn-near:${entry.id}`) },
    );
  }
}

/** Schedules a booked appointment's reminder for the day before (at once when that has passed), with the booking's transaction. */
export async function scheduleAppointmentReminder(
  jobs: Jobs,
  manager: EntityManager,
  appointment: Appointment,
): Promise<void> {
  const remindAt = new Date(appointment.startsAt.getTime() - REMINDER_HOURS_BEFORE * 3_600_000);
  const reminder: AppointmentReminder = { appointmentId: appointment.id };
  await publishInTransaction(
    jobs,
    manager,
    APPOINTMENT_REMINDER_JOB,
    reminder,
    remindAt > new Date() ? { startAfter: remindAt } : {},
  );
}

/**
 * The reminder job: asks for the notification if the appointment is still booked and still ahead.
 * The job's id is the event's, so a retried job asks once.
 */
async function sendAppointmentReminder(
  jobs: Jobs,
  manager: EntityManager,
  reminder: AppointmentReminder,
  eventId: string,
): Promise<void> {
  const appointment = await manager.findOneBy(Appointment, { id: reminder.appointmentId });
  if (!appointment || appointment.status !== AppointmentStatus.BOOKED || appointment.startsAt <= new Date()) return;
  const service = await manager.findOneByOrFail(Service, { id: appointment.serviceId });
  await publishContract(
    jobs,
    manager,
    APPOINTMENT_REMINDER_REQUEST,
    { patientId: appointment.patientId, startsAt: appointment.startsAt.toISOString(), serviceName: service.name },
    { key: appointment.patientId, id: eventId },
  );
}

/** Runs the reminder jobs. */
export function appointmentReminderConsumer(resources: SubgraphResources) {
  return defineConsumer<AppointmentReminder>({
    name: APPOINTMENT_REMINDER_JOB,
    handler: ({ id, data }) =>
      resources.database.dataSource.transaction((manager) =>
        sendAppointmentReminder(resources.jobs, manager, data, id),
      ),
  });
}
