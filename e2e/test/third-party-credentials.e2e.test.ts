import { randomBytes } from 'node:crypto';
import { APP_TOKEN_ISSUER, DEFAULT_AUDIENCE, type RunningGateway } from '@clinicflow/gateway';
import { SignJWT } from 'jose';
import { startTestPlatform, type TestPlatform } from '../src';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface Issued {
  secret: string;
  credential: { id: string; clientId: string };
}

/** The gateway's key for the tokens it issues, as `OAUTH_TOKEN_SIGNING_KEY` gives it in production. */
const SIGNING_KEY = randomBytes(32).toString('hex');
/** How long the gateway remembers a working credential: the bound on revocation taking effect. */
const CACHE_MS = 1_000;

const codesOf = (body: GraphQLBody) => (body.errors ?? []).map((error) => error.extensions?.code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 7: third-party apps reach the API with OAuth 2.0 client credentials or API keys that an
 * admin issues through GraphQL, through the real gateway and the devices subgraph that keeps them.
 */
describe('third-party app credentials', () => {
  let platform: TestPlatform;
  let gateway: RunningGateway;
  let admin: string;
  let compliance: string;
  let facilityId: string;
  let patientId: string;
  let tokenUrl: string;

  const post = async (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };
  const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> => {
    const { body } = await post({ authorization: `Bearer ${token}` }, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const issue = async (input: Record<string, unknown>) =>
    (
      await asAdmin<{ createApiCredential: Issued }>(
        'mutation ($input: ApiCredentialInput!) { createApiCredential(input: $input) { secret credential { id clientId } } }',
        { input: { role: 'RECEPTION', ...input } },
      )
    ).createApiCredential;
  const revoke = (id: string) => asAdmin('mutation ($id: ID!) { revokeApiCredential(id: $id) { id } }', { id });
  const requestToken = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    return { response, body: (await response.json()) as Record<string, unknown> };
  };
  const basic = (clientId: string, secret: string) => ({
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
  });
  const FACILITIES = '{ facilities { id } }';
  const APPOINTMENTS = `query ($f: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    appointments(facilityId: $f, from: $from, to: $to) { totalCount } }`;
  const appointmentWindow = () => ({
    f: facilityId,
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  });
  /** Polls until the request is refused; returns how long after `since` that was. */
  const refusedWithin = async (since: number, request: () => Promise<{ status: number }>) => {
    for (;;) {
      if ((await request()).status === 401) return Date.now() - since;
      if (Date.now() - since > 10 * CACHE_MS) throw new Error('still accepted long after the bound');
      await sleep(50);
    }
  };

  beforeAll(async () => {
    platform = await startTestPlatform('third_party');
    gateway = await platform.startGateway({
      thirdParty: { tokenSigningKey: SIGNING_KEY, credentialCacheMs: CACHE_MS },
    });
    tokenUrl = new URL('/oauth/token', gateway.url).toString();
    admin = await platform.token('admin');
    compliance = await platform.token('compliance');
    facilityId = (
      await asAdmin<{ createFacility: { id: string } }>(
        'mutation { createFacility(input: { code: "TPA", name: "Apps clinic", timezone: "UTC" }) { id } }',
      )
    ).createFacility.id;
    patientId = (
      await asAdmin<{ registerPatient: { id: string } }>(
        'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: { mrn: 'TPA-1', givenName: 'Theo', familyName: 'Party', birthDate: '1980-03-03' } },
      )
    ).registerPatient.id;
  });
  afterAll(() => platform?.stop());

  describe('OAuth 2.0 client credentials at POST /oauth/token', () => {
    let client: Issued;

    beforeAll(async () => {
      client = await issue({
        name: 'Acme scheduler',
        kind: 'CLIENT_CREDENTIALS',
        scopes: ['queue:read', 'appointments:read'],
      });
    });

    it('issues a short-lived bearer token for client_secret_basic, with the scopes the client holds', async () => {
      const { response, body } = await requestToken(
        { grant_type: 'client_credentials' },
        basic(client.credential.clientId, client.secret),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'queue:read appointments:read' });
      const bearer = { authorization: `Bearer ${body.access_token as string}` };
      const facilities = await post(bearer, FACILITIES);
      expect(facilities.body.errors).toBeUndefined();
      expect(facilities.body.data?.facilities).toEqual(expect.arrayContaining([{ id: facilityId }]));
      expect((await post(bearer, APPOINTMENTS, appointmentWindow())).body.errors).toBeUndefined();
    });

    it('narrows the token to the scopes asked for (client_secret_post)', async () => {
      const { response, body } = await requestToken({
        grant_type: 'client_credentials',
        client_id: client.credential.clientId,
        client_secret: client.secret,
        scope: 'queue:read',
      });
      expect(response.status).toBe(200);
      expect(body.scope).toBe('queue:read');
      const bearer = { authorization: `Bearer ${body.access_token as string}` };
      expect((await post(bearer, FACILITIES)).body.errors).toBeUndefined();
      const appointments = await post(bearer, APPOINTMENTS, appointmentWindow());
      expect(codesOf(appointments.body)).toEqual(['FORBIDDEN']);
      expect(appointments.body.data ?? null).toBeNull();
    });

    it('answers a wrong or unknown client with 401 invalid_client (RFC 6749 5.2), and never a token', async () => {
      for (const [clientId, secret] of [
        [client.credential.clientId, `${client.secret.slice(0, -1)}x`],
        [client.credential.clientId, ''],
        ['cfc_000000000000000000000000', client.secret],
      ] as const) {
        const { response, body } = await requestToken({ grant_type: 'client_credentials' }, basic(clientId, secret));
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
        expect(body.error).toBe('invalid_client');
        expect(body.access_token).toBeUndefined();
      }
      const posted = await requestToken({
        grant_type: 'client_credentials',
        client_id: client.credential.clientId,
        client_secret: 'wrong',
      });
      expect(posted.response.status).toBe(401);
      expect(posted.body.error).toBe('invalid_client');
    });

    it('refuses scope escalation, other grants and two ways of authenticating at once', async () => {
      const auth = basic(client.credential.clientId, client.secret);
      const escalation = await requestToken(
        { grant_type: 'client_credentials', scope: 'queue:read patients:read' },
        auth,
      );
      expect(escalation.response.status).toBe(400);
      expect(escalation.body.error).toBe('invalid_scope');
      const password = await requestToken({ grant_type: 'password', username: 'a', password: 'b' }, auth);
      expect(password.response.status).toBe(400);
      expect(password.body.error).toBe('unsupported_grant_type');
      const both = await requestToken(
        { grant_type: 'client_credentials', client_id: client.credential.clientId, client_secret: client.secret },
        auth,
      );
      expect(both.response.status).toBe(400);
      expect(both.body.error).toBe('invalid_request');
    });

    it('refuses an expired token, and tokens signed with any other key', async () => {
      const forge = (key: string, expiresAt: number) =>
        new SignJWT({ client_id: client.credential.clientId, scope: 'queue:read' })
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
          .setIssuer(APP_TOKEN_ISSUER)
          .setAudience(DEFAULT_AUDIENCE)
          .setSubject(`app:${client.credential.clientId}`)
          .setIssuedAt(expiresAt - 300)
          .setExpirationTime(expiresAt)
          .sign(new TextEncoder().encode(key));
      const now = Math.floor(Date.now() / 1000);
      const fresh = await post({ authorization: `Bearer ${await forge(SIGNING_KEY, now + 60)}` }, FACILITIES);
      expect(fresh.body.errors).toBeUndefined();
      const expired = await post({ authorization: `Bearer ${await forge(SIGNING_KEY, now - 60)}` }, FACILITIES);
      expect(expired.status).toBe(401);
      expect(codesOf(expired.body)).toEqual(['UNAUTHENTICATED']);
      const forged = await post({ authorization: `Bearer ${await forge('x'.repeat(64), now + 60)}` }, FACILITIES);
      expect(forged.status).toBe(401);
    });

    it('stops taking a revoked client, and the tokens issued to it, within the cache bound', async () => {
      const doomed = await issue({ name: 'Doomed client', kind: 'CLIENT_CREDENTIALS', scopes: ['queue:read'] });
      const auth = basic(doomed.credential.clientId, doomed.secret);
      const { body } = await requestToken({ grant_type: 'client_credentials' }, auth);
      const bearer = { authorization: `Bearer ${body.access_token as string}` };
      expect((await post(bearer, FACILITIES)).status).toBe(200);
      const revokedAt = Date.now();
      await revoke(doomed.credential.id);
      expect((await requestToken({ grant_type: 'client_credentials' }, auth)).response.status).toBe(401);
      expect(await refusedWithin(revokedAt, () => post(bearer, FACILITIES))).toBeLessThanOrEqual(CACHE_MS + 500);
    });

    it("draws on the gateway's rate limit, per address, before checking any secret", async () => {
      const limited = await platform.startGateway({
        thirdParty: { tokenSigningKey: SIGNING_KEY },
        rateLimit: { points: 2, durationSeconds: 60 },
      });
      const url = new URL('/oauth/token', limited.url).toString();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...basic(client.credential.clientId, 'guess'),
          },
          body: 'grant_type=client_credentials',
        });
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([401, 401, 429]);
    });

    it('stops honouring an expired client', async () => {
      const brief = await issue({
        name: 'Brief client',
        kind: 'CLIENT_CREDENTIALS',
        scopes: ['queue:read'],
        expiresAt: new Date(Date.now() + 1_000).toISOString(),
      });
      const auth = basic(brief.credential.clientId, brief.secret);
      expect((await requestToken({ grant_type: 'client_credentials' }, auth)).response.status).toBe(200);
      await sleep(1_200);
      const late = await requestToken({ grant_type: 'client_credentials' }, auth);
      expect(late.response.status).toBe(401);
      expect(late.body.error).toBe('invalid_client');
    });
  });

  describe('API keys', () => {
    it('shows the key once: listing credentials never returns it', async () => {
      const key = await issue({ name: 'Listing app', kind: 'API_KEY', scopes: ['queue:read'] });
      const listed = await post(
        { authorization: `Bearer ${admin}` },
        '{ apiCredentials(first: 50) { edges { node { id clientId name kind role scopes createdAt } } } }',
      );
      const text = JSON.stringify(listed.body);
      expect(text).toContain(key.credential.clientId);
      expect(text).not.toContain(key.secret.split('.')[1]);
    });

    it('takes the key as `Authorization: ApiKey` or `X-API-Key`, and refuses a wrong one', async () => {
      const key = await issue({ name: 'Lobby kiosk', kind: 'API_KEY', scopes: ['queue:read'] });
      const ways: Record<string, string>[] = [{ authorization: `ApiKey ${key.secret}` }, { 'x-api-key': key.secret }];
      for (const headers of ways) {
        const { status, body } = await post(headers, FACILITIES);
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
      const wrong = await post({ 'x-api-key': `${key.credential.clientId}.${'A'.repeat(43)}` }, FACILITIES);
      expect(wrong.status).toBe(401);
      expect(codesOf(wrong.body)).toEqual(['UNAUTHENTICATED']);
    });

    it('limits the app to the fields its scopes open', async () => {
      const queueOnly = await issue({ name: 'Queue board app', kind: 'API_KEY', scopes: ['queue:read'] });
      const withPatients = await issue({ name: 'Front desk app', kind: 'API_KEY', scopes: ['patients:read'] });
      const PATIENT = 'query ($id: ID!) { patient(id: $id) { id givenName } }';
      const refused = await post({ 'x-api-key': queueOnly.secret }, PATIENT, { id: patientId });
      expect(codesOf(refused.body)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(refused.body)).not.toContain('Theo');
      const allowed = await post({ 'x-api-key': withPatients.secret }, PATIENT, { id: patientId });
      expect(allowed.body.errors).toBeUndefined();
      expect(allowed.body.data?.patient).toEqual({ id: patientId, givenName: 'Theo' });
      // Scopes never reach past the role: even with patients:read, an app may not register patients.
      const write = await post(
        { 'x-api-key': withPatients.secret },
        'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: { mrn: 'TPA-2', givenName: 'No', familyName: 'Body', birthDate: '1990-01-01' } },
      );
      expect(codesOf(write.body)).toEqual(['FORBIDDEN']);
      // Nor manage credentials: the admin's operations are closed to apps.
      const manage = await post({ 'x-api-key': withPatients.secret }, '{ apiCredentials { totalCount } }');
      expect(codesOf(manage.body)).toEqual(['FORBIDDEN']);
    });

    it('writes the app into the audit log: its client id on every row of what it read', async () => {
      const app = await issue({ name: 'Audited app', kind: 'API_KEY', scopes: ['patients:read'] });
      const read = await post(
        { 'x-api-key': app.secret },
        'query AppReadsPatient($id: ID!) { patient(id: $id) { givenName } }',
        {
          id: patientId,
        },
      );
      expect(read.body.errors).toBeUndefined();
      const trail = await asAdmin<{ auditEvents: { edges: { node: Record<string, unknown> }[] } }>(
        'query ($p: ID, $s: String) { auditEvents(patientId: $p, subject: $s, first: 50) { edges { node { subject role clientId action entityType operationName } } } }',
        { p: patientId, s: `app:${app.credential.clientId}` },
        compliance,
      );
      expect(trail.auditEvents.edges.map((edge) => edge.node)).toEqual([
        {
          subject: `app:${app.credential.clientId}`,
          role: 'reception',
          clientId: app.credential.clientId,
          action: 'READ',
          entityType: 'Patient',
          // The gateway names each subgraph fetch after the client's operation.
          operationName: expect.stringMatching(/^AppReadsPatient/),
        },
      ]);
    });

    it('refuses a revoked key within the cache bound, and a rotated key’s old secret likewise', async () => {
      const key = await issue({ name: 'Revoked app', kind: 'API_KEY', scopes: ['queue:read'] });
      const headers = { 'x-api-key': key.secret };
      expect((await post(headers, FACILITIES)).status).toBe(200);
      const revokedAt = Date.now();
      await revoke(key.credential.id);
      expect(await refusedWithin(revokedAt, () => post(headers, FACILITIES))).toBeLessThanOrEqual(CACHE_MS + 500);

      const rotating = await issue({ name: 'Rotating app', kind: 'API_KEY', scopes: ['queue:read'] });
      expect((await post({ 'x-api-key': rotating.secret }, FACILITIES)).status).toBe(200);
      const rotatedAt = Date.now();
      const { rotateApiCredential } = await asAdmin<{ rotateApiCredential: { secret: string } }>(
        'mutation ($id: ID!) { rotateApiCredential(id: $id) { secret } }',
        { id: rotating.credential.id },
      );
      expect((await post({ 'x-api-key': rotateApiCredential.secret }, FACILITIES)).status).toBe(200);
      expect(
        await refusedWithin(rotatedAt, () => post({ 'x-api-key': rotating.secret }, FACILITIES)),
      ).toBeLessThanOrEqual(CACHE_MS + 500);
    });
  });
});
