import { getStatus } from '@medplum/core';
import type { FhirRequest, FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleLink, OperationOutcome, Resource } from './fhir-types';

type IssueType = OperationOutcome['issue'][number]['code'];
import type { Request, Response } from 'express';

export const FHIR_JSON = 'application/fhir+json';

export function sendOutcome(res: Response, status: number, outcome: OperationOutcome): void {
  res.status(status).type(FHIR_JSON).json(outcome);
}

export function operationOutcome(code: IssueType, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const earlier = query[name];
    query[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return query;
}

/**
 * Medplum's search answers `total` but no paging links; a FHIR client pages by following
 * `next`, so the adapter adds `self` and `next` from `_count` and `_offset`.
 */
function withPagingLinks(bundle: Bundle, requestUrl: URL): Bundle {
  if (bundle.type !== 'searchset') return bundle;
  const count = Number(requestUrl.searchParams.get('_count') ?? 20);
  const offset = Number(requestUrl.searchParams.get('_offset') ?? 0);
  const link: BundleLink[] = [{ relation: 'self', url: requestUrl.toString() }];
  if (bundle.total !== undefined && offset + count < bundle.total) {
    const next = new URL(requestUrl);
    next.searchParams.set('_offset', String(offset + count));
    next.searchParams.set('_count', String(count));
    link.push({ relation: 'next', url: next.toString() });
  }
  return { ...bundle, link };
}

/**
 * Serves Medplum's FHIR router over HTTP: the request goes to the router as FHIR REST, and its
 * OperationOutcome becomes the HTTP status; resources carry their version as a weak ETag.
 */
export function fhirHandler(router: FhirRouter, repository: MemoryRepository, baseUrl: () => string) {
  return async (req: Request, res: Response): Promise<void> => {
    const requestUrl = new URL(`${baseUrl()}${req.url}`);
    const fhirRequest: FhirRequest = {
      method: req.method as FhirRequest['method'],
      url: `${req.path}${requestUrl.search}`,
      pathname: '',
      body: req.body as unknown,
      params: {},
      query: queryOf(requestUrl.searchParams),
      headers: req.headers,
    };
    let answer: [OperationOutcome] | [OperationOutcome, Resource] | [OperationOutcome, Resource, unknown];
    try {
      answer = await router.handleRequest(fhirRequest, repository);
    } catch (error) {
      const outcome = (error as { outcome?: OperationOutcome }).outcome;
      if (!outcome) throw error;
      answer = [outcome];
    }
    const [outcome, resource] = answer;
    const status = getStatus(outcome);
    if (!resource || status >= 400) {
      sendOutcome(res, status, outcome);
      return;
    }
    if (resource.meta?.versionId) res.set('etag', `W/"${resource.meta.versionId}"`);
    if (resource.meta?.lastUpdated) res.set('last-modified', new Date(resource.meta.lastUpdated).toUTCString());
    if (status === 201 && resource.id) res.set('location', `${baseUrl()}/${resource.resourceType}/${resource.id}`);
    const body = resource.resourceType === 'Bundle' ? withPagingLinks(resource, requestUrl) : resource;
    res.status(status).type(FHIR_JSON).json(body);
  };
}
