import { DisplayRefused } from './board-sync';
import { type BoardSnapshot, type DisplayEntry, type FacilityInfo, SHOWN_STATUSES } from './queue-board';

/** The entry fields a display reads: `patient.displayName` ("First L.") is the only patient data. */
const ENTRY_FIELDS = /* GraphQL */ `
  id
  token
  status
  priority
  position
  estimatedWaitMinutes
  calledAt
  servicePoint { name }
  service { name }
  patient { displayName }
`;

export const BOARD_QUERY = /* GraphQL */ `
  query DisplayBoard($facilityId: ID!, $statuses: [QueueStatus!], $first: Int!, $after: String, $withFacility: Boolean!) {
    facility(id: $facilityId) @include(if: $withFacility) { name timezone }
    queueEntries(facilityId: $facilityId, statuses: $statuses, first: $first, after: $after) {
      sequence
      pageInfo { hasNextPage endCursor }
      edges { node { ${ENTRY_FIELDS} } }
    }
  }
`;

export const UPDATES_SUBSCRIPTION = /* GraphQL */ `
  subscription DisplayUpdates($facilityId: ID!) {
    queueUpdated(facilityId: $facilityId) {
      facilityId
      sequence
      reason
      occurredAt
      entry { ${ENTRY_FIELDS} }
    }
  }
`;

/** Codes with which the gateway or a subgraph refuses the caller itself, not the request. */
const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface BoardPage {
  facility?: FacilityInfo | null;
  queueEntries: {
    sequence: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: DisplayEntry }[];
  };
}

export interface BoardLoaderOptions {
  /** The gateway's GraphQL endpoint, on the page's own origin. */
  endpoint: string;
  token: string;
  facilityId: string;
  fetch: typeof fetch;
  /** Rows per request (the API allows up to 500). */
  pageSize?: number;
  /** A bound on the requests of one load, against a cursor that never ends. */
  maxPages?: number;
  /** How many times to read the pages again when the queue moved while they were read. */
  attempts?: number;
}

/** Throws DisplayRefused for a refused token, an Error for anything worth retrying. */
export function readGraphQLResponse<T>(status: number, body: GraphQLResponse<T> | null): T {
  const codes = (body?.errors ?? []).map((error) => error.extensions?.code ?? '');
  if (status === 401 || status === 403 || codes.some((code) => REFUSAL_CODES.has(code))) throw new DisplayRefused();
  if (!body?.data || codes.length > 0) {
    throw new Error(`The board could not be read (HTTP ${status}${codes.length ? `, ${codes.join(', ')}` : ''})`);
  }
  return body.data;
}

/**
 * Loads every page of the facility's board. Each page is read at its own sequence: when they differ
 * the queue moved between pages (an offset cursor can then skip an entry), so the load starts over.
 * If the queue keeps moving, the last try is kept with the lowest sequence of its pages, so every
 * event after it is applied again on top; events carry whole entries, so that is harmless.
 */
export function createBoardLoader(options: BoardLoaderOptions): () => Promise<BoardSnapshot> {
  const pageSize = options.pageSize ?? 200;
  const maxPages = options.maxPages ?? 20;
  const attempts = options.attempts ?? 3;
  const readPage = async (after: string | null, withFacility: boolean): Promise<BoardPage> => {
    const response = await options.fetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({
        operationName: 'DisplayBoard',
        query: BOARD_QUERY,
        variables: { facilityId: options.facilityId, statuses: SHOWN_STATUSES, first: pageSize, after, withFacility },
      }),
    });
    const body = (await response.json().catch(() => null)) as GraphQLResponse<BoardPage> | null;
    return readGraphQLResponse(response.status, body);
  };
  const readAllPages = async (): Promise<BoardSnapshot & { torn: boolean }> => {
    const first = await readPage(null, true);
    const entries = first.queueEntries.edges.map((edge) => edge.node);
    let sequence = first.queueEntries.sequence;
    let torn = false;
    let { pageInfo } = first.queueEntries;
    for (let page = 1; pageInfo.hasNextPage && pageInfo.endCursor && page < maxPages; page += 1) {
      const next = await readPage(pageInfo.endCursor, false);
      entries.push(...next.queueEntries.edges.map((edge) => edge.node));
      torn ||= next.queueEntries.sequence !== first.queueEntries.sequence;
      sequence = Math.min(sequence, next.queueEntries.sequence);
      pageInfo = next.queueEntries.pageInfo;
    }
    return { sequence, entries, facility: first.facility ?? null, torn };
  };

  return async () => {
    for (let attempt = 1; ; attempt += 1) {
      const { torn, ...snapshot } = await readAllPages();
      if (!torn || attempt >= attempts) return snapshot;
    }
  };
}
