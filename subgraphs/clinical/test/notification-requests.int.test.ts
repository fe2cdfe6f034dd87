import { randomUUID } from 'node:crypto';
import { createDurableEvents, createLogger, defineConsumer, type Delivery, startConsumers } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import type PgBoss from 'pg-boss';
import { clinicalSubgraph } from '../src/subgraph';

const RECORD = `mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }`;

/** A released lab result asks the patients subgraph, by a durable event, to tell the patient: ids only. */
describe('clinical notification requests', () => {
  let subgraph: TestSubgraph;
  let boss: PgBoss;
  let stop: () => Promise<void>;
  const seen: Delivery<Record<string, unknown>>[] = [];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(clinicalSubgraph, { environment: { ...process.env, HL7_MLLP_PORT: '0' } });
    boss = createDurableEvents(subgraph.testDatabase.url);
    // Dropping the test database at the end ends its connections: not an error of the test.
    boss.on('error', () => undefined);
    await boss.start();
    const listener = defineConsumer<Record<string, unknown>>({
      name: 'test.lab-result-notifications',
      events: ['clinical.lab-result-available'],
      pollingIntervalSeconds: 0.5,
      handler: async (delivery) => {
        seen.push(delivery);
      },
    });
    ({ stop } = await startConsumers(boss, [listener], { logger: createLogger('test', 'silent') }));
  });
  afterAll(async () => {
    await stop();
    await boss.stop({ graceful: false, wait: true });
    await subgraph.stop();
  });

  it('publishes for final results with the patient and result ids, never the value, and not for preliminary ones', async () => {
    const patientId = randomUUID();
    const input = (status: string) => ({
      patientId,
      loincCode: '2345-7',
      display: 'Glucose [Mass/volume] in Serum or Plasma',
      valueQuantity: 392.5,
      unit: 'mg/dL',
      abnormalFlag: 'CRITICALLY_HIGH',
      status,
      issuedAt: '2026-03-01T08:00:00.000Z',
    });
    const call = (status: string) =>
      callSubgraph<{ recordLabResult: { id: string } }>(subgraph.url, TEST_CONTEXT_SECRET, callers.clinician, RECORD, {
        input: input(status),
      });
    const preliminary = await call('PRELIMINARY');
    const final = await call('FINAL');
    expect(preliminary.errors ?? final.errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(seen.map((delivery) => ({ key: delivery.key, data: delivery.data }))).toEqual([
      { key: patientId, data: { patientId, labResultId: final.data!.recordLabResult.id } },
    ]);
  });
});
