import type { Database } from '@clinicflow/platform';

/**
 * The SQL statements `action` runs on `database`, counted once the subgraph's background work (job
 * consumers, estimate refreshes) has gone quiet, so that work started earlier is not counted with it.
 */
export async function statementsOf(database: Database, action: () => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + 10_000;
  let seen = -1;
  while (seen !== database.counter.statements && Date.now() < deadline) {
    seen = database.counter.statements;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const before = database.counter.statements;
  await action();
  return database.counter.statements - before;
}
