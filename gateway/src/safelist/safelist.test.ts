import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import {
  buildSafelistManifest,
  normalizeOperation,
  operationHash,
  readSafelistManifest,
  Safelist,
  type SafelistManifest,
} from './safelist';

const OPERATIONS = `
  # The board, as the front desk sees it
  query Board($f: ID!) { queueEntries(facilityId: $f) { ...Entry } }
  fragment Entry on QueueEntryConnection { totalCount edges { node { ...Token } } }
  fragment Token on QueueEntry { token }
  mutation Register($input: PatientRegistration!) { registerPatient(input: $input) { id } }
`;

const writeManifest = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'safelist-')), 'safelist.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('safelist manifest', () => {
  it('holds each operation alone with the fragments it uses, keyed by the hash of its normalized text', () => {
    const manifest = buildSafelistManifest([OPERATIONS]);
    const texts = Object.values(manifest);
    expect(texts).toHaveLength(2);
    const board = texts.find((text) => text.startsWith('query Board'))!;
    expect(board).toContain('fragment Entry on QueueEntryConnection');
    expect(board).toContain('fragment Token on QueueEntry');
    expect(board).not.toContain('#');
    expect(texts.find((text) => text.startsWith('mutation Register'))).not.toContain('fragment');
    for (const [hash, text] of Object.entries(manifest)) expect(operationHash(text)).toBe(hash);
  });

  it('does not depend on how a client lays the operation out', () => {
    const compact = 'mutation Register($input:PatientRegistration!){registerPatient(input:$input){id}}';
    const manifest = buildSafelistManifest([OPERATIONS]);
    expect(manifest[operationHash(normalizeOperation(compact))]).toBeDefined();
  });

  it('reads a manifest file and refuses one whose hashes do not match', () => {
    const manifest = buildSafelistManifest([OPERATIONS]);
    expect(readSafelistManifest(writeManifest(manifest))).toEqual(manifest);
    const tampered: SafelistManifest = { [Object.keys(manifest)[0]!]: '{ patients { totalCount } }' };
    expect(() => readSafelistManifest(writeManifest(tampered))).toThrow(/is not the hash of its operation/);
    expect(() => readSafelistManifest(writeManifest(['not', 'a', 'map']))).toThrow(/SAFELIST_PATH/);
    expect(() => readSafelistManifest('/nonexistent/safelist.json')).toThrow(/SAFELIST_PATH: cannot read/);
  });
});

describe('Safelist', () => {
  const manifest = buildSafelistManifest([OPERATIONS]);
  const listed = parse(Object.values(manifest)[1]!);
  const adHoc = parse('{ patients { totalCount } }');
  const staff = { subject: 'nurse', role: 'clinician' as const, scopes: [] };
  const client = { subject: 'acme', role: 'reception' as const, scopes: [], clientId: 'acme' };
  const delegated = { subject: 'app', role: 'patient' as const, scopes: ['queue:read'] };

  it('holds third-party apps (a client id or scopes) to the list when enforced', () => {
    const safelist = new Safelist({ operations: manifest, enforce: true });
    expect(safelist.allows(client, listed)).toBe(true);
    expect(safelist.allows(client, adHoc)).toBe(false);
    expect(safelist.allows(delegated, adHoc)).toBe(false);
    expect(safelist.allows(staff, adHoc)).toBe(true);
  });

  it('restricts no one when not enforced, and still serves registered operations by hash', () => {
    const safelist = new Safelist({ operations: manifest, enforce: false });
    expect(safelist.allows(client, adHoc)).toBe(true);
    const [hash, text] = Object.entries(manifest)[0]!;
    expect(safelist.operation(hash)).toBe(text);
  });
});
