import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HL7_CONFIG_DIR, loadSenderConfigs } from './sender-config.loader';

const folderWith = (files: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'hl7-config-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
};

describe('HL7 sender mappings', () => {
  it('loads the repository’s mappings and finds each sender’s, falling back to the default', () => {
    const configs = loadSenderConfigs(DEFAULT_HL7_CONFIG_DIR);
    expect(configs.forSender('XXXX', 'C')?.observations.codes.JLDL?.loinc).toBe('13457-7');
    expect(configs.forSender('XXXX', 'C')?.observations.unitComponent).toBe(2);
    expect(configs.forSender('EPIC', 'EPICADT')?.sender.application).toBe('*');
  });

  it('refuses a mapping with a bad field, naming the file and the field', () => {
    const dir = folderWith({
      'lab.json': {
        sender: { application: 'LAB' },
        observations: { codes: { GLU: { loinc: 'glucose', display: 'Glucose' } } },
      },
    });
    expect(() => loadSenderConfigs(dir)).toThrow(/lab\.json: observations\.codes\.GLU\.loinc: must be a LOINC code/);
  });

  it('refuses a mapping with a field position that is not one, an unknown key, or JSON that does not parse', () => {
    expect(() => loadSenderConfigs(folderWith({ 'a.json': { sender: { application: 'A' }, mrn: 'PID3' } }))).toThrow(
      /a\.json: mrn: must be a field position/,
    );
    expect(() =>
      loadSenderConfigs(folderWith({ 'b.json': { sender: { application: 'B' }, mrnField: 'PID-3' } })),
    ).toThrow(/b\.json: \(file\): Unrecognized key/);
    expect(() => loadSenderConfigs(folderWith({ 'c.json': '{ not json' }))).toThrow(/c\.json: not valid JSON/);
  });

  it('refuses two files for the same sender', () => {
    const sender = { sender: { application: 'LAB', facility: 'MAIN' } };
    expect(() => loadSenderConfigs(folderWith({ 'one.json': sender, 'two.json': sender }))).toThrow(
      /two\.json: sender LAB\^MAIN is already mapped by one\.json/,
    );
  });
});
