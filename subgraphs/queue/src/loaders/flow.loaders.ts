import { batchLoader, type Database, manyByKey, oneByKey, uuidKeys } from '@clinicflow/platform';
import { In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { Appointment, AppointmentStatus } from '../domain/appointment.entity';
import type { Clock } from '../domain/clock';
import { PriorityChange } from '../domain/priority-change.entity';
import { QueueEntry } from '../domain/queue-entry.entity';
import { ServiceEstimate } from '../domain/service-estimate.entity';
import { type LinePlace, linePlaces, type ServiceRate, serviceRates } from '../domain/wait-estimates';

/**
 * What the board shows about each entry's place in the flow, one statement per field for however
 * many entries the board holds: places in line, service rates, appointments, priority history.
 */
export function createFlowLoaders(database: Database, clock: Clock) {
  const { dataSource } = database;
  const appointments = dataSource.getRepository(Appointment);
  const entries = dataSource.getRepository(QueueEntry);
  const priorityChanges = dataSource.getRepository(PriorityChange);
  const estimates = dataSource.getRepository(ServiceEstimate);
  return {
    linePlaceByEntry: batchLoader<string, LinePlace | null>(async (ids) =>
      oneByKey(ids, await linePlaces(dataSource, ids), (row) => row.entryId),
    ),
    serviceRateById: batchLoader<string, ServiceRate | null>(async (ids) =>
      oneByKey(ids, await serviceRates(dataSource, ids, clock.now()), (row) => row.serviceId),
    ),
    appointmentById: batchLoader<string, Appointment | null>(async (ids) =>
      oneByKey(ids, await appointments.findBy({ id: In([...ids]) }), (row) => row.id),
    ),
    /** Each patient's booked appointments from now on, soonest first, one statement for the batch. */
    upcomingAppointmentsByPatient: batchLoader<string, Appointment[]>(async (ids) =>
      manyByKey(
        ids,
        await appointments.find({
          where: {
            patientId: In(uuidKeys(ids)),
            status: AppointmentStatus.BOOKED,
            startsAt: MoreThanOrEqual(clock.now()),
          },
          order: { startsAt: 'ASC', id: 'ASC' },
        }),
        (row) => row.patientId,
      ),
    ),
    queueEntryByAppointment: batchLoader<string, QueueEntry | null>(async (ids) =>
      oneByKey(ids, await entries.findBy({ appointmentId: In([...ids]) }), (row) => row.appointmentId),
    ),
    priorityChangesByEntry: batchLoader<string, PriorityChange[]>(async (ids) =>
      manyByKey(
        ids,
        await priorityChanges.find({
          where: { queueEntryId: In([...ids]) },
          order: { changedAt: 'ASC', id: 'ASC' },
        }),
        (row) => row.queueEntryId,
      ),
    ),
    serviceEstimateById: batchLoader<string, ServiceEstimate | null>(async (ids) =>
      oneByKey(ids, await estimates.findBy({ serviceId: In([...ids]) }), (row) => row.serviceId),
    ),
    scheduleAlertsByFacility: batchLoader<string, ServiceEstimate[]>(async (ids) =>
      manyByKey(
        ids,
        await estimates.find({
          where: { facilityId: In([...ids]), alertSince: Not(IsNull()) },
          order: { alertSince: 'ASC' },
        }),
        (row) => row.facilityId,
      ),
    ),
  };
}
