import { defineSubgraph } from '@clinicflow/platform';
import { createPatientsContext } from './context';
import { AuditEvent } from './domain/audit-event.entity';
import { Patient } from './domain/patient.entity';
import { CreatePatient1763800000000 } from './migrations/1763800000000-create-patient';
import { AuditEventResolver } from './schema/audit-event.resolver';
import { PatientResolver } from './schema/patient.resolver';
import { resolvePatientReference } from './schema/patient.reference';

export const patientsSubgraph = defineSubgraph({
  name: 'patients',
  defaultPort: 4001,
  entities: [Patient, AuditEvent],
  migrations: [CreatePatient1763800000000],
  resolvers: [PatientResolver, AuditEventResolver],
  referenceResolvers: { Patient: resolvePatientReference },
  createContext: createPatientsContext,
});
