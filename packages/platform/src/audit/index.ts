export {
  AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditRow,
  type AuditSink,
  AuditTrail,
  actorOf,
  attachAuditTrail,
  auditTrailOf,
  isPatientId,
} from './audit-trail';
export { AuditLog, type AuditLogOptions, auditRowsWritten, auditWriteFailures } from './audit-log';
export { AUDIT_SCHEMA, AUDIT_TABLE, SUBSCRIPTION_MEMBER_TABLE } from './audit-schema';
export { auditResolvers } from './audit-resolvers';
export { AuditChangeSubscriber, inChangeScope } from './audit-transactions';
export { asSystemActor, auditJobsIn, recordBackgroundRead } from './background-jobs';
export { PatientData, type PatientOf, ReadsPatientData } from './patient-data';
