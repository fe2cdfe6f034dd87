import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Role } from '@clinicflow/platform';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';

/**
 * The embedded mode's identity provider: an ES256 key pair kept in a file under `.data/`, so the
 * gateway and `npm run token` agree on it across restarts. Development only; production verifies
 * tokens from the clinic's own identity provider.
 */
export const LOCAL_ISSUER = 'clinicflow-local-issuer';
export const DEFAULT_AUDIENCE = 'clinicflow-api';

export interface TokenRequest {
  subject: string;
  role: Role;
  patientId?: string;
  facilityId?: string;
  scopes?: string[];
  /** Issue the token to an OAuth client, as a third-party app's token is. */
  clientId?: string;
  lifetime?: string;
}

export interface LocalIssuer {
  jwks: JSONWebKeySet;
  sign(request: TokenRequest): Promise<string>;
}

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(path: string): Promise<StoredKey> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as StoredKey;
  } catch {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    const stored: StoredKey = {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
    };
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(stored), { mode: 0o600 });
    return stored;
  }
}

export async function openLocalIssuer(
  keyPath: string,
  { audience = DEFAULT_AUDIENCE, issuer = LOCAL_ISSUER }: { audience?: string; issuer?: string } = {},
): Promise<LocalIssuer> {
  const stored = await loadOrCreateKey(keyPath);
  const privateKey = await importJWK(stored.privateJwk, 'ES256');
  return {
    jwks: { keys: [stored.publicJwk] },
    sign: (request) =>
      new SignJWT({
        role: request.role,
        ...(request.patientId ? { patient_id: request.patientId } : {}),
        ...(request.facilityId ? { facility_id: request.facilityId } : {}),
        ...(request.scopes?.length ? { scope: request.scopes.join(' ') } : {}),
        ...(request.clientId ? { client_id: request.clientId } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: stored.publicJwk.kid })
        .setSubject(request.subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(request.lifetime ?? '8h')
        .sign(privateKey),
  };
}
