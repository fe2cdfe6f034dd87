import type { Bundle, Resource } from './fhir-types';
import type { SearchPage } from './resource-handler';

/** A search's answer as a `searchset` Bundle, with `self` and, while there is more, `next` links. */
export function searchBundle(baseUrl: string, selfUrl: URL, page: SearchPage): Bundle {
  const link: Bundle['link'] = [{ relation: 'self', url: selfUrl.toString() }];
  if (page.nextCursor) {
    const next = new URL(selfUrl);
    next.searchParams.set('_cursor', page.nextCursor);
    link.push({ relation: 'next', url: next.toString() });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(page.total !== undefined ? { total: page.total } : {}),
    link,
    entry: page.resources.map((resource) => entry(baseUrl, resource)),
  };
}

export function entry(baseUrl: string, resource: Resource): NonNullable<Bundle['entry']>[number] {
  return { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } };
}
