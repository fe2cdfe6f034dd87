import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { getOperationAST } from 'graphql';

export interface Endpoint {
  /** Queries and mutations: POST. */
  readonly url: string;
  /** Subscriptions: graphql-ws. */
  readonly subscriptionUrl: string;
}

/** The gateway serves the explorer, so the API is on the page's own origin. */
export function sameOriginEndpoint(location: { readonly protocol: string; readonly host: string }): Endpoint {
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    url: `${location.protocol}//${location.host}/graphql`,
    subscriptionUrl: `${wsProtocol}//${location.host}/graphql`,
  };
}

/** The `Authorization` value from the headers editor, whatever its case. */
export function authorizationFrom(headers: FetcherOpts['headers']): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/**
 * The connection params of a subscription. A browser's WebSocket cannot carry
 * HTTP headers, so the gateway reads the token from graphql-ws's ConnectionInit
 * payload instead, under `authorization`.
 */
export function subscriptionConnectionParams(headers: FetcherOpts['headers']): { authorization?: string } {
  const authorization = authorizationFrom(headers);
  return authorization ? { authorization } : {};
}

function isSubscription(params: FetcherParams, opts: FetcherOpts | undefined): boolean {
  if (!opts?.documentAST) return false;
  return getOperationAST(opts.documentAST, params.operationName ?? undefined)?.operation === 'subscription';
}

export interface ExplorerFetcherOptions {
  /** The headers editor's first contents (the token from `#token=`), parsed. */
  readonly initialHeaders?: Record<string, string>;
  /** Only for tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface ExplorerFetcher {
  readonly fetcher: Fetcher;
  /** Call once GraphiQL's headers editor exists: from then on its headers are the only ones sent. */
  readonly headersEditorReady: () => void;
}

export function createExplorerFetcher(endpoint: Endpoint, options: ExplorerFetcherOptions = {}): ExplorerFetcher {
  const toolkitFetcher = createGraphiQLFetcher({
    url: endpoint.url,
    subscriptionUrl: endpoint.subscriptionUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let editorReady = false;
  const fetcher: Fetcher = (params, opts) => {
    // GraphiQL fetches the schema as it mounts, before Monaco has created the
    // headers editor, and so without its headers: the gateway would refuse that
    // request. Until the editor exists, send what it is about to hold.
    const headers = editorReady || opts?.headers ? opts?.headers : options.initialHeaders;
    if (!isSubscription(params, opts)) return toolkitFetcher(params, { ...opts, headers });
    // For a subscription the toolkit opens a graphql-ws client and sends the
    // headers it is given as ConnectionInit's payload: hand it only the token.
    return toolkitFetcher(params, { ...opts, headers: subscriptionConnectionParams(headers) });
  };
  return {
    fetcher,
    headersEditorReady: () => {
      editorReady = true;
    },
  };
}
