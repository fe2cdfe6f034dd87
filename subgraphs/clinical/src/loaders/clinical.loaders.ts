import {
  batchLoader,
  type DataLoader,
  type Database,
  keysetPagesByParent,
  oneByKey,
  type Page,
  type PageArgs,
  type SortKey,
} from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import { In } from 'typeorm';
import { LabResult } from '../domain/lab-result.entity';

/** Ids that cannot be a uuid match no row; leaving them out keeps PostgreSQL from refusing the batch. */
const uuidsOf = (ids: readonly string[]) => ids.filter((id) => isUUID(id));

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
      .where('result.patient_id = ANY(:patientIds)', { patientIds: uuidsOf(patientIds) });
  // One loader per `first` and `after`: every patient asked for with the same ones shares two statements.
  const pages = new Map<string, DataLoader<string, Page<LabResult>>>();

  return {
    labResultById: batchLoader<string, LabResult | null>(async (ids) =>
      oneByKey(ids, await results.findBy({ id: In(uuidsOf(ids)) }), (row) => row.id),
    ),
    latestLabResultByPatient: batchLoader<string, LabResult | null>(async (patientIds) => {
      const latest = ofPatients(patientIds).distinctOn(['result.patient_id']).orderBy('result.patient_id');
      for (const key of NEWEST_FIRST) latest.addOrderBy(key.column, key.direction);
      return oneByKey(patientIds, await latest.getMany(), (row) => row.patientId);
    }),
    labResultPageByPatient(args: PageArgs): DataLoader<string, Page<LabResult>> {
      const key = JSON.stringify([args.first, args.after ?? null]);
      // Built for new arguments only; keysetPagesByParent checks `first` and `after` then, before any batch.
      const loader =
        pages.get(key) ??
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
        );
      pages.set(key, loader);
      return loader;
    },
  };
}

export type ClinicalLoaders = ReturnType<typeof createClinicalLoaders>;
