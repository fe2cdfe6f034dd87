import { STAFF } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { PaymentStatus } from '../domain/payment-status';
import { QueueEntry } from '../domain/queue-entry.ref';

@Resolver(() => QueueEntry)
export class QueueEntryBillingResolver {
  @Authorized(STAFF)
  @FieldResolver(() => PaymentStatus, {
    // Nullable: a field added to another subgraph's entity, so an outage of this subgraph nulls
    // only this field (with an error naming the service), not the entity around it.
    nullable: true,
    description: 'Whether the visit still has something to pay',
  })
  async paymentStatus(@Root() entry: QueueEntry, @Ctx() { loaders }: BillingContext): Promise<PaymentStatus> {
    return loaders.paymentStatusByQueueEntry.load(entry.id);
  }
}
