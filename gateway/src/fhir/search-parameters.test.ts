import { FhirError } from './fhir-error';
import { dateTest, parseSearch, parseToken, type SearchParameterDefinition } from './search-parameters';

const supported: SearchParameterDefinition[] = [
  { name: 'name', type: 'string', documentation: 'a name' },
  { name: 'birthdate', type: 'date', documentation: 'a date' },
];

const refusal = (query: Record<string, unknown>) => {
  try {
    parseSearch(query, supported, 'Patient');
  } catch (error) {
    if (error instanceof FhirError) return { status: error.status, type: error.issueType, message: error.message };
    throw error;
  }
  throw new Error('accepted');
};

describe('FHIR search parameters', () => {
  it('reads repeated parameters as AND and comma lists as OR, with page size and cursor', () => {
    const search = parseSearch({ name: ['ann,bob', 'smi'], _count: '7', _cursor: 'abc' }, supported, 'Patient');
    expect(search.params.get('name')).toEqual([['ann', 'bob'], ['smi']]);
    expect(search.count).toBe(7);
    expect(search.cursor).toBe('abc');
    expect(parseSearch({}, supported, 'Patient')).toMatchObject({ count: 50, cursor: null });
  });

  it('refuses unknown and modified parameters, bad page sizes, empty values and formats other than JSON', () => {
    expect(refusal({ gender: 'female' })).toMatchObject({
      status: 400,
      type: 'invalid',
      message: /'gender'.*name, birthdate/,
    });
    expect(refusal({ 'name:exact': 'Ann' })).toMatchObject({ status: 400, type: 'not-supported' });
    for (const count of ['0', '501', '2.5', 'ten']) expect(refusal({ _count: count })).toMatchObject({ status: 400 });
    expect(refusal({ name: '' })).toMatchObject({ status: 400, message: /no value/ });
    expect(refusal({ _format: 'xml' })).toMatchObject({ status: 400, type: 'not-supported' });
    expect(refusal({ name: { nested: 'object' } })).toMatchObject({ status: 400, message: /plain value/ });
    expect(parseSearch({ _format: 'application/fhir+json' }, supported, 'Patient').params.size).toBe(0);
  });

  it('splits a token into its optional system and code', () => {
    expect(parseToken('http://loinc.org|8867-4')).toEqual({ system: 'http://loinc.org', code: '8867-4' });
    expect(parseToken('8867-4')).toEqual({ code: '8867-4' });
    expect(parseToken('|8867-4')).toEqual({ code: '8867-4' });
  });

  it('compares dates over the period of their precision, with prefixes', () => {
    const at = '2026-11-22T10:30:00.000Z';
    expect(dateTest('2026-11-22')(at)).toBe(true);
    expect(dateTest('2026-11')(at)).toBe(true);
    expect(dateTest('2026')(at)).toBe(true);
    expect(dateTest('2026-11-21')(at)).toBe(false);
    expect(dateTest('ge2026-11-22')(at)).toBe(true);
    expect(dateTest('gt2026-11-22')(at)).toBe(false);
    expect(dateTest('le2026-11-22')(at)).toBe(true);
    expect(dateTest('lt2026-11-22')(at)).toBe(false);
    expect(dateTest('ne2026-11')(at)).toBe(false);
    expect(dateTest('lt2026-11-22T11:00:00Z')(at)).toBe(true);
    expect(dateTest('eq2026-11-22T10:30:00Z')(at)).toBe(true);
    for (const bad of ['yesterday', '2026-13', '22-11-2026', 'ap2026']) {
      expect(() => dateTest(bad)).toThrow(/Not a FHIR date/);
    }
  });
});
