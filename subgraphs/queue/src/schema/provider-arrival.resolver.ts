import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { QueueContext } from '../context';
import { QUEUE_OPERATORS } from '../domain/access';
import { ProviderArrival } from '../domain/provider-arrival.entity';

@Resolver(() => ProviderArrival)
export class ProviderArrivalResolver {
  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => ProviderArrival, {
    description: 'Marks the provider of a room or counter as arrived (third parties get `provider.arrived`)',
  })
  async markProviderArrived(
    @Arg('servicePointId', () => ID, { description: 'The room or counter the provider arrived at' })
    servicePointId: string,
    @Ctx() { caller, arrivals }: QueueContext,
  ): Promise<ProviderArrival> {
    return arrivals.markArrived(servicePointId, caller.subject);
  }
}
