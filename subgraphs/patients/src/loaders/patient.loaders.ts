import { batchLoader, type Database, oneByKey } from '@clinicflow/platform';
import { In } from 'typeorm';
import { Patient } from '../domain/patient.entity';

export function createPatientLoaders(database: Database) {
  const patients = database.dataSource.getRepository(Patient);
  return {
    patientById: batchLoader<string, Patient | null>(async (ids) =>
      oneByKey(ids, await patients.findBy({ id: In([...ids]) }), (patient) => patient.id),
    ),
  };
}

export type PatientLoaders = ReturnType<typeof createPatientLoaders>;
