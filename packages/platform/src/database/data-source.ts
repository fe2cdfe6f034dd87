import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from '../logging/logger';
import { StatementCounter } from './statement-counter';

export interface DatabaseOptions {
  /** The service that owns the schema; also the PostgreSQL schema name. */
  service: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  logger: Logger;
  poolSize?: number;
}

/** A service's own PostgreSQL schema: its data source, its migrations and its statement count. */
export class Database {
  readonly dataSource: DataSource;
  readonly counter: StatementCounter;
  readonly schema: string;

  constructor(options: DatabaseOptions) {
    this.schema = options.service;
    this.counter = new StatementCounter(options.service, options.logger);
    this.dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      schema: this.schema,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: ['query', 'error', 'warn', 'migration'],
      maxQueryExecutionTime: 1000,
      logger: this.counter,
      applicationName: `clinicflow-${options.service}`,
      extra: { max: options.poolSize ?? 10 },
    });
  }

  /** Connects, creates the schema if needed and applies pending migrations. */
  async open(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    await this.dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await this.dataSource.runMigrations({ transaction: 'each' });
  }

  async isReady(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
