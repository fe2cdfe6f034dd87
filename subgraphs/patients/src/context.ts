import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { AuditEventService } from './domain/audit-event.service';
import { PatientService } from './domain/patient.service';
import { createPatientLoaders, type PatientLoaders } from './loaders/patient.loaders';

export interface PatientsContext extends BaseContext {
  loaders: PatientLoaders;
  patients: PatientService;
  auditEvents: AuditEventService;
}

export function createPatientsContext(caller: Caller, resources: SubgraphResources): PatientsContext {
  return {
    caller,
    loaders: createPatientLoaders(resources.database),
    patients: new PatientService(resources.database),
    auditEvents: new AuditEventService(resources.database),
  };
}
