import { Role, Scope } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { QueueContext } from '../context';
import { webhookManagerOf } from './webhook-access';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
  WebhookEndpointInput,
  WebhookEndpointSecret,
  WebhookReplay,
} from './webhook.types';

const ENDPOINT_ID = { description: 'The webhook endpoint' };

/**
 * Outbound webhooks for third parties: for the clinic's admins (every endpoint), and for apps
 * credentialed with the admin role and the `webhooks:manage` scope (their own endpoints; see
 * webhook-access.ts). Every other role, and any app without the scope, is refused.
 */
@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Query(() => [WebhookEndpoint], {
    description: "Webhook endpoints, oldest first: an app's own, or every one for an admin",
  })
  webhookEndpoints(@Ctx() { caller, webhooks }: QueueContext): Promise<WebhookEndpoint[]> {
    return webhooks.list(webhookManagerOf(caller));
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's delivery log: every attempt, newest first" })
  webhookDeliveries(
    @Args() { endpointId, first, after }: WebhookDeliveriesArgs,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<WebhookDeliveryConnection> {
    return webhooks.deliveries(webhookManagerOf(caller), endpointId, { first, after: after ?? null });
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Mutation(() => WebhookEndpointSecret, {
    description: 'Registers an endpoint for events; the answer holds its signing secret, shown only this once',
  })
  registerWebhookEndpoint(
    @Arg('input', () => WebhookEndpointInput, { description: 'The URL and its events' }) input: WebhookEndpointInput,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<WebhookEndpointSecret> {
    return webhooks.register(webhookManagerOf(caller), input);
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Mutation(() => WebhookEndpointSecret, {
    description: "Replaces an endpoint's signing secret at once; the new one is shown only this once",
  })
  rotateWebhookSecret(
    @Arg('id', () => ID, ENDPOINT_ID) id: string,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<WebhookEndpointSecret> {
    return webhooks.rotateSecret(webhookManagerOf(caller), id);
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Mutation(() => WebhookEndpoint, {
    description: 'Disables an endpoint (nothing is delivered to it, queued deliveries are dropped) or enables it again',
  })
  setWebhookEndpointEnabled(
    @Arg('id', () => ID, ENDPOINT_ID) id: string,
    @Arg('enabled', { description: 'False to disable, true to enable' }) enabled: boolean,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<WebhookEndpoint> {
    return webhooks.setEnabled(webhookManagerOf(caller), id, enabled);
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Mutation(() => ID, { description: 'Deletes an endpoint and its delivery log; answers its id' })
  deleteWebhookEndpoint(
    @Arg('id', () => ID, ENDPOINT_ID) id: string,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<string> {
    return webhooks.delete(webhookManagerOf(caller), id);
  }

  @Authorized([Role.Admin, Scope.WebhooksManage])
  @Mutation(() => WebhookReplay, {
    description:
      'Delivers an event to the endpoint again, by the event id of an earlier delivery: same id and body, fresh attempts',
  })
  replayWebhookEvent(
    @Arg('endpointId', () => ID, ENDPOINT_ID) endpointId: string,
    @Arg('eventId', () => ID, { description: 'The `id` of the event, as in its delivery' }) eventId: string,
    @Ctx() { caller, webhooks }: QueueContext,
  ): Promise<WebhookReplay> {
    return webhooks.replay(webhookManagerOf(caller), endpointId, eventId);
  }
}
