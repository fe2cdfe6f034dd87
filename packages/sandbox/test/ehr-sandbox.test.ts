import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { type EhrSandbox, startEhrSandbox } from '../src/ehr';

const CLIENT = 'backend-client';
const KID = 'key-1';

describe('sandbox EHR: Medplum FHIR R4 server behind SMART Backend Services', () => {
  let sandbox: EhrSandbox;
  let privateKey: KeyLike;

  const assertion = (claims: { audience?: string; key?: KeyLike; jti?: string; issuer?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS384', kid: KID, typ: 'JWT' })
      .setIssuer(claims.issuer ?? CLIENT)
      .setSubject(claims.issuer ?? CLIENT)
      .setAudience(claims.audience ?? sandbox.tokenUrl)
      .setJti(claims.jti ?? randomUUID())
      .setExpirationTime('4m')
      .sign(claims.key ?? privateKey);

  const requestToken = async (signed: string) => {
    const response = await fetch(sandbox.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'system/Patient.rs',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: signed,
      }),
    });
    return { status: response.status, body: (await response.json()) as { access_token?: string; error?: string } };
  };

  const fhir = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${sandbox.fhirUrl}/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', ...init.headers },
    });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS384', { extractable: true });
    privateKey = pair.privateKey;
    sandbox = await startEhrSandbox({
      clients: [
        { clientId: CLIENT, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS384' }] } },
      ],
    });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.faults.reset());

  it('publishes its token endpoint in the SMART configuration', async () => {
    const configuration = (await (await fetch(`${sandbox.fhirUrl}/.well-known/smart-configuration`)).json()) as {
      token_endpoint: string;
    };
    expect(configuration.token_endpoint).toBe(sandbox.tokenUrl);
  });

  it('refuses assertions signed with another key, for another audience, replayed, or from an unknown client', async () => {
    const stranger = await generateKeyPair('RS384');
    expect(await requestToken(await assertion({ key: stranger.privateKey }))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect((await requestToken(await assertion({ audience: 'https://elsewhere/token' }))).status).toBe(401);
    expect((await requestToken(await assertion({ issuer: 'nobody' }))).status).toBe(401);
    const once = await assertion({ jti: 'used-once' });
    expect((await requestToken(once)).status).toBe(200);
    expect(await requestToken(once)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('serves FHIR only with a live token: none, expired and revoked are refused', async () => {
    expect((await fhir('Patient', 'not-a-token')).status).toBe(401);
    const { body } = await requestToken(await assertion());
    expect((await fhir('Patient', body.access_token!)).status).toBe(200);
    sandbox.auth.expireTokens();
    const expired = await fhir('Patient', body.access_token!);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');

    sandbox.auth.revoke(CLIENT);
    expect(await requestToken(await assertion())).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    sandbox.auth.restore(CLIENT);
    expect((await requestToken(await assertion())).status).toBe(200);
  });

  it('versions resources (ETag, If-Match) and pages searches with next links', async () => {
    const token = (await requestToken(await assertion())).body.access_token!;
    for (let index = 0; index < 5; index += 1) {
      await sandbox.records.create({ resourceType: 'Patient', name: [{ family: 'Paged', given: [`P${index}`] }] });
    }
    const seen: string[] = [];
    let next: string | undefined = `${sandbox.fhirUrl}/Patient?family=Paged&_count=2`;
    while (next) {
      const page = (await (await fetch(next, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        entry?: { resource: { id: string } }[];
        link?: { relation: string; url: string }[];
      };
      seen.push(...(page.entry ?? []).map((entry) => entry.resource.id));
      next = page.link?.find((link) => link.relation === 'next')?.url;
    }
    expect(new Set(seen).size).toBe(5);

    const read = await fhir(`Patient/${seen[0]}`, token);
    const etag = read.headers.get('etag')!;
    const patient = (await read.json()) as { meta: { versionId: string } };
    expect(etag).toBe(`W/"${patient.meta.versionId}"`);
    const body = JSON.stringify({ ...patient, birthDate: '2000-01-01' });
    const updated = await fhir(`Patient/${seen[0]}`, token, { method: 'PUT', body, headers: { 'if-match': etag } });
    expect(updated.status).toBe(200);
    const stale = await fhir(`Patient/${seen[0]}`, token, { method: 'PUT', body, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('answers 503 with an OperationOutcome when told to be down', async () => {
    const token = (await requestToken(await assertion())).body.access_token!;
    sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    const down = await fhir('Patient', token);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    expect((await requestToken(await assertion())).status).toBe(503);
  });
});
