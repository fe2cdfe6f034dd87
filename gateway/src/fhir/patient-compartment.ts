import { invalidSearch } from './fhir-error';
import { patientIdOf, type SearchRequest, singleValue } from './search-parameters';

/** The patient a compartment search is about: the graph reaches these records only through their patient. */
export function requiredPatientId(search: SearchRequest, resourceType: string): string {
  const value = singleValue(search, 'patient');
  if (value === undefined) throw invalidSearch(`A ${resourceType} search needs the patient parameter`);
  return patientIdOf(value);
}

/** A keyset position in a search that walks more than one of the graph's connections in turn. */
interface CompositeCursor<Source extends string> {
  source: Source;
  after: string | null;
}

export const encodeCursor = <Source extends string>(cursor: CompositeCursor<Source>): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor<Source extends string>(
  text: string | null,
  sources: readonly Source[],
): CompositeCursor<Source> | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<CompositeCursor<Source>>;
    if (
      parsed.source !== undefined &&
      sources.includes(parsed.source) &&
      (parsed.after === null || typeof parsed.after === 'string')
    ) {
      return { source: parsed.source, after: parsed.after };
    }
  } catch {
    // Reported below, as any other malformed cursor.
  }
  throw invalidSearch('_cursor is not one this search gave');
}
