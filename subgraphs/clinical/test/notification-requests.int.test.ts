import { randomUUID } from 'node:crypto';
import type { Delivery } from '@clinicflow/platform';
import {
  callers,
  callSubgraph,
  startTestSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
  type EventListener,
  listenForEvents,
} from '@clinicflow/testing';
import { clinicalSubgraph } from '../src/subgraph';

const RECORD = `mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }`;

/** A released lab result asks the patients subgraph, by a durable event, to tell the patient: ids only. */
describe('clinical notification requests', () => {
  let listener: EventListener<Record<string, unknown>>;
  let subgraph: TestSubgraph;
  let seen: Delivery<Record<string, unknown>>[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(clinicalSubgraph, { environment: { ...process.env, HL7_MLLP_PORT: '0' } });
    listener = await listenForEvents<Record<string, unknown>>(
      subgraph.testDatabase.url,
      'test.lab-result-notifications',
      ['clinical.lab-result-available'],
    );
    seen = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
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
