import { randomUUID } from 'node:crypto';
import type { AdapterPolicy } from '@clinicflow/platform';
import type { Bundle, OperationOutcome, Resource } from './fhir-types';
import type { EhrIntegration } from './ehr-integration';
import { EhrCredentialsRefused, FhirHttpFailure, fhirError } from './fhir-errors';
import type { SmartTokenSource } from './smart-token';

const FHIR_JSON = 'application/fhir+json';

/** A FHIR resource as the EHR stored it: with its id and version. */
export type Stored<T extends Resource> = T & { id: string; meta: { versionId: string; lastUpdated: string } };

/** Largest page asked for; the EHR may answer with less and a `next` link. */
const PAGE_SIZE = 100;

interface Answer {
  status: number;
  body: unknown;
}

const TRANSIENT = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * ClinicFlow's FHIR R4 client of the EHR: read, search (following the bundle's `next` links),
 * create, and update with optimistic locking (If-Match on the version we read). Every call goes
 * through the EHR's adapter policy with a SMART access token; a refused token is renewed once,
 * and a refused credential pauses the integration (calls then fail at once until it resumes).
 */
export class FhirClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: SmartTokenSource,
    private readonly policy: AdapterPolicy,
    private readonly integration: EhrIntegration,
  ) {}

  async read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<Stored<T>> {
    const answer = await this.call('GET', `${resourceType}/${encodeURIComponent(id)}`);
    return this.expect<Stored<T>>(answer, 200, `${resourceType}/${id}`);
  }

  /** Every match, page after page. */
  async search<T extends Resource>(
    resourceType: T['resourceType'],
    params: Record<string, string>,
  ): Promise<Stored<T>[]> {
    const query = new URLSearchParams({ _count: String(PAGE_SIZE), ...params });
    let path: string | null = `${resourceType}?${query}`;
    const found: Stored<T>[] = [];
    while (path) {
      const bundle: Bundle = this.expect<Bundle>(await this.call('GET', path), 200, `${resourceType} search`);
      for (const entry of bundle.entry ?? []) {
        if (entry.resource?.resourceType === resourceType && entry.search?.mode !== 'include') {
          found.push(entry.resource as Stored<T>);
        }
      }
      const next = bundle.link?.find((link) => link.relation === 'next')?.url;
      path = next ? this.pathOf(next) : null;
    }
    return found;
  }

  async create<T extends Resource>(resource: T): Promise<Stored<T>> {
    // A POST is not safe to repeat: it is sent once, and a failure is the caller's to retry.
    const answer = await this.call('POST', resource.resourceType, resource, {}, false);
    return this.expect<Stored<T>>(answer, 201, resource.resourceType);
  }

  /** Saves a new version, only if the EHR's current one is still `versionId` (else CONFLICT). */
  async update<T extends Resource>(resource: T & { id: string }, versionId: string): Promise<Stored<T>> {
    const path = `${resource.resourceType}/${encodeURIComponent(resource.id)}`;
    const answer = await this.call('PUT', path, resource, { 'if-match': `W/"${versionId}"` });
    return this.expect<Stored<T>>(answer, 200, `${resource.resourceType}/${resource.id}`);
  }

  /** Checks that the credentials work (a new token is fetched): how a paused integration resumes. */
  async probe(): Promise<void> {
    this.tokens.invalidate();
    await this.withCredentials(() => this.tokens.token());
  }

  private expect<T>(answer: Answer, status: number, what: string): T {
    if (answer.status !== status) throw fhirError(answer.status, answer.body as OperationOutcome | undefined, what);
    return answer.body as T;
  }

  private pathOf(url: string): string {
    if (!url.startsWith(`${this.baseUrl}/`)) throw new Error('The EHR sent a paging link to another server');
    return url.slice(this.baseUrl.length + 1);
  }

  private async call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: Resource,
    headers: Record<string, string> = {},
    repeatable = true,
  ): Promise<Answer> {
    this.integration.assertActive();
    return this.withCredentials(async () => {
      const answer = await this.send(method, path, body, headers, repeatable, await this.tokens.token());
      if (answer.status !== 401) return answer;
      // The token was refused (expired or revoked early): once more with a new one.
      this.tokens.invalidate();
      const retried = await this.send(method, path, body, headers, repeatable, await this.tokens.token());
      if (retried.status === 401) throw new EhrCredentialsRefused('invalid_token');
      return retried;
    });
  }

  private async withCredentials<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.integration.resume();
      return result;
    } catch (error) {
      if (error instanceof EhrCredentialsRefused) {
        await this.integration.pause(error.oauthError);
        this.integration.assertActive();
      }
      throw error;
    }
  }

  private send(
    method: string,
    path: string,
    body: Resource | undefined,
    headers: Record<string, string>,
    repeatable: boolean,
    token: string,
  ): Promise<Answer> {
    return this.policy.execute(
      async ({ signal }) => {
        const response = await fetch(`${this.baseUrl}/${path}`, {
          method,
          headers: {
            accept: FHIR_JSON,
            authorization: `Bearer ${token}`,
            ...(body ? { 'content-type': FHIR_JSON } : {}),
            ...headers,
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal,
        });
        if (TRANSIENT(response.status)) {
          await response.arrayBuffer();
          throw new FhirHttpFailure(response.status);
        }
        return { status: response.status, body: await response.json().catch(() => undefined) };
      },
      repeatable ? { idempotencyKey: randomUUID() } : {},
    );
  }
}
