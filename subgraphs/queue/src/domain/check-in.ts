import { badUserInput, conflict, notFound } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { QueueChangeReason } from '../events/queue-change';
import { Appointment, AppointmentStatus } from './appointment.entity';
import { serviceDayOf } from './clock';
import { Facility } from './facility.entity';
import type { QueueTransaction } from './queue-changes';
import { type CheckInChannel, QueueEntry, QueueStatus } from './queue-entry.entity';
import { Service } from './service.entity';
import { formatToken, nextTokenNumber } from './tokens';

export interface CheckInRequest {
  facilityId: string;
  serviceId?: string | null;
  patientId?: string | null;
  appointmentId?: string | null;
  priority: number;
  channel: CheckInChannel;
}

/**
 * Gives the patient the next token of the service for the facility's current day. A booked patient
 * is checked in by the appointment's id, or by patient and service, which finds their booking for
 * today. A booked patient is placed in line at their slot time when they come early, and at their
 * arrival when they come late, like a walk-in (see the README's ordering rules).
 */
export async function checkIn(tx: QueueTransaction, request: CheckInRequest): Promise<QueueEntry> {
  const { manager, now } = tx;
  const named = request.appointmentId ? await lockAppointment(manager, request.appointmentId) : null;
  const serviceId = named?.serviceId ?? request.serviceId;
  const patientId = named?.patientId ?? request.patientId;
  if (!serviceId || !patientId) {
    throw badUserInput('Check in with an appointmentId, or with both serviceId and patientId', { argument: 'input' });
  }
  if (named && request.serviceId && request.serviceId !== named.serviceId) {
    throw badUserInput('The appointment is for another service', { argument: 'serviceId' });
  }
  if (named && request.patientId && request.patientId !== named.patientId) {
    throw badUserInput('The appointment is for another patient', { argument: 'patientId' });
  }
  const service = await manager.findOneBy(Service, { id: serviceId });
  if (!service) throw notFound('Service', serviceId);
  if (service.facilityId !== request.facilityId) {
    throw named
      ? badUserInput('The appointment is at another facility', { argument: 'appointmentId' })
      : badUserInput('The service is not offered at this facility', { argument: 'serviceId' });
  }
  const facility = await manager.findOneByOrFail(Facility, { id: request.facilityId });
  const serviceDay = serviceDayOf(now, facility.timezone);
  const appointment = named ?? (await findTodaysBooking(manager, patientId, serviceId, serviceDay, facility.timezone));
  if (appointment) assertBookedFor(appointment, serviceDay, facility.timezone);

  const tokenNumber = await nextTokenNumber(manager, service.id, serviceDay);
  const entry = await manager.save(
    manager.create(QueueEntry, {
      facilityId: facility.id,
      serviceId: service.id,
      patientId,
      serviceDay,
      tokenNumber,
      token: formatToken(service.tokenPrefix, tokenNumber),
      priority: request.priority,
      channel: request.channel,
      status: QueueStatus.WAITING,
      arrivedAt: now,
      queuedAt: appointment && appointment.startsAt > now ? appointment.startsAt : now,
      appointmentId: appointment?.id ?? null,
    }),
  );
  if (appointment) await manager.update(Appointment, { id: appointment.id }, { status: AppointmentStatus.CHECKED_IN });
  await tx.record(facility.id, QueueChangeReason.CHECKED_IN, entry.id);
  return entry;
}

async function lockAppointment(manager: EntityManager, id: string): Promise<Appointment> {
  const appointment = await manager.findOne(Appointment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!appointment) throw notFound('Appointment', id);
  return appointment;
}

/** The patient's earliest booking of the service still open on the day, if they have one. */
async function findTodaysBooking(
  manager: EntityManager,
  patientId: string,
  serviceId: string,
  serviceDay: string,
  timezone: string,
): Promise<Appointment | null> {
  return manager
    .getRepository(Appointment)
    .createQueryBuilder('appointment')
    .where('appointment.patient_id = :patientId', { patientId })
    .andWhere('appointment.service_id = :serviceId', { serviceId })
    .andWhere('appointment.status = :booked', { booked: AppointmentStatus.BOOKED })
    .andWhere('(appointment.starts_at AT TIME ZONE :timezone)::date = :serviceDay', { timezone, serviceDay })
    .orderBy('appointment.starts_at', 'ASC')
    .limit(1)
    .setLock('pessimistic_write')
    .getOne();
}

function assertBookedFor(appointment: Appointment, serviceDay: string, timezone: string): void {
  if (appointment.status !== AppointmentStatus.BOOKED) {
    const status = appointment.status.toUpperCase();
    throw conflict(`Appointment ${appointment.id} is ${status}; only a booked appointment can be checked in`, {
      status,
    });
  }
  const day = serviceDayOf(appointment.startsAt, timezone);
  if (day !== serviceDay) {
    throw badUserInput(`The appointment is on ${day}, not today (${serviceDay})`, { argument: 'appointmentId' });
  }
}
