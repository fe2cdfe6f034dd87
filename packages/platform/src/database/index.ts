export { Database, type DatabaseOptions } from './data-source';
export { StatementCounter } from './statement-counter';
export { isUniqueViolation } from './postgres-errors';
