import { batchLoader, type Database, manyByKey, oneByKey, type Page } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import { In } from 'typeorm';
import { Device } from '../domain/device.entity';
import { Reading } from '../domain/reading.entity';
import { type Vitals, vitalsFrom } from '../domain/vitals';
import { loadReadingPages, type ReadingPageRequest } from './reading-pages';

/** Ids that cannot be uuids match nothing; asking PostgreSQL would fail the whole batch instead. */
const uuidsOf = (ids: readonly string[]) => ids.filter((id) => isUUID(id));

export function createDevicesLoaders(database: Database) {
  const { dataSource } = database;
  const devices = dataSource.getRepository(Device);
  const readings = dataSource.getRepository(Reading);
  return {
    deviceById: batchLoader<string, Device | null>(async (ids) =>
      oneByKey(ids, await devices.findBy({ id: In(uuidsOf(ids)) }), (row) => row.id),
    ),
    readingById: batchLoader<string, Reading | null>(async (ids) =>
      oneByKey(ids, await readings.findBy({ id: In(uuidsOf(ids)) }), (row) => row.id),
    ),
    latestVitalsByPatient: batchLoader<string, Vitals | null>(async (patientIds) => {
      const latest = await readings
        .createQueryBuilder('reading')
        .distinctOn(['reading.patient_id', 'reading.code'])
        .where('reading.patient_id = ANY(:patientIds)', { patientIds: uuidsOf(patientIds) })
        .orderBy('reading.patient_id')
        .addOrderBy('reading.code')
        .addOrderBy('reading.recorded_at', 'DESC')
        .addOrderBy('reading.id')
        .getMany();
      return manyByKey(patientIds, latest, (row) => row.patientId).map(vitalsFrom);
    }),
    readingPages: batchLoader<ReadingPageRequest, Page<Reading>>((requests) => loadReadingPages(readings, requests)),
  };
}

export type DevicesLoaders = ReturnType<typeof createDevicesLoaders>;
