import { assertFacility } from '@clinicflow/platform';
import {
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Resolver,
  Root,
  type SubscribeResolverData,
  Subscription,
} from 'type-graphql';
import type { QueueContext } from '../context';
import { BOARD_READERS } from '../domain/access';
import { QueueEntry } from '../domain/queue-entry.entity';
import { type QueueChange, queueUpdatedTopic, tokenCalledTopic } from '../events/queue-change';
import { FacilityEventsArgs } from './queue-action.inputs';
import { QueueUpdate, toQueueUpdate } from './queue-update.type';

type FacilitySubscription = SubscribeResolverData<unknown, FacilityEventsArgs, QueueContext>;

/**
 * The topic a subscription follows. Runs once, when the client subscribes, after @Authorized's role
 * check: a display (a facility-scoped caller) is refused another facility's events there and then.
 */
const followed =
  (topic: (facilityId: string) => string) =>
  ({ args, context }: FacilitySubscription): string => {
    assertFacility(context.caller, args.facilityId);
    return topic(args.facilityId);
  };

/** A reconnecting client subscribes first, then loads the board, then applies only later sequences. */
@Resolver(() => QueueUpdate)
export class QueueUpdateResolver {
  @Authorized(BOARD_READERS)
  @Subscription(() => QueueUpdate, {
    description:
      "Every committed change of a facility's queue (check-in, call, status, priority, order, estimates), numbered by the facility's sequence so that a missed one shows as a gap",
    topics: followed(queueUpdatedTopic),
  })
  queueUpdated(
    @Args() _args: FacilityEventsArgs,
    @Root() change: QueueChange,
    @Ctx() context: QueueContext,
  ): QueueUpdate {
    context.renewLoaders();
    return toQueueUpdate(change);
  }

  @Authorized(BOARD_READERS)
  @Subscription(() => QueueUpdate, {
    description: "Each token a facility calls or recalls, for the waiting-room display's announcements",
    topics: followed(tokenCalledTopic),
  })
  tokenCalled(
    @Args() _args: FacilityEventsArgs,
    @Root() change: QueueChange,
    @Ctx() context: QueueContext,
  ): QueueUpdate {
    context.renewLoaders();
    return toQueueUpdate(change);
  }

  @FieldResolver(() => QueueEntry, {
    nullable: true,
    description: 'The entry as it is now; null for facility-wide changes such as ESTIMATES_UPDATED',
  })
  async entry(@Root() update: QueueUpdate, @Ctx() { loaders }: QueueContext): Promise<QueueEntry | null> {
    return update.entryId ? loaders.queueEntryById.load(update.entryId) : null;
  }
}
