import { CALLER_HEADER, type Caller, signCaller } from '@clinicflow/platform';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends one GraphQL operation over real HTTP. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** Calls a subgraph the way the gateway does: with a signed caller context. */
export async function callSubgraph<TData = Record<string, unknown>>(
  url: string,
  secret: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<TData>> {
  return postGraphQL<TData>(url, query, variables, { [CALLER_HEADER]: await signCaller(caller, secret) });
}

export const TEST_CONTEXT_SECRET = 'test-context-signing-secret-0123456789abcdef';

export const callers = {
  admin: { subject: 'test-admin', role: 'admin', scopes: [] },
  reception: { subject: 'test-reception', role: 'reception', scopes: [] },
  clinician: { subject: 'test-clinician', role: 'clinician', scopes: [] },
  billing: { subject: 'test-billing', role: 'billing', scopes: [] },
} satisfies Record<string, Caller>;
