import { Role } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { DevicesContext } from '../context';
import { ApiCredential } from './api-credential.entity';
import { ApiCredentialConnection } from './api-credential.connection';
import { ApiCredentialInput, ApiCredentialListArgs } from './credential.inputs';
import { IssuedCredential } from './issued-credential';

/** Admins manage third-party apps' credentials. A secret is returned once, at creation or rotation. */
@Resolver(() => ApiCredential)
export class CredentialResolver {
  @Authorized(Role.Admin)
  @Query(() => ApiCredentialConnection, {
    description: "Third-party apps' credentials, newest first; never their secrets",
  })
  async apiCredentials(
    @Args() { includeRevoked, ...page }: ApiCredentialListArgs,
    @Ctx() { credentials }: DevicesContext,
  ): Promise<ApiCredentialConnection> {
    return credentials.list(includeRevoked, page);
  }

  @Authorized(Role.Admin)
  @Mutation(() => IssuedCredential, {
    description: 'Issues a credential to a third-party app; its secret is shown once',
  })
  async createApiCredential(
    @Arg('input', () => ApiCredentialInput, { description: 'The app and what it may reach' }) input: ApiCredentialInput,
    @Ctx() { caller, credentials }: DevicesContext,
  ): Promise<IssuedCredential> {
    return credentials.create(input, caller.subject);
  }

  @Authorized(Role.Admin)
  @Mutation(() => IssuedCredential, {
    description: 'Replaces a credential’s secret; the old one stops working (at the gateway within its cache time)',
  })
  async rotateApiCredential(
    @Arg('id', () => ID, { description: 'The credential' }) id: string,
    @Ctx() { credentials }: DevicesContext,
  ): Promise<IssuedCredential> {
    return credentials.rotate(id);
  }

  @Authorized(Role.Admin)
  @Mutation(() => ApiCredential, {
    description: 'Revokes a credential for good (at the gateway within its cache time), with the tokens issued on it',
  })
  async revokeApiCredential(
    @Arg('id', () => ID, { description: 'The credential' }) id: string,
    @Ctx() { credentials }: DevicesContext,
  ): Promise<ApiCredential> {
    return credentials.revoke(id);
  }
}
