import {
  batchLoader,
  type Database,
  keysetPagesByParent,
  loaderPerArguments,
  oneByKey,
  type PageArgs,
  type SortKey,
  uuidKeys,
} from '@clinicflow/platform';
import { In } from 'typeorm';
import { LabResult } from '../domain/lab-result.entity';

/**
 * Newest issued first, ties by id ascending. Patient.labResults pages by these keys and
 * Patient.latestLabResult picks by them, so the first edge is always the latest result.
 */
const NEWEST_FIRST: SortKey<LabResult>[] = [
  { column: 'result.issued_at', direction: 'DESC', type: 'timestamp', valueOf: (result) => result.issuedAt },
  { column: 'result.id', direction: 'ASC', type: 'uuid', valueOf: (result) => result.id },
];

export function createClinicalLoaders(database: Database) {
  const results = database.dataSource.getRepository(LabResult);
  const ofPatients = (patientIds: readonly string[]) =>
    results
      .createQueryBuilder('result')
      .where('result.patient_id = ANY(:patientIds)', { patientIds: uuidKeys(patientIds) });

  return {
    labResultById: batchLoader<string, LabResult | null>(async (ids) =>
      oneByKey(ids, await results.findBy({ id: In(uuidKeys(ids)) }), (row) => row.id),
    ),
    latestLabResultByPatient: batchLoader<string, LabResult | null>(async (patientIds) => {
      const latest = ofPatients(patientIds).distinctOn(['result.patient_id']).orderBy('result.patient_id');
      for (const key of NEWEST_FIRST) latest.addOrderBy(key.column, key.direction);
      return oneByKey(patientIds, await latest.getMany(), (row) => row.patientId);
    }),
    // Every patient asked for with the same `first` and `after` shares two statements.
    labResultPageByPatient: loaderPerArguments((args: PageArgs) =>
      batchLoader(
        keysetPagesByParent(
          {
            query: ofPatients,
            parentColumn: 'result.patient_id',
            parentOf: (row) => row.patientId,
            keys: NEWEST_FIRST,
          },
          args,
        ),
      ),
    ),
  };
}

export type ClinicalLoaders = ReturnType<typeof createClinicalLoaders>;
