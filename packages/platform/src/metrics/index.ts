export { metricsRegistry, sqlStatements } from './registry';
