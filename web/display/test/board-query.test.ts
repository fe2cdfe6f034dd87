import { createBoardLoader, readGraphQLResponse } from '../src/board-query';
import { DisplayRefused } from '../src/board-sync';
import { entry } from './fixtures';

interface Page {
  sequence: number;
  ids: string[];
  next: string | null;
}

/** A fetch that answers the board query page by page and records what it was sent. */
function fakeGateway(pages: Page[]) {
  const sent: { headers: Record<string, string>; variables: Record<string, unknown>; query: string }[] = [];
  const fetch = jest.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    sent.push({ headers: init?.headers as Record<string, string>, ...body });
    const page = pages.shift();
    if (!page) throw new Error('no more pages');
    return new Response(
      JSON.stringify({
        data: {
          ...(body.variables.withFacility ? { facility: { name: 'Riverside Clinic', timezone: 'Europe/Lisbon' } } : {}),
          queueEntries: {
            sequence: page.sequence,
            pageInfo: { hasNextPage: page.next !== null, endCursor: page.next },
            edges: page.ids.map((id) => ({ node: entry(id) })),
          },
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const options = { endpoint: 'http://127.0.0.1:4000/graphql', token: 'display.jwt', facilityId: 'f1', pageSize: 2 };

describe('createBoardLoader', () => {
  it('reads every page with the display token, for the waiting and called entries of its facility', async () => {
    const gateway = fakeGateway([
      { sequence: 9, ids: ['1', '2'], next: 'c2' },
      { sequence: 9, ids: ['3'], next: null },
    ]);
    const board = await createBoardLoader({ ...options, fetch: gateway.fetch })();
    expect(board.sequence).toBe(9);
    expect(board.entries.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(board.facility).toEqual({ name: 'Riverside Clinic', timezone: 'Europe/Lisbon' });
    expect(gateway.sent.map((s) => s.variables.after)).toEqual([null, 'c2']);
    expect(gateway.sent[0]?.variables).toMatchObject({ facilityId: 'f1', statuses: ['WAITING', 'CALLED'], first: 2 });
    expect(gateway.sent[0]?.headers.authorization).toBe('Bearer display.jwt');
  });

  it('asks for no patient data but the display name', async () => {
    const gateway = fakeGateway([{ sequence: 1, ids: [], next: null }]);
    await createBoardLoader({ ...options, fetch: gateway.fetch })();
    const patient = /patient\s*\{([^}]*)\}/.exec(gateway.sent[0]?.query ?? '');
    expect(patient?.[1]?.trim()).toBe('displayName');
  });

  it('reads the pages again when the queue moved between them', async () => {
    const gateway = fakeGateway([
      { sequence: 9, ids: ['1', '2'], next: 'c2' },
      { sequence: 10, ids: ['4'], next: null },
      { sequence: 10, ids: ['1', '3'], next: 'c2' },
      { sequence: 10, ids: ['4'], next: null },
    ]);
    const board = await createBoardLoader({ ...options, fetch: gateway.fetch })();
    expect(board.sequence).toBe(10);
    expect(board.entries.map((e) => e.id)).toEqual(['1', '3', '4']);
  });

  it('keeps the lowest sequence of the last try when the queue never stops moving', async () => {
    const gateway = fakeGateway([
      { sequence: 9, ids: ['1', '2'], next: 'c2' },
      { sequence: 10, ids: ['3'], next: null },
    ]);
    const board = await createBoardLoader({ ...options, fetch: gateway.fetch, attempts: 1 })();
    expect(board.sequence).toBe(9);
  });
});

describe('readGraphQLResponse', () => {
  it('treats a refused token as final', () => {
    expect(() => readGraphQLResponse(401, null)).toThrow(DisplayRefused);
    expect(() =>
      readGraphQLResponse(200, { data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }),
    ).toThrow(DisplayRefused);
  });

  it('treats anything else as worth retrying', () => {
    const failure = (() => {
      try {
        readGraphQLResponse(502, null);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(DisplayRefused);
    expect(() =>
      readGraphQLResponse(200, {
        data: null,
        errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      }),
    ).toThrow(/SERVICE_UNAVAILABLE/);
  });
});
