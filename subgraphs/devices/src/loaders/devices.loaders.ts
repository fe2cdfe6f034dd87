import {
  batchLoader,
  type Database,
  keysetPagesByParent,
  loaderPerArguments,
  manyByKey,
  oneByKey,
  type PageArgs,
  type SortKey,
  uuidKeys,
} from '@clinicflow/platform';
import { In } from 'typeorm';
import { Device } from '../domain/device.entity';
import { Reading } from '../domain/reading.entity';
import type { VitalSign } from '../domain/vital-sign';
import { type Vitals, vitalsFrom } from '../domain/vitals';

/**
 * Newest first, ties on recorded_at by id. Patient.readings pages by these keys and latestVitals picks
 * by them, so the first reading listed is the one latestVitals shows.
 */
const NEWEST_FIRST: SortKey<Reading>[] = [
  { column: 'reading.recorded_at', direction: 'DESC', type: 'timestamp', valueOf: (reading) => reading.recordedAt },
  { column: 'reading.id', direction: 'ASC', type: 'uuid', valueOf: (reading) => reading.id },
];

/** The arguments of `Patient.readings`; every patient in a batch is paged with the same ones. */
export interface ReadingPageArgs extends PageArgs {
  code?: VitalSign | null;
}

export function createDevicesLoaders(database: Database) {
  const { dataSource } = database;
  const devices = dataSource.getRepository(Device);
  const readings = dataSource.getRepository(Reading);
  const ofPatients = (patientIds: readonly string[], code?: VitalSign | null) => {
    const query = readings
      .createQueryBuilder('reading')
      .where('reading.patient_id = ANY(:patientIds)', { patientIds: uuidKeys(patientIds) });
    if (code) query.andWhere('reading.code = :code', { code });
    return query;
  };

  return {
    deviceById: batchLoader<string, Device | null>(async (ids) =>
      oneByKey(ids, await devices.findBy({ id: In(uuidKeys(ids)) }), (row) => row.id),
    ),
    readingById: batchLoader<string, Reading | null>(async (ids) =>
      oneByKey(ids, await readings.findBy({ id: In(uuidKeys(ids)) }), (row) => row.id),
    ),
    latestVitalsByPatient: batchLoader<string, Vitals | null>(async (patientIds) => {
      const latest = ofPatients(patientIds)
        .distinctOn(['reading.patient_id', 'reading.code'])
        .orderBy('reading.patient_id')
        .addOrderBy('reading.code');
      for (const key of NEWEST_FIRST) latest.addOrderBy(key.column, key.direction);
      return manyByKey(patientIds, await latest.getMany(), (row) => row.patientId).map(vitalsFrom);
    }),
    // Every patient asked for with the same arguments shares two statements.
    readingPageByPatient: loaderPerArguments((args: ReadingPageArgs) =>
      batchLoader(
        keysetPagesByParent(
          {
            query: (patientIds) => ofPatients(patientIds, args.code),
            parentColumn: 'reading.patient_id',
            parentOf: (row) => row.patientId,
            keys: NEWEST_FIRST,
          },
          args,
        ),
      ),
    ),
  };
}

export type DevicesLoaders = ReturnType<typeof createDevicesLoaders>;
