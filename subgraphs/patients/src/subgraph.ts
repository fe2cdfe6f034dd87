import { defineSubgraph } from '@clinicflow/platform';
import { createPatientsContext } from './context';
import { Patient } from './domain/patient.entity';
import { CreatePatient1763800000000 } from './migrations/1763800000000-create-patient';
import { PatientResolver } from './schema/patient.resolver';
import { resolvePatientReference } from './schema/patient.reference';

export const patientsSubgraph = defineSubgraph({
  name: 'patients',
  defaultPort: 4001,
  entities: [Patient],
  migrations: [CreatePatient1763800000000],
  resolvers: [PatientResolver],
  referenceResolvers: { Patient: resolvePatientReference },
  createContext: createPatientsContext,
});
