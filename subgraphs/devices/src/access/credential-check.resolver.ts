import { CREDENTIAL_CHECKER, type Caller, forbidden, Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { DevicesContext } from '../context';
import { ApiCredential } from './api-credential.entity';
import { CredentialKind } from './credential-kind';
import { parseApiKey } from './credential-secret';

function assertGateway(caller: Caller): void {
  if (caller.subject !== CREDENTIAL_CHECKER.subject) throw forbidden('Only the gateway checks credentials');
}

/**
 * What the gateway asks before it lets an app in. `@inaccessible`: not part of the API clients see
 * through the gateway; the gateway calls this subgraph directly, signed as CREDENTIAL_CHECKER.
 */
@Resolver()
export class CredentialCheckResolver {
  @Directive('@inaccessible')
  @Authorized(Role.Admin)
  @Query(() => ApiCredential, {
    nullable: true,
    description: 'The usable API key credential this key belongs to; null for any key that does not work',
  })
  async apiKeyHolder(
    @Arg('key', { description: 'The API key as the app sent it' }) key: string,
    @Ctx() { caller, credentials }: DevicesContext,
  ): Promise<ApiCredential | null> {
    assertGateway(caller);
    const parsed = parseApiKey(key);
    return parsed ? credentials.verify(CredentialKind.API_KEY, parsed.clientId, parsed.secret) : null;
  }

  @Directive('@inaccessible')
  @Authorized(Role.Admin)
  @Query(() => ApiCredential, {
    nullable: true,
    description: 'The usable OAuth client with this id, when the secret matches (or none is given); else null',
  })
  async oauthClient(
    @Arg('clientId', { description: 'The client_id' }) clientId: string,
    @Arg('secret', () => String, {
      nullable: true,
      description: 'The client_secret; absent when checking a token issued earlier',
    })
    secret: string | null,
    @Ctx() { caller, credentials }: DevicesContext,
  ): Promise<ApiCredential | null> {
    assertGateway(caller);
    return credentials.verify(CredentialKind.CLIENT_CREDENTIALS, clientId, secret ?? null);
  }
}
