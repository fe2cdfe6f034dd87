import 'reflect-metadata';

export * from './audit';
/** One INSERT of audit rows, for changes made outside a request (HL7 intake) inside their own transaction. */
export { insertStatement as auditInsertStatement } from './audit/audit-schema';
export * from './auth';
export * from './config';
export * from './crypto';
export * from './database';
export * from './errors';
export * from './events';
export * from './loaders';
export { createLogger, REDACTED_KEYS, type Logger } from './logging/logger';
export * from './metrics';
export * from './pagination';
export * from './resilience';
export * from './subgraph';
export * from './webhooks';
