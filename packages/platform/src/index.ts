import 'reflect-metadata';

export * from './audit';
export * from './auth';
export * from './config';
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
