import { Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { QueueContext } from '../context';
import { FailedDelivery, FailedDeliveryConnection } from './delivery.types';

/**
 * Failed deliveries of every consumer on the platform: pg-boss keeps all services' queues in one
 * schema, so the queue subgraph serves them for all. Admins only: they show which records an event
 * was about (by id) and let staff send it again.
 */
@Resolver(() => FailedDelivery)
export class DeliveryResolver {
  @Authorized(Role.Admin)
  @Query(() => FailedDeliveryConnection, {
    description:
      "Deliveries that failed every attempt and wait in their consumer's dead-letter queue, the most recent failure first",
  })
  async failedDeliveries(
    @Arg('consumer', () => String, {
      nullable: true,
      description: "Only this consumer's, by its queue name (such as `notifications.lab-result`)",
    })
    consumer: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many to return (1 to 500)' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (`pageInfo.endCursor`)' })
    after: string | null,
    @Ctx() { deliveries }: QueueContext,
  ): Promise<FailedDeliveryConnection> {
    return deliveries.list({ consumer, first, after });
  }

  @Authorized(Role.Admin)
  @Mutation(() => FailedDelivery, {
    description:
      'Sends a failed delivery to its consumer again, with the same event id and a fresh set of attempts; CONFLICT if it was already replayed or discarded',
  })
  async replayDelivery(
    @Arg('id', () => ID, { description: 'The failed delivery' }) id: string,
    @Ctx() { caller, deliveries }: QueueContext,
  ): Promise<FailedDelivery> {
    return deliveries.replay(id, caller.subject);
  }

  @Authorized(Role.Admin)
  @Mutation(() => FailedDelivery, {
    description: 'Gives up on a failed delivery, keeping the reason; CONFLICT if it was already replayed or discarded',
  })
  async discardDelivery(
    @Arg('id', () => ID, { description: 'The failed delivery' }) id: string,
    @Arg('reason', () => String, { description: 'Why it is given up on (3 to 200 characters), kept with it' })
    reason: string,
    @Ctx() { caller, deliveries }: QueueContext,
  ): Promise<FailedDelivery> {
    return deliveries.discard(id, reason, caller.subject);
  }
}
