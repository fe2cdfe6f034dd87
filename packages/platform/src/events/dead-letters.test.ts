import { defineConsumer } from './consumers';
import { summarizePayload } from './dead-letters';
import { failureMessage, readFailure, scrubMessage } from './failure-record';
import { isEventEnvelope } from './published-events';

const PATIENT = '6f1c1b5e-8d8a-4c57-9a51-3f7d2f0e9a11';
const RESULT = '0b6f3c1e-2a4d-4f6b-8c1d-5e9f7a2b3c4d';

describe('what a dead letter shows of its payload', () => {
  it('shows UUIDs in id fields, and only the names of the other fields', () => {
    expect(
      summarizePayload({
        patientId: PATIENT,
        resultIds: [RESULT, PATIENT],
        id: RESULT,
        mrn: 'MRN-1',
        givenName: 'Ada',
        // Named like an id, but not a UUID: it could be anything, so it is withheld.
        nationalId: '123-45-6789',
        callNumber: 2,
        nested: { patientId: PATIENT },
      }),
    ).toEqual({
      references: [
        { field: 'id', id: RESULT },
        { field: 'patientId', id: PATIENT },
        { field: 'resultIds', id: RESULT },
        { field: 'resultIds', id: PATIENT },
      ],
      withheldFields: ['callNumber', 'givenName', 'mrn', 'nationalId', 'nested'],
    });
  });

  it('has nothing to show of a payload that is no object', () => {
    expect(summarizePayload(null)).toEqual({ references: [], withheldFields: [] });
    expect(summarizePayload(['Ada'])).toEqual({ references: [], withheldFields: [] });
  });
});

describe('error messages kept for staff', () => {
  it('mask e-mail addresses and phone-like numbers, but not ids or codes', () => {
    expect(scrubMessage(`SMS to +1 (555) 010-4477 for ada@example.org failed: 21211 on ${PATIENT}`)).toBe(
      `SMS to [number] for [email] failed: 21211 on ${PATIENT}`,
    );
    expect(scrubMessage('timeout after 10000 ms')).toBe('timeout after 10000 ms');
  });

  it('are cut to 500 characters', () => {
    expect(scrubMessage('x'.repeat(2000))).toHaveLength(500);
  });

  it("read the consumer's record, and what pg-boss writes itself", () => {
    const record = {
      message: 'down',
      attempts: 3,
      firstAttemptAt: '2025-01-01T00:00:00.000Z',
      lastAttemptAt: '2025-01-01T00:01:00.000Z',
      deliveryId: RESULT,
    };
    expect(readFailure(record)).toEqual(record);
    expect(failureMessage(record)).toBe('down');
    expect(failureMessage({ value: { message: 'job failed by timeout in active state' } })).toBe(
      'job failed by timeout in active state',
    );
    expect(failureMessage({ value: 'pg-boss shut down while active' })).toBe('pg-boss shut down while active');
    expect(failureMessage(null)).toBe('No error was recorded');
  });
});

describe('defineConsumer', () => {
  const handler = async () => {};

  it('fills in the defaults and names the dead-letter queue', () => {
    expect(
      defineConsumer({ name: 'billing.patient-registered', events: ['patient.registered'], handler }),
    ).toMatchObject({
      deadLetterQueue: 'billing.patient-registered.dead-letter',
      retry: { limit: 5, delaySeconds: 5, backoff: true },
      ordered: false,
      concurrency: 4,
      timeoutSeconds: 60,
      policy: 'standard',
    });
  });

  it('refuses settings that cannot work', () => {
    expect(() => defineConsumer({ name: 'Billing Queue', handler })).toThrow('lower-case');
    expect(() => defineConsumer({ name: 'a.dead-letter', handler })).toThrow('may not end');
    expect(() => defineConsumer({ name: 'a', retry: { delaySeconds: 0, backoff: true }, handler })).toThrow(
      'at least 1 with backoff',
    );
    expect(() => defineConsumer({ name: 'a', retry: { limit: 1.5 }, handler })).toThrow('retry.limit');
    expect(() => defineConsumer({ name: 'a', concurrency: 0, handler })).toThrow('concurrency');
    // A short-policy queue drops a job when one with the same key waits: never for events.
    expect(() => defineConsumer({ name: 'a', policy: 'short', events: ['x.y'], handler })).toThrow('short-policy');
  });
});

describe('isEventEnvelope', () => {
  it('tells a published event from a job sent straight to a queue', () => {
    expect(
      isEventEnvelope({
        event: { id: RESULT, name: 'lab-result.available', key: null, publishedAt: '2025-01-01T00:00:00.000001Z' },
        data: {},
      }),
    ).toBe(true);
    expect(isEventEnvelope({ entryId: RESULT, callNumber: 1 })).toBe(false);
    expect(isEventEnvelope({ event: 'x', data: {} })).toBe(false);
  });
});
