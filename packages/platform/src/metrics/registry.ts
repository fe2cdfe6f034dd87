import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * One registry for the process. In embedded mode every service shares it, so the gateway's
 * `/metrics` covers the whole process; in production each process exposes its own.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const sqlStatements = new Counter({
  name: 'clinicflow_sql_statements_total',
  help: 'SQL statements sent to PostgreSQL, by service',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});
