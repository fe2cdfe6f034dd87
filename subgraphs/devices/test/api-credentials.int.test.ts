import { CREDENTIAL_CHECKER, type Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { Client } from 'pg';
import { devicesSubgraph } from '../src/subgraph';

const CREATE = /* GraphQL */ `
  mutation Create($input: ApiCredentialInput!) {
    createApiCredential(input: $input) {
      secret
      credential {
        id
        name
        kind
        clientId
        role
        scopes
        expiresAt
        revokedAt
        createdBy
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($first: Int, $after: String, $includeRevoked: Boolean) {
    apiCredentials(first: $first, after: $after, includeRevoked: $includeRevoked) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;
const KEY_HOLDER = 'query ($key: String!) { apiKeyHolder(key: $key) { clientId role scopes } }';
const CLIENT = 'query ($id: String!, $secret: String) { oauthClient(clientId: $id, secret: $secret) { clientId } }';

interface Issued {
  secret: string;
  credential: { id: string; clientId: string; name: string; revokedAt: string | null };
}

describe('third-party app credentials (devices subgraph)', () => {
  let subgraph: TestSubgraph;
  let sql: Client;
  const call = (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.admin) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);
  const create = async (input: Record<string, unknown>): Promise<Issued> => {
    const response = await call(CREATE, {
      input: { kind: 'API_KEY', role: 'RECEPTION', scopes: ['queue:read'], ...input },
    });
    expect(response.errors).toBeUndefined();
    return response.data?.createApiCredential as Issued;
  };
  const holderOf = async (key: string) => (await call(KEY_HOLDER, { key }, CREDENTIAL_CHECKER)).data?.apiKeyHolder;
  const rowCount = async () => Number((await sql.query('SELECT count(*) AS n FROM devices.api_credential')).rows[0].n);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(devicesSubgraph);
    sql = new Client({ connectionString: subgraph.testDatabase.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await subgraph?.stop();
  });

  it('shows the secret once and keeps only its SHA-256: no column holds it', async () => {
    const issued = await create({ name: 'Acme kiosk', scopes: ['queue:read', 'queue:write', 'queue:read'] });
    expect(issued.secret).toMatch(/^cfk_[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(issued.secret.startsWith(`${issued.credential.clientId}.`)).toBe(true);
    expect(issued.credential).toMatchObject({
      name: 'Acme kiosk',
      kind: 'API_KEY',
      role: 'RECEPTION',
      scopes: ['queue:read', 'queue:write'],
      createdBy: callers.admin.subject,
      revokedAt: null,
    });
    const secretPart = issued.secret.split('.')[1] as string;
    const { rows } = await sql.query('SELECT row_to_json(c)::text AS row, secret_hash FROM devices.api_credential c');
    const row = rows.find((candidate: { row: string }) => candidate.row.includes(issued.credential.clientId));
    expect(row.row).not.toContain(secretPart);
    expect(row.secret_hash).toHaveLength(32);
    // And the API has no field that could give it back.
    const asked = await call('query { apiCredentials { edges { node { secret } } } }');
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses bad input precisely, writing nothing', async () => {
    const before = await rowCount();
    const bad: [Record<string, unknown>, string][] = [
      [{ name: 'No scopes', scopes: [] }, 'scopes'],
      [{ name: 'Unknown scope', scopes: ['queue:read', 'everything:write'] }, 'scopes'],
      [{ name: '' }, 'name'],
      [{ name: 'Already expired', expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
    ];
    for (const [input, field] of bad) {
      const response = await call(CREATE, {
        input: { kind: 'API_KEY', role: 'RECEPTION', scopes: ['queue:read'], ...input },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).toContain(field);
    }
    expect(await rowCount()).toBe(before);
  });

  it('lists newest first in keyset pages, leaving revoked ones out unless asked', async () => {
    const names = ['Page A', 'Page B', 'Page C'];
    const made = [];
    for (const name of names) {
      made.push(await create({ name }));
      // Distinct creation times, so the expected order does not hang on the id tie-break.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await call('mutation ($id: ID!) { revokeApiCredential(id: $id) { id } }', { id: made[1]!.credential.id });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response = await call(LIST, { first: 2, after, includeRevoked: true });
      const page = response.data?.apiCredentials as {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { name: string } }[];
      };
      seen.push(...page.edges.map((edge) => edge.node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.slice(0, 3)).toEqual(['Page C', 'Page B', 'Page A']);
    expect(new Set(seen).size).toBe(seen.length);
    const active = await call(LIST, { first: 100 });
    const activeNames = (active.data?.apiCredentials as { edges: { node: { name: string } }[] }).edges.map(
      (edge) => edge.node.name,
    );
    expect(activeNames).toEqual(expect.arrayContaining(['Page C', 'Page A']));
    expect(activeNames).not.toContain('Page B');
  });

  it('tells the gateway which key works: rotation retires the old secret, revocation the credential', async () => {
    const issued = await create({ name: 'Rotating app', role: 'CLINICIAN', scopes: ['patients:read'] });
    expect(await holderOf(issued.secret)).toEqual({
      clientId: issued.credential.clientId,
      role: 'CLINICIAN',
      scopes: ['patients:read'],
    });
    expect(await holderOf(`${issued.credential.clientId}.${'A'.repeat(43)}`)).toBeNull();
    expect(await holderOf('not-a-key')).toBeNull();

    const rotated = await call('mutation ($id: ID!) { rotateApiCredential(id: $id) { secret } }', {
      id: issued.credential.id,
    });
    const newKey = (rotated.data?.rotateApiCredential as { secret: string }).secret;
    expect(newKey).not.toBe(issued.secret);
    expect(await holderOf(issued.secret)).toBeNull();
    expect(await holderOf(newKey)).toMatchObject({ clientId: issued.credential.clientId });

    await call('mutation ($id: ID!) { revokeApiCredential(id: $id) { id } }', { id: issued.credential.id });
    expect(await holderOf(newKey)).toBeNull();
    const again = await call('mutation ($id: ID!) { rotateApiCredential(id: $id) { secret } }', {
      id: issued.credential.id,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('checks OAuth clients by id and secret, and stops honouring them when they expire', async () => {
    const issued = await create({
      name: 'Short-lived client',
      kind: 'CLIENT_CREDENTIALS',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const { clientId } = issued.credential;
    expect(clientId).toMatch(/^cfc_[0-9a-f]{24}$/);
    const ask = async (secret: string | null) =>
      (await call(CLIENT, { id: clientId, secret }, CREDENTIAL_CHECKER)).data?.oauthClient;
    expect(await ask(issued.secret)).toEqual({ clientId });
    expect(await ask(null)).toEqual({ clientId });
    expect(await ask(`${issued.secret}x`)).toBeNull();
    // An OAuth client is not an API key, and the other way round.
    expect(await holderOf(`${clientId}.${issued.secret}`)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await ask(issued.secret)).toBeNull();
  });

  it('answers those checks to the gateway alone, even among admins', async () => {
    const response = await call(KEY_HOLDER, { key: 'cfk_x' }, callers.admin);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
