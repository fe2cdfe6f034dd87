import {
  APPOINTMENT_BOOKED_REQUEST,
  APPOINTMENT_CANCELLED_REQUEST,
  APPOINTMENT_RESCHEDULED_REQUEST,
  publishContract,
} from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { Appointment } from '../domain/appointment.entity';
import { Service } from '../domain/service.entity';
import type { Jobs } from './queue-jobs';

/** What happened to a patient's appointment, and the notification request each asks for. */
const CHANGE_REQUESTS = {
  booked: APPOINTMENT_BOOKED_REQUEST,
  rescheduled: APPOINTMENT_RESCHEDULED_REQUEST,
  cancelled: APPOINTMENT_CANCELLED_REQUEST,
} as const;
export type AppointmentChange = keyof typeof CHANGE_REQUESTS;

/**
 * Asks the patients subgraph, with the change's transaction, to tell the patient their appointment
 * was booked, moved or cancelled (decision 0011: requests are events). The event carries the time
 * and the service's name only; contact details stay with patients.
 */
export async function requestAppointmentChangeNotification(
  jobs: Jobs,
  manager: EntityManager,
  appointment: Appointment,
  change: AppointmentChange,
): Promise<void> {
  const service = await manager.findOneByOrFail(Service, { id: appointment.serviceId });
  await publishContract(
    jobs,
    manager,
    CHANGE_REQUESTS[change],
    { patientId: appointment.patientId, startsAt: appointment.startsAt.toISOString(), serviceName: service.name },
    { key: appointment.patientId },
  );
}
