import {
  authorizationFrom,
  createExplorerFetcher,
  sameOriginEndpoint,
  subscriptionConnectionParams,
} from '../src/fetcher';

describe('sameOriginEndpoint', () => {
  it('posts to /graphql and subscribes over ws on the same host', () => {
    expect(sameOriginEndpoint({ protocol: 'http:', host: '127.0.0.1:4000' })).toEqual({
      url: 'http://127.0.0.1:4000/graphql',
      subscriptionUrl: 'ws://127.0.0.1:4000/graphql',
    });
  });

  it('uses wss behind https', () => {
    expect(sameOriginEndpoint({ protocol: 'https:', host: 'clinic.example' }).subscriptionUrl).toBe(
      'wss://clinic.example/graphql',
    );
  });
});

describe('subscription connectionParams', () => {
  it('carry only the Authorization header, under `authorization`', () => {
    const headers = { Authorization: 'Bearer abc', 'X-Trace': '1' };
    expect(subscriptionConnectionParams(headers)).toEqual({ authorization: 'Bearer abc' });
  });

  it('find the header whatever its case, and are empty without one', () => {
    expect(authorizationFrom({ authorization: 'Bearer lower' })).toBe('Bearer lower');
    expect(subscriptionConnectionParams({})).toEqual({});
    expect(subscriptionConnectionParams(undefined)).toEqual({});
    expect(subscriptionConnectionParams({ Authorization: '  ' })).toEqual({});
  });
});

describe('createExplorerFetcher over HTTP', () => {
  const endpoint = { url: 'http://127.0.0.1:4000/graphql', subscriptionUrl: 'ws://127.0.0.1:4000/graphql' };
  const introspection = { query: '{ __schema { queryType { name } } }', operationName: 'IntrospectionQuery' };

  function recordingFetch() {
    const sent: Array<Record<string, string>> = [];
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      sent.push({ ...(init?.headers as Record<string, string>) });
      return new Response(JSON.stringify({ data: {} }), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    return { fetch, sent };
  }

  it('sends the token from the fragment with the schema fetch that precedes the headers editor', async () => {
    const { fetch, sent } = recordingFetch();
    const { fetcher } = createExplorerFetcher(endpoint, { initialHeaders: { Authorization: 'Bearer t' }, fetch });
    await fetcher(introspection, {});
    expect(sent[0]).toMatchObject({ Authorization: 'Bearer t', 'content-type': 'application/json' });
  });

  it('sends only the headers editor contents once the editor exists', async () => {
    const { fetch, sent } = recordingFetch();
    const explorer = createExplorerFetcher(endpoint, { initialHeaders: { Authorization: 'Bearer t' }, fetch });
    explorer.headersEditorReady();
    await explorer.fetcher(introspection, {});
    await explorer.fetcher(introspection, { headers: { Authorization: 'Bearer edited' } });
    expect(sent[0]).not.toHaveProperty('Authorization');
    expect(sent[1]).toMatchObject({ Authorization: 'Bearer edited' });
  });
});
