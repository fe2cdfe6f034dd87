import { randomUUID } from 'node:crypto';
import { type AdapterPolicy, unavailable } from '@clinicflow/platform';
import { importJWK, importPKCS8, type JWK, type KeyLike, SignJWT } from 'jose';
import type { FhirSettings } from './fhir-settings';
import { EhrCredentialsRefused, FhirHttpFailure } from './fhir-errors';

/** A token is renewed once less than this share of its life is left (and at least 30 s before it ends). */
const RENEW_AT_REMAINING = 0.2;
const MIN_RENEW_MS = 30_000;

interface CachedToken {
  value: string;
  renewAt: number;
  expiresAt: number;
}

interface SigningKey {
  key: KeyLike | Uint8Array;
  kid: string;
  alg: string;
}

async function signingKeyOf(settings: FhirSettings): Promise<SigningKey> {
  if (settings.EHR_PRIVATE_KEY.startsWith('-----BEGIN')) {
    return {
      key: await importPKCS8(settings.EHR_PRIVATE_KEY, settings.EHR_KEY_ALG),
      kid: settings.EHR_KEY_ID!,
      alg: settings.EHR_KEY_ALG,
    };
  }
  const jwk = JSON.parse(settings.EHR_PRIVATE_KEY) as JWK;
  const alg = jwk.alg ?? settings.EHR_KEY_ALG;
  return { key: await importJWK(jwk, alg), kid: jwk.kid ?? settings.EHR_KEY_ID ?? '', alg };
}

/**
 * SMART Backend Services access tokens (client credentials with a signed JWT assertion): found
 * through the EHR's `.well-known/smart-configuration`, cached, and renewed before they expire, one
 * request at a time however many calls wait for it. A refused assertion (the client was revoked,
 * its key replaced) is `EhrCredentialsRefused`, which pauses the integration.
 */
export class SmartTokenSource {
  private cached: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;
  private tokenUrl: string | null = null;
  private signingKey: Promise<SigningKey> | null = null;

  constructor(
    private readonly settings: FhirSettings,
    private readonly policy: AdapterPolicy,
  ) {}

  async token(): Promise<string> {
    const cached = this.cached;
    if (cached && Date.now() < cached.renewAt) return cached.value;
    if (cached && Date.now() < cached.expiresAt) {
      // Still valid: renew in the background and answer with it meanwhile.
      this.renew().catch(() => undefined);
      return cached.value;
    }
    return (await this.renew()).value;
  }

  /** Forgets the cached token (the EHR refused it), so the next call asks for a new one. */
  invalidate(): void {
    this.cached = null;
  }

  private renew(): Promise<CachedToken> {
    this.pending ??= this.request().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async request(): Promise<CachedToken> {
    const tokenUrl = await this.discoverTokenUrl();
    const signing = await (this.signingKey ??= signingKeyOf(this.settings));
    const clientId = this.settings.EHR_CLIENT_ID;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'JWT' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(Date.now() / 1000) + 300)
      .sign(signing.key);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: this.settings.EHR_SCOPE,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const started = Date.now();
    const answer = await this.policy.execute(async ({ signal }) => {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal,
      });
      // The authorization server answered: a refusal is the credential's fault, not the EHR's health.
      if (response.status === 400 || response.status === 401) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        return { refused: body.error ?? `HTTP ${response.status}` };
      }
      if (!response.ok) throw new FhirHttpFailure(response.status);
      return (await response.json()) as { access_token: string; expires_in: number };
    });
    if ('refused' in answer) throw new EhrCredentialsRefused(answer.refused);
    const lifetimeMs = answer.expires_in * 1000;
    const renewBefore = Math.max(lifetimeMs * RENEW_AT_REMAINING, Math.min(MIN_RENEW_MS, lifetimeMs / 2));
    this.cached = {
      value: answer.access_token,
      expiresAt: started + lifetimeMs,
      renewAt: started + lifetimeMs - renewBefore,
    };
    return this.cached;
  }

  private async discoverTokenUrl(): Promise<string> {
    if (this.tokenUrl) return this.tokenUrl;
    const configuration = await this.policy.execute(
      async ({ signal }) => {
        const response = await fetch(`${this.settings.EHR_FHIR_URL}/.well-known/smart-configuration`, {
          headers: { accept: 'application/json' },
          signal,
        });
        if (!response.ok) throw new FhirHttpFailure(response.status);
        return (await response.json()) as { token_endpoint?: string };
      },
      { idempotencyKey: randomUUID() },
    );
    if (!configuration.token_endpoint) throw unavailable('The EHR publishes no SMART token endpoint');
    this.tokenUrl = configuration.token_endpoint;
    return this.tokenUrl;
  }
}
