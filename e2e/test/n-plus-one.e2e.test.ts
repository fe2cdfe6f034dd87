import type { SubgraphName } from '@clinicflow/gateway';
import { seedQueueBoard } from '@clinicflow/testing';
import { QueueBoardDocument, startTestPlatform, type TestPlatform } from '../src';

/**
 * The queue board asks every subgraph for something about every entry. With a DataLoader behind
 * every cross-entity and reference lookup, the SQL each subgraph runs does not grow with the board.
 */
describe('no N+1 on the queue board', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('nplusone');
  });
  afterAll(() => platform.stop());

  async function statementsForBoard(entries: number): Promise<Record<SubgraphName, number>> {
    const { facilityId } = await seedQueueBoard(platform.database.url, entries);
    const token = await platform.token('admin');
    const counters = [...platform.subgraphs].map(([name, running]) => [name, running.database.counter] as const);
    const before = counters.map(([, counter]) => counter.statements);
    const result = await platform.execute(token, QueueBoardDocument, { facilityId, first: 500 });
    expect(result.errors).toBeUndefined();
    const board = result.data!.queueEntries;
    expect(board.totalCount).toBe(entries);
    expect(board.edges).toHaveLength(entries);
    for (const { node } of board.edges) {
      expect(node.patient.displayName).toMatch(/^Given\d+ F\.$/);
      expect(node.patient.latestLabResult?.loincCode).toBe('2345-7');
      expect(node.patient.latestVitals).toMatchObject({ heartRate: 72, oxygenSaturation: 98 });
      expect(['DUE', 'NOT_REQUIRED']).toContain(node.paymentStatus);
    }
    return Object.fromEntries(
      counters.map(([name, counter], index) => [name, counter.statements - before[index]!]),
    ) as Record<SubgraphName, number>;
  }

  it('runs the same number of SQL statements in each subgraph for 10 and for 500 entries', async () => {
    const small = await statementsForBoard(10);
    const large = await statementsForBoard(500);
    expect(large).toEqual(small);
    for (const count of Object.values(small)) expect(count).toBeLessThanOrEqual(2);
  });
});
