import * as catalogue from '.';
import { type EventContract } from './event-contract';
import { MEDICATION_READY_REQUEST, PAYMENT_SUCCEEDED_REQUEST } from './notification-requests';
import { HL7_ADT, SPECIMEN_COLLECTED } from './clinical-events';

const PATIENT = '6f1c1b5e-8d8a-4c57-9a51-3f7d2f0e9a11';
const OTHER = '0b6f3c1e-2a4d-4f6b-8c1d-5e9f7a2b3c4d';

const contracts = (Object.values(catalogue) as unknown[]).filter(
  (value): value is EventContract => typeof value === 'object' && value !== null && 'schema' in value,
);

describe('the catalogue of cross-subgraph event contracts', () => {
  it('gives every event one contract, under a valid event name', () => {
    const names = contracts.map((contract) => contract.name);
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/);
  });

  it('reads what the publisher writes, and names the wrong field of a bad payload, never its value', () => {
    const collected = {
      collectionId: OTHER,
      patientId: PATIENT,
      queueEntryId: null,
      collectedAt: '2026-11-23T08:30:00.000Z',
      minutes: 8,
    };
    expect(SPECIMEN_COLLECTED.schema.parse(collected)).toEqual(collected);
    const bad = SPECIMEN_COLLECTED.schema.safeParse({ ...collected, collectedAt: 'Ada Lovelace' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['collectedAt']);
    expect(JSON.stringify(bad.error?.issues)).not.toContain('Ada');
    expect(HL7_ADT.schema.safeParse({ trigger: 'A99', patientId: PATIENT }).success).toBe(false);
  });

  it('lets a consumer pick fewer fields than the publisher writes, dropping the rest', () => {
    const receipt = {
      patientId: PATIENT,
      invoiceId: OTHER,
      amountCents: 1250,
      currency: 'USD',
      reference: 'INV-0B6F3C1E',
    };
    expect(PAYMENT_SUCCEEDED_REQUEST.schema.pick({ patientId: true, reference: true }).parse(receipt)).toEqual({
      patientId: PATIENT,
      reference: 'INV-0B6F3C1E',
    });
    expect(MEDICATION_READY_REQUEST.schema.safeParse({ patientId: PATIENT }).success).toBe(false);
  });
});
