import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';
import { sqlStatements } from '../metrics/registry';

/**
 * TypeORM logger that counts every statement a service sends (the N+1 tests and the metrics read
 * it) and logs failures and slow statements without their parameters, which can hold patient data.
 */
export class StatementCounter implements TypeOrmLogger {
  private count = 0;

  constructor(
    private readonly service: string,
    private readonly logger: Logger,
  ) {}

  get statements(): number {
    return this.count;
  }

  logQuery(): void {
    this.count += 1;
    sqlStatements.inc({ service: this.service });
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'SQL statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ time, query }, 'slow SQL statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
  }
}
