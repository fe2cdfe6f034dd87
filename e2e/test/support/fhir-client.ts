import type { Bundle, Resource } from '@medplum/fhirtypes' with { 'resolution-mode': 'import' };

export interface FhirResponse<T = Resource> {
  status: number;
  contentType: string | null;
  body: T;
}

/** GETs from the gateway's FHIR API as a FHIR client would, with an optional bearer token. */
export function fhirClient(baseUrl: string) {
  const get = async <T = Resource>(pathOrUrl: string, token?: string): Promise<FhirResponse<T>> => {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.json()) as T,
    };
  };
  /** Every page of a search, following `next` links; fails on any page that is not a 200 Bundle. */
  const allPages = async (path: string, token: string): Promise<Bundle[]> => {
    const pages: Bundle[] = [];
    let next: string | undefined = path;
    while (next) {
      const { status, body }: FhirResponse<Bundle> = await get<Bundle>(next, token);
      if (status !== 200) throw new Error(`${next} answered ${status}: ${JSON.stringify(body)}`);
      pages.push(body);
      next = body.link?.find((link) => link.relation === 'next')?.url;
    }
    return pages;
  };
  return { get, allPages };
}

export const resourcesOf = (bundles: Bundle[]): Resource[] =>
  bundles.flatMap((bundle) => (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : [])));
