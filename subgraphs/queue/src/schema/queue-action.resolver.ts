import { assertFacility, Role } from '@clinicflow/platform';
import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { QueueContext } from '../context';
import { QUEUE_OPERATORS } from '../domain/access';
import { SKIP_PLACES } from '../domain/calls';
import { QueueEntry } from '../domain/queue-entry.entity';
import { CallNextArgs, ChangePriorityArgs, EntryArgs, ReasonedEntryArgs, TransferArgs } from './queue-action.inputs';

/**
 * A staff token scoped to a facility (`facility_id`) moves only that facility's patients (decision 0016);
 * an unknown entry is left to the action's own NOT_FOUND.
 */
async function assertEntryInFacility({ caller, loaders }: QueueContext, entryId: string): Promise<void> {
  if (!caller.facilityId) return;
  const entry = await loaders.queueEntryById.load(entryId);
  if (entry) assertFacility(caller, entry.facilityId);
}

/** Billing may also hold a patient while a payment is sorted out, and release them (decision 0016). */
const HOLDERS: Role[] = [...QUEUE_OPERATORS, Role.Billing];

/**
 * Moving patients through the queue. Each returns the changed entry; a transition the entry's status
 * does not allow is a CONFLICT naming that status, an unknown id NOT_FOUND.
 */
@Resolver(() => QueueEntry)
export class QueueActionResolver {
  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, {
    nullable: true,
    description:
      'Calls the next waiting patient to a room or counter (highest priority first, then place in line); null when nobody is waiting. Concurrent calls never get the same patient',
  })
  async callNext(
    @Args() { servicePointId, serviceId }: CallNextArgs,
    @Ctx() { caller, loaders, queue }: QueueContext,
  ): Promise<QueueEntry | null> {
    const point = caller.facilityId ? await loaders.servicePointById.load(servicePointId) : null;
    if (point) assertFacility(caller, point.facilityId);
    return queue.callNext(servicePointId, serviceId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, { description: 'Calls a called patient again; their grace period starts again' })
  async recall(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.recall(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, {
    description: `A called patient who did not come goes back to waiting, behind the next ${SKIP_PLACES} waiting patients of the same service and priority`,
  })
  async skip(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.skip(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, { description: 'Starts serving a called patient' })
  async startService(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.startService(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, { description: 'Records that a patient in service has been served' })
  async complete(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.complete(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, {
    description: "Marks a called patient a no-show now (it also happens by itself after the service's grace period)",
  })
  async markNoShow(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.markNoShow(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, { description: 'Cancels a waiting, called or held entry, keeping the reason' })
  async cancel(@Args() { entryId, reason }: ReasonedEntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.cancel(entryId, reason);
  }

  @Authorized(HOLDERS)
  @Mutation(() => QueueEntry, {
    description:
      'Puts a waiting or called entry on hold, for example while a payment is sorted out: it keeps its place but is not called',
  })
  async hold(@Args() { entryId, reason }: ReasonedEntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.hold(entryId, reason);
  }

  @Authorized(HOLDERS)
  @Mutation(() => QueueEntry, { description: 'Puts a held entry back to waiting, in the place it kept' })
  async release(@Args() { entryId }: EntryArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.release(entryId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, {
    description:
      "Moves a patient to another service's queue: the entry becomes TRANSFERRED and the returned new entry has a new token of that service, the same arrival, place in line and priority, linked both ways",
  })
  async transfer(@Args() { entryId, serviceId }: TransferArgs, @Ctx() context: QueueContext): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    return context.queue.transfer(entryId, serviceId);
  }

  @Authorized(QUEUE_OPERATORS)
  @Mutation(() => QueueEntry, {
    description: "Changes a waiting or held entry's priority; the reason is kept with who changed it and when",
  })
  async changePriority(
    @Args() { entryId, priority, reason }: ChangePriorityArgs,
    @Ctx() context: QueueContext,
  ): Promise<QueueEntry> {
    await assertEntryInFacility(context, entryId);
    const { caller, queue } = context;
    return queue.changePriority({ entryId, priority, reason, changedBy: caller.subject });
  }
}
