import { defineSubgraph } from '@clinicflow/platform';
import { createClinicalContext } from './context';
import { LabResultAvailableResolver } from './schema/lab-result-available.resolver';
import { LabResult } from './domain/lab-result.entity';
import { CreateClinical1763800000000 } from './migrations/1763800000000-create-clinical';
import { LabResultResolver } from './schema/lab-result.resolver';
import { PatientLabResultsResolver } from './schema/patient-lab-results.resolver';
import { clinicalReferenceResolvers } from './schema/references';

export const clinicalSubgraph = defineSubgraph({
  name: 'clinical',
  defaultPort: 4004,
  entities: [LabResult],
  migrations: [CreateClinical1763800000000],
  resolvers: [LabResultResolver, PatientLabResultsResolver, LabResultAvailableResolver],
  referenceResolvers: clinicalReferenceResolvers,
  createContext: createClinicalContext,
});
