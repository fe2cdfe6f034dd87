import {
  type BaseContext,
  type Environment,
  createLiveEvents,
  createLogger,
  type RunningSubgraph,
  startSubgraph,
  type SubgraphDefinition,
} from '@clinicflow/platform';
import { TEST_CONTEXT_SECRET } from './graphql-client';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestSubgraph extends RunningSubgraph {
  testDatabase: TestDatabase;
}

/** Starts one subgraph on a free port against a throwaway database; `stop` drops the database. */
export async function startTestSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: { environment?: Environment } = {},
): Promise<TestSubgraph> {
  const testDatabase = await createTestDatabase(definition.name);
  const liveEvents = createLiveEvents();
  const running = await startSubgraph(definition, {
    databaseUrl: testDatabase.url,
    port: 0,
    contextSigningSecret: TEST_CONTEXT_SECRET,
    liveEvents,
    logger: createLogger(`test-${definition.name}`, process.env.TEST_LOG_LEVEL ?? 'silent'),
    // Listeners besides HTTP (clinical's HL7 MLLP) on free ports too, unless the test names one.
    environment: { HL7_MLLP_PORT: '0', ...(options.environment ?? process.env) },
  });
  return {
    ...running,
    testDatabase,
    stop: async () => {
      await running.stop();
      await liveEvents.close();
      await testDatabase.drop();
    },
  };
}
