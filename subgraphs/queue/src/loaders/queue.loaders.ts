import { batchLoader, type Database, manyByKey, oneByKey } from '@clinicflow/platform';
import { In } from 'typeorm';
import type { Clock } from '../domain/clock';
import { Facility } from '../domain/facility.entity';
import { QueueEntry } from '../domain/queue-entry.entity';
import { ServicePoint } from '../domain/service-point.entity';
import { Service } from '../domain/service.entity';
import { createFlowLoaders } from './flow.loaders';

/** How many of a patient's most recent queue entries `Patient.queueEntries` returns. */
export const RECENT_ENTRIES_PER_PATIENT = 20;

export function createQueueLoaders(database: Database, clock: Clock) {
  const { dataSource } = database;
  const facilities = dataSource.getRepository(Facility);
  const services = dataSource.getRepository(Service);
  const servicePoints = dataSource.getRepository(ServicePoint);
  const entries = dataSource.getRepository(QueueEntry);
  return {
    facilityById: batchLoader<string, Facility | null>(async (ids) =>
      oneByKey(ids, await facilities.findBy({ id: In([...ids]) }), (row) => row.id),
    ),
    serviceById: batchLoader<string, Service | null>(async (ids) =>
      oneByKey(ids, await services.findBy({ id: In([...ids]) }), (row) => row.id),
    ),
    servicePointById: batchLoader<string, ServicePoint | null>(async (ids) =>
      oneByKey(ids, await servicePoints.findBy({ id: In([...ids]) }), (row) => row.id),
    ),
    queueEntryById: batchLoader<string, QueueEntry | null>(async (ids) =>
      oneByKey(ids, await entries.findBy({ id: In([...ids]) }), (row) => row.id),
    ),
    servicesByFacility: batchLoader<string, Service[]>(async (ids) =>
      manyByKey(
        ids,
        await services.find({ where: { facilityId: In([...ids]) }, order: { tokenPrefix: 'ASC' } }),
        (row) => row.facilityId,
      ),
    ),
    servicePointsByFacility: batchLoader<string, ServicePoint[]>(async (ids) =>
      manyByKey(
        ids,
        await servicePoints.find({ where: { facilityId: In([...ids]) }, order: { name: 'ASC' } }),
        (row) => row.facilityId,
      ),
    ),
    recentEntriesByPatient: batchLoader<string, QueueEntry[]>(async (ids) => {
      const recent = entries
        .createQueryBuilder('entry')
        .addSelect('row_number() OVER (PARTITION BY entry.patient_id ORDER BY entry.arrived_at DESC, entry.id)', 'rank')
        .where('entry.patient_id = ANY(:ids)', { ids: [...ids] });
      const rows = await entries
        .createQueryBuilder('entry')
        .where(`entry.id IN (SELECT ranked.entry_id FROM (${recent.getQuery()}) ranked WHERE ranked.rank <= :limit)`)
        .setParameters({ ...recent.getParameters(), limit: RECENT_ENTRIES_PER_PATIENT })
        .orderBy('entry.arrived_at', 'DESC')
        .addOrderBy('entry.id', 'ASC')
        .getMany();
      return manyByKey(ids, rows, (row) => row.patientId);
    }),
    ...createFlowLoaders(database, clock),
  };
}

export type QueueLoaders = ReturnType<typeof createQueueLoaders>;
