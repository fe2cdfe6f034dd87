// The sandbox EHR is its own entry point (`@clinicflow/sandbox/ehr`): it loads Medplum's FHIR server, which the
// production processes that import this package for its SDK clients must not load.
export { startEhrSandbox, type EhrRequest, type EhrSandbox, type EhrSandboxOptions } from './fhir/ehr-sandbox';
export type { EhrRecords } from './fhir/ehr-records';
