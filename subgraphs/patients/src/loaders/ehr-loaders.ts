import { batchLoader, type Database, manyByKey, oneByKey, uuidKeys } from '@clinicflow/platform';
import type { AllergyIntolerance } from '../adapters/fhir/fhir-types';
import { In } from 'typeorm';
import type { EhrAdapter } from '../adapters/fhir/ehr-adapter';
import type { Stored } from '../adapters/fhir/fhir-client';
import { EhrLink } from '../domain/ehr-link.entity';

const patientIdOf = (allergy: AllergyIntolerance) => allergy.patient.reference?.replace(/^Patient\//, '') ?? '';

/**
 * Per-request loaders of EHR data: whatever a query asks for, across all the patients it returns,
 * is one statement for the links and one FHIR search for the allergies (`patient=a,b,c`).
 */
export function createEhrLoaders(database: Database, ehr: EhrAdapter | null) {
  const links = database.dataSource.getRepository(EhrLink);
  return {
    linkByPatient: batchLoader<string, EhrLink | null>(async (patientIds) =>
      oneByKey(patientIds, await links.findBy({ patientId: In(uuidKeys(patientIds)) }), (link) => link.patientId),
    ),
    allergiesByEhrPatient: batchLoader<string, Stored<AllergyIntolerance>[]>(async (ehrIds) => {
      if (!ehr) return ehrIds.map(() => []);
      const found = await ehr.client.search<AllergyIntolerance>('AllergyIntolerance', {
        patient: ehrIds.map((id) => `Patient/${id}`).join(','),
      });
      return manyByKey(ehrIds, found, patientIdOf);
    }),
  };
}

export type EhrLoaders = ReturnType<typeof createEhrLoaders>;
