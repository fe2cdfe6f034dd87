import {
  batchLoader,
  type Database,
  keysetPagesByParent,
  loaderPerArguments,
  oneByKey,
  type SortKey,
  uuidKeys,
} from '@clinicflow/platform';
import { In } from 'typeorm';
import { Prescription } from '../domain/prescription.entity';
import type { PrescriptionPageArgs } from '../schema/prescription.inputs';

/** Newest prescribed first, ties by id ascending. */
const NEWEST_FIRST: SortKey<Prescription>[] = [
  {
    column: 'prescription.prescribed_at',
    direction: 'DESC',
    type: 'timestamp',
    valueOf: (prescription) => prescription.prescribedAt,
  },
  { column: 'prescription.id', direction: 'ASC', type: 'uuid', valueOf: (prescription) => prescription.id },
];

export function createPrescriptionLoaders(database: Database) {
  const prescriptions = database.dataSource.getRepository(Prescription);
  return {
    prescriptionById: batchLoader<string, Prescription | null>(async (ids) =>
      oneByKey(ids, await prescriptions.findBy({ id: In(uuidKeys(ids)) }), (row) => row.id),
    ),
    // Every patient asked for with the same arguments shares two statements.
    prescriptionPageByPatient: loaderPerArguments(({ first, after, status }: PrescriptionPageArgs) =>
      batchLoader(
        keysetPagesByParent(
          {
            query: (patientIds: readonly string[]) => {
              const query = prescriptions
                .createQueryBuilder('prescription')
                .where('prescription.patient_id = ANY(:patientIds)', { patientIds: uuidKeys(patientIds) });
              return status ? query.andWhere('prescription.status = ANY(:status)', { status }) : query;
            },
            parentColumn: 'prescription.patient_id',
            parentOf: (row) => row.patientId,
            keys: NEWEST_FIRST,
          },
          { first, after },
        ),
      ),
    ),
  };
}

export type PrescriptionLoaders = ReturnType<typeof createPrescriptionLoaders>;
