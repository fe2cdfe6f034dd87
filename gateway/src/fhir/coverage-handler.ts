import { coverageResource } from './coverage-resource';
import { dataOrRefusal } from './execute-as-caller';
import { CoverageById, PatientCoverages } from './graphql-operations';
import { listPage } from './list-page';
import type { CoverageNode } from './graphql-shapes';
import { requiredPatientId } from './patient-compartment';
import { PATIENT_PARAMETER, type ResourceHandler } from './resource-handler';

export const coverageHandler: ResourceHandler = {
  type: 'Coverage',
  documentation: "A patient's insurance (payer and member id): read by id, or search by patient",
  searchParameters: [PATIENT_PARAMETER],
  read: async (call, id) => {
    const { coverage } = await dataOrRefusal(
      call.execute<{ coverage: CoverageNode & { patient: { id: string } } }>(call.caller, CoverageById, { id }),
    );
    return coverageResource(coverage, coverage.patient.id);
  },
  search: async (call, search) => {
    const patientId = requiredPatientId(search, 'Coverage');
    const { patient } = await dataOrRefusal(
      call.execute<{ patient: { coverages: CoverageNode[] } }>(call.caller, PatientCoverages, { patientId }),
    );
    return listPage(
      search,
      patient.coverages.map((coverage) => coverageResource(coverage, patientId)),
    );
  },
};
