import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { type LocalIssuer, openLocalIssuer } from './local-issuer';
import { discoverIssuer } from './oidc-discovery';
import { createTokenVerifier } from './token-verifier';

/**
 * Staff sign-in through an external OpenID Connect provider: the gateway discovers the provider's
 * key set and follows it when the provider rotates its signing key.
 */
describe('OpenID Connect provider', () => {
  let server: http.Server;
  let issuerUrl: string;
  let published: JSONWebKeySet;
  let announcedIssuer: string;
  let oldKey: LocalIssuer;
  let newKey: LocalIssuer;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: announcedIssuer, jwks_uri: `${issuerUrl}/keys` }
          : req.url === '/keys'
            ? published
            : null;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    announcedIssuer = issuerUrl;
    const folder = mkdtempSync(join(tmpdir(), 'oidc-'));
    oldKey = await openLocalIssuer(join(folder, 'old.json'), { issuer: issuerUrl });
    newKey = await openLocalIssuer(join(folder, 'new.json'), { issuer: issuerUrl });
    published = oldKey.jwks;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('discovers the issuer and its key set, and follows a key rotation', async () => {
    const discovered = await discoverIssuer(issuerUrl);
    expect(discovered).toEqual({ issuer: issuerUrl, jwksUri: new URL(`${issuerUrl}/keys`) });
    const verify = createTokenVerifier({
      issuer: discovered.issuer,
      audience: 'clinicflow-api',
      keys: discovered.jwksUri,
      refetchCooldownMs: 0,
    });

    await expect(verify(await oldKey.sign({ subject: 'nurse-1', role: 'clinician' }))).resolves.toMatchObject({
      subject: 'nurse-1',
    });

    published = newKey.jwks;
    await expect(verify(await newKey.sign({ subject: 'nurse-2', role: 'clinician' }))).resolves.toMatchObject({
      subject: 'nurse-2',
    });
    await expect(verify(await oldKey.sign({ subject: 'nurse-1', role: 'clinician' }))).rejects.toThrow();
  });

  it('refuses a discovery document that names another issuer', async () => {
    announcedIssuer = 'https://elsewhere.example';
    try {
      await expect(discoverIssuer(issuerUrl)).rejects.toThrow(/names another issuer/);
    } finally {
      announcedIssuer = issuerUrl;
    }
  });
});
