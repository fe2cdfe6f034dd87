import { randomBytes } from 'node:crypto';
import type { ConfigError } from '../config/load-config';
import { blindIndex } from './blind-index';
import { encryptedColumn, openField, sealField } from './encrypted-column';
import { fieldKeysFrom, installFieldKeys } from './field-keys';

const key = () => randomBytes(32).toString('base64');
const OLD = key();
const NEW = key();
const BLIND = key();
const CONTEXT = 'billing.coverage.member_id';

describe('field encryption at rest', () => {
  afterEach(() => installFieldKeys(null));

  it('seals with AES-256-GCM under the current key id, and opens to the same value', () => {
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    const sealed = sealField('XZK123456789', CONTEXT);
    expect(sealed).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('XZK123456789');
    // A fresh IV each time: equal values do not give equal ciphertexts.
    expect(sealField('XZK123456789', CONTEXT)).not.toBe(sealed);
    expect(openField(sealed, CONTEXT)).toBe('XZK123456789');
  });

  it('refuses a value that was altered, or moved to another column', () => {
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    const sealed = sealField('XZK123456789', CONTEXT);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3] as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => openField(parts.join('.'), CONTEXT)).toThrow();
    expect(() => openField(sealed, 'patients.patient.national_id')).toThrow();
    expect(() => openField('XZK123456789', CONTEXT)).toThrow(/not sealed/);
  });

  it('rotates keys: new values under the new id, old ones still open, an unknown id refused', () => {
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    const before = sealField('A-1', CONTEXT);
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k2:${NEW},k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    const after = sealField('A-1', CONTEXT);
    expect(before.split('.')[1]).toBe('k1');
    expect(after.split('.')[1]).toBe('k2');
    expect(openField(before, CONTEXT)).toBe('A-1');
    expect(openField(after, CONTEXT)).toBe('A-1');
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k2:${NEW}`, BLIND_INDEX_KEY: BLIND }));
    expect(() => openField(before, CONTEXT)).toThrow(/key k1, not configured/);
  });

  it('passes null through the column transformer untouched', () => {
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    const column = encryptedColumn(CONTEXT);
    expect(column.to(null)).toBeNull();
    expect(column.from(null)).toBeNull();
    expect(column.from(column.to('M-77'))).toBe('M-77');
  });

  it('gives equal blind indexes for the same identifier however it is written, per column', () => {
    installFieldKeys(fieldKeysFrom({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}`, BLIND_INDEX_KEY: BLIND }));
    expect(blindIndex('xzk-123 456', CONTEXT)).toBe(blindIndex('XZK123456', CONTEXT));
    expect(blindIndex('XZK123456', CONTEXT)).not.toBe(blindIndex('XZK123457', CONTEXT));
    expect(blindIndex('XZK123456', CONTEXT)).not.toBe(blindIndex('XZK123456', 'other.column'));
    expect(blindIndex('XZK123456', CONTEXT)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the variable when the keys are missing or malformed, never the value', () => {
    expect(fieldKeysFrom({})).toBeNull();
    const problems = (environment: Record<string, string>) => {
      try {
        fieldKeysFrom(environment);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ FIELD_ENCRYPTION_KEYS: `k1:${OLD}` })).toEqual([
      'BLIND_INDEX_KEY: is required with FIELD_ENCRYPTION_KEYS',
    ]);
    expect(problems({ FIELD_ENCRYPTION_KEYS: 'k1:c2hvcnQ=', BLIND_INDEX_KEY: BLIND })).toEqual([
      'FIELD_ENCRYPTION_KEYS: each key must be 32 bytes, base64-encoded',
    ]);
    expect(problems({ FIELD_ENCRYPTION_KEYS: `k1:${OLD},k1:${NEW}`, BLIND_INDEX_KEY: BLIND })).toEqual([
      'FIELD_ENCRYPTION_KEYS: key ids must be unique',
    ]);
    expect(JSON.stringify(problems({ FIELD_ENCRYPTION_KEYS: OLD, BLIND_INDEX_KEY: BLIND }))).not.toContain(OLD);
  });
});
