import { createHash } from 'node:crypto';
import { unauthenticated } from '@clinicflow/platform';
import { LRUCache } from 'lru-cache';
import type { GatewayCaller } from './claims';
import type { AppCredential, CredentialStore } from './credential-store';

export const DEFAULT_CREDENTIAL_CACHE_MS = 10_000;

/**
 * Turns app credentials into callers, remembering only the ones that work, for `cacheMs`: a revoked
 * or rotated credential stops working within that bound (decision 0016). API keys are remembered by
 * their SHA-256, never in clear.
 */
export class AppCallers {
  private readonly apiKeys: LRUCache<string, AppCredential>;
  private readonly clients: LRUCache<string, AppCredential>;

  constructor(
    private readonly store: CredentialStore,
    cacheMs = DEFAULT_CREDENTIAL_CACHE_MS,
  ) {
    this.apiKeys = new LRUCache({ max: 10_000, ttl: cacheMs });
    this.clients = new LRUCache({ max: 10_000, ttl: cacheMs });
  }

  /** The caller of an API key; throws UNAUTHENTICATED when the key does not work. */
  async byApiKey(key: string): Promise<GatewayCaller> {
    const digest = createHash('sha256').update(key).digest('hex');
    let credential = this.apiKeys.get(digest);
    if (!credential) {
      credential = (await this.store.apiKeyHolder(key)) ?? undefined;
      if (!credential) throw unauthenticated('The API key is invalid, expired or revoked');
      this.apiKeys.set(digest, credential);
    }
    return callerOf(credential, credential.scopes);
  }

  /**
   * The caller of a token the gateway issued to an OAuth client, with the scopes granted then, as long
   * as the client is still usable and still holds them.
   */
  async byClientToken(clientId: string, grantedScopes: string[]): Promise<GatewayCaller> {
    let credential = this.clients.get(clientId);
    if (!credential) {
      credential = (await this.store.oauthClient(clientId, null)) ?? undefined;
      if (!credential) throw unauthenticated('The client of this token is revoked or expired');
      this.clients.set(clientId, credential);
    }
    const held = credential.scopes;
    return callerOf(
      credential,
      grantedScopes.filter((scope) => held.includes(scope)),
    );
  }
}

/** An app's caller always carries scopes: a caller without them would not be held to any (auth-checker.ts). */
function callerOf(credential: AppCredential, scopes: string[]): GatewayCaller {
  if (scopes.length === 0) throw unauthenticated('The credential holds none of the scopes this token was granted');
  return { subject: `app:${credential.clientId}`, role: credential.role, scopes, clientId: credential.clientId };
}
