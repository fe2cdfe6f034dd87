import type { Resource } from './fhir-types';
import { invalidSearch } from './fhir-error';
import type { SearchPage } from './resource-handler';
import type { SearchRequest } from './search-parameters';

/**
 * A page of a short list the graph returns whole (a patient's latest 20 visits, their coverages):
 * the cursor is a position in the list.
 */
export function listPage(search: SearchRequest, matching: Resource[]): SearchPage {
  const start = search.cursor === null ? 0 : Number(search.cursor);
  if (!Number.isInteger(start) || start < 0) throw invalidSearch('_cursor is not one this search gave');
  const end = start + search.count;
  return {
    resources: matching.slice(start, end),
    total: matching.length,
    nextCursor: end < matching.length ? String(end) : null,
  };
}
