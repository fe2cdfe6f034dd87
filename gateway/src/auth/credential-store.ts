import { CALLER_HEADER, CREDENTIAL_CHECKER, signCaller, unavailable } from '@clinicflow/platform';

/** An app's credential as the subgraph that keeps them describes it: never its secret. */
export interface AppCredential {
  clientId: string;
  role: 'reception' | 'clinician' | 'billing' | 'admin';
  scopes: string[];
  expiresAt: string | null;
}

/** Asks the subgraph that keeps third-party credentials (devices, decision 0016) whether one works. */
export interface CredentialStore {
  /** The credential an API key belongs to, when the key works. */
  apiKeyHolder(key: string): Promise<AppCredential | null>;
  /** The OAuth client, when it is usable and the secret (if given) matches. */
  oauthClient(clientId: string, secret: string | null): Promise<AppCredential | null>;
}

const FIELDS = 'clientId role scopes expiresAt';

/**
 * Over HTTP to the subgraph's `@inaccessible` fields, signed as CREDENTIAL_CHECKER. `url` is read on
 * every call: the gateway learns its subgraphs' routing URLs when it loads the supergraph.
 */
export function createCredentialStore(url: () => string | undefined, contextSigningSecret: string): CredentialStore {
  const ask = async (field: string, query: string, variables: Record<string, unknown>) => {
    const target = url();
    if (!target) throw unavailable('Third-party credentials cannot be checked yet');
    let body: { data?: Record<string, (Omit<AppCredential, 'role'> & { role: string }) | null>; errors?: unknown[] };
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: await signCaller(CREDENTIAL_CHECKER, contextSigningSecret),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5_000),
      });
      body = (await response.json()) as typeof body;
    } catch {
      throw unavailable('Third-party credentials cannot be checked now');
    }
    if (body.errors?.length || !body.data) throw unavailable('Third-party credentials cannot be checked now');
    const found = body.data[field];
    return found ? { ...found, role: found.role.toLowerCase() as AppCredential['role'] } : null;
  };
  return {
    apiKeyHolder: (key) =>
      ask('apiKeyHolder', `query ($key: String!) { apiKeyHolder(key: $key) { ${FIELDS} } }`, { key }),
    oauthClient: (clientId, secret) =>
      ask(
        'oauthClient',
        `query ($clientId: String!, $secret: String) { oauthClient(clientId: $clientId, secret: $secret) { ${FIELDS} } }`,
        { clientId, secret },
      ),
  };
}
