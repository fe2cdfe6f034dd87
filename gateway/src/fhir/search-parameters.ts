import { invalidSearch, notSupported } from './fhir-error';

/** A search parameter one resource type accepts, as the CapabilityStatement declares it. */
export interface SearchParameterDefinition {
  name: string;
  type: 'token' | 'string' | 'date' | 'reference';
  documentation: string;
}

export interface SearchRequest {
  /** Each parameter's values: one entry per occurrence, each a comma-separated list split (OR). */
  params: Map<string, string[][]>;
  count: number;
  /** Where the previous page ended (from a `next` link), or null for the first page. */
  cursor: string | null;
}

const DEFAULT_COUNT = 50;
export const MAX_COUNT = 500;
/** Parameters of every search: page size, page position and response format. */
export const CONTROL_PARAMETERS = ['_count', '_cursor', '_format'] as const;
const JSON_FORMATS = ['json', 'application/json', 'application/fhir+json'];

const values = (raw: unknown, name: string): string[] => {
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((value): value is string => typeof value === 'string')) {
    throw invalidSearch(`Search parameter '${name}' must be a plain value`);
  }
  return list;
};

/**
 * Checks a search's query string against the parameters the resource type supports: an unknown or
 * modified parameter, a bad `_count` or a format other than JSON is refused (400) rather than ignored,
 * as FHIR allows a server to do with `handling=strict` semantics.
 */
export function parseSearch(
  query: Record<string, unknown>,
  supported: readonly SearchParameterDefinition[],
  resourceType: string,
): SearchRequest {
  const params = new Map<string, string[][]>();
  let count = DEFAULT_COUNT;
  let cursor: string | null = null;
  for (const [name, raw] of Object.entries(query)) {
    const given = values(raw, name);
    if (name === '_count') {
      const value = given.length === 1 ? Number(given[0]) : Number.NaN;
      if (!Number.isInteger(value) || value < 1 || value > MAX_COUNT) {
        throw invalidSearch(`_count must be a whole number from 1 to ${MAX_COUNT}`);
      }
      count = value;
    } else if (name === '_cursor') {
      if (given.length !== 1 || !given[0]) throw invalidSearch('_cursor must be given once, as a next link gives it');
      cursor = given[0];
    } else if (name === '_format') {
      if (!given.every((format) => JSON_FORMATS.includes(format))) throw notSupported('Only JSON is served');
    } else if (name.includes(':')) {
      throw notSupported(`Search parameter modifiers are not supported: '${name}'`);
    } else if (supported.some((parameter) => parameter.name === name)) {
      if (given.some((value) => value === '')) throw invalidSearch(`Search parameter '${name}' has no value`);
      params.set(
        name,
        given.map((value) => value.split(',')),
      );
    } else {
      throw invalidSearch(
        `Unknown search parameter '${name}' for ${resourceType}; supported: ${supported.map((p) => p.name).join(', ')}`,
      );
    }
  }
  return { params, count, cursor };
}

/** The single value of a parameter that takes one (no repetition, no OR list), if given. */
export function singleValue(search: SearchRequest, name: string): string | undefined {
  const given = search.params.get(name);
  if (!given) return undefined;
  if (given.length !== 1 || given[0]!.length !== 1) throw notSupported(`Search parameter '${name}' takes one value`);
  return given[0]![0];
}

export interface Token {
  system?: string;
  code: string;
}

/** `[system|]code`: a token's system is optional. */
export function parseToken(value: string): Token {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  const system = value.slice(0, bar);
  return system ? { system, code: value.slice(bar + 1) } : { code: value.slice(bar + 1) };
}

/** True when every occurrence of the parameter has at least one value the test accepts (AND of ORs). */
export const matchesAll = (occurrences: string[][] | undefined, test: (value: string) => boolean): boolean =>
  !occurrences || occurrences.every((alternatives) => alternatives.some(test));

/** A reference parameter (`patient=123` or `patient=Patient/123`) as the patient's id. */
export function patientIdOf(value: string): string {
  const id = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw invalidSearch('patient must be a Patient id or Patient/<id>');
  return id;
}

const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const;
type DatePrefix = (typeof DATE_PREFIXES)[number];
/** The refusal names the format, never the value sent (it may be a birth date). */
const DATE_FORMAT =
  'Not a FHIR date: YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with its zone, after an optional eq, ne, gt, ge, lt or le';
const DATE_VALUE =
  /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * A date parameter (`ge2026-11-01`, `2026-11`, `lt2026-11-22T10:00:00Z`) as a test of an instant:
 * the value stands for the whole period of its precision (a day, a month), in UTC when no zone is given.
 */
export function dateTest(value: string): (instant: string) => boolean {
  const prefix = (DATE_PREFIXES as readonly string[]).includes(value.slice(0, 2))
    ? (value.slice(0, 2) as DatePrefix)
    : 'eq';
  const text = prefix === 'eq' && !value.startsWith('eq') ? value : value.slice(2);
  const parts = DATE_VALUE.exec(text);
  if (!parts) throw invalidSearch(DATE_FORMAT);
  const [, year, month, day, time] = parts;
  const start = time ? Date.parse(text) : Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1);
  const end = time
    ? start + 1000
    : day
      ? start + 86_400_000
      : month
        ? Date.UTC(Number(year), Number(month), 1)
        : Date.UTC(Number(year) + 1, 0, 1);
  if (Number.isNaN(start)) throw invalidSearch(DATE_FORMAT);
  return (instant) => {
    const at = Date.parse(instant);
    switch (prefix) {
      case 'eq':
        return at >= start && at < end;
      case 'ne':
        return at < start || at >= end;
      case 'gt':
        return at >= end;
      case 'ge':
        return at >= start;
      case 'lt':
        return at < start;
      case 'le':
        return at < end;
    }
  };
}
