import { batchLoader, type DataLoader, type Database, manyByKey, oneByKey } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import { In } from 'typeorm';
import { LabResult } from '../domain/lab-result.entity';
import type { LabResultWindow } from '../domain/lab-result.page';

/** Ids that cannot be a uuid match no row; leaving them out keeps PostgreSQL from refusing the batch. */
const uuidsOf = (ids: readonly string[]) => ids.filter((id) => isUUID(id));

export function createClinicalLoaders(database: Database) {
  const results = database.dataSource.getRepository(LabResult);

  /** Each patient's page of `window`, for all patients asked for in one statement. */
  const pageOfEachPatient = (window: LabResultWindow) =>
    batchLoader<string, LabResult[]>(async (patientIds) => {
      const ranked = results
        .createQueryBuilder('ranked')
        .select('ranked.id', 'id')
        .addSelect(
          'row_number() OVER (PARTITION BY ranked.patient_id ORDER BY ranked.issued_at DESC, ranked.id)',
          'position',
        )
        .where('ranked.patient_id = ANY(:patientIds)', { patientIds: uuidsOf(patientIds) });
      if (window.after) {
        ranked.andWhere(
          '(ranked.issued_at < :afterIssuedAt OR (ranked.issued_at = :afterIssuedAt AND ranked.id > :afterId))',
          { afterIssuedAt: window.after.issuedAt, afterId: window.after.id },
        );
      }
      const rows = await results
        .createQueryBuilder('result')
        .where(`result.id IN (SELECT page.id FROM (${ranked.getQuery()}) page WHERE page.position <= :take)`)
        .setParameters({ ...ranked.getParameters(), take: window.first + 1 })
        .orderBy('result.issued_at', 'DESC')
        .addOrderBy('result.id', 'ASC')
        .getMany();
      return manyByKey(patientIds, rows, (row) => row.patientId);
    });
  // One loader per window: every patient asked for with the same `first` and `after` shares a statement.
  const pages = new Map<string, DataLoader<string, LabResult[]>>();

  return {
    labResultById: batchLoader<string, LabResult | null>(async (ids) =>
      oneByKey(ids, await results.findBy({ id: In(uuidsOf(ids)) }), (row) => row.id),
    ),
    latestLabResultByPatient: batchLoader<string, LabResult | null>(async (patientIds) => {
      const rows = await results
        .createQueryBuilder('result')
        .distinctOn(['result.patient_id'])
        .where('result.patient_id = ANY(:patientIds)', { patientIds: uuidsOf(patientIds) })
        .orderBy('result.patient_id')
        .addOrderBy('result.issued_at', 'DESC')
        .addOrderBy('result.id', 'ASC')
        .getMany();
      return oneByKey(patientIds, rows, (row) => row.patientId);
    }),
    labResultCountByPatient: batchLoader<string, number>(async (patientIds) => {
      const rows = await results
        .createQueryBuilder('result')
        .select('result.patient_id', 'patientId')
        .addSelect('count(*)::int', 'total')
        .where('result.patient_id = ANY(:patientIds)', { patientIds: uuidsOf(patientIds) })
        .groupBy('result.patient_id')
        .getRawMany<{ patientId: string; total: number }>();
      return oneByKey(patientIds, rows, (row) => row.patientId).map((row) => row?.total ?? 0);
    }),
    labResultPageByPatient(window: LabResultWindow): DataLoader<string, LabResult[]> {
      const key = JSON.stringify(window);
      const existing = pages.get(key);
      if (existing) return existing;
      const loader = pageOfEachPatient(window);
      pages.set(key, loader);
      return loader;
    },
  };
}

export type ClinicalLoaders = ReturnType<typeof createClinicalLoaders>;
