import { publishEvent } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { Appointment } from '../domain/appointment.entity';
import { Service } from '../domain/service.entity';
import type { Jobs } from './queue-jobs';

/** What happened to a patient's appointment, as the patients subgraph's notification events name it. */
export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

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
  await publishEvent(
    jobs,
    manager,
    `queue.appointment-${change}`,
    { patientId: appointment.patientId, startsAt: appointment.startsAt.toISOString(), serviceName: service.name },
    { key: appointment.patientId },
  );
}
