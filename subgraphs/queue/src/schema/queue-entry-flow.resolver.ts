import { STAFF } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { Appointment } from '../domain/appointment.entity';
import { PriorityChange } from '../domain/priority-change.entity';
import { QueueEntry, QueueStatus } from '../domain/queue-entry.entity';
import { estimatedWaitMinutes } from '../domain/wait-estimates';

const IN_LINE: ReadonlySet<QueueStatus> = new Set([QueueStatus.WAITING, QueueStatus.HELD]);

/** Where an entry is in the flow. Every field is batched through a loader: the board asks for hundreds. */
@Resolver(() => QueueEntry)
export class QueueEntryFlowResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "1-based place among the service's waiting and held entries, in the order they will be called; null unless WAITING or HELD",
  })
  async position(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<number | null> {
    if (!IN_LINE.has(entry.status)) return null;
    return (await loaders.linePlaceByEntry.load(entry.id))?.position ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Estimated minutes until the patient is called: (waiting patients ahead × the service's recent mean visit + what is left of specimen collections in its visits in progress) ÷ its active rooms and counters; null unless WAITING",
  })
  async estimatedWaitMinutes(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<number | null> {
    if (entry.status !== QueueStatus.WAITING) return null;
    const [place, rate] = await Promise.all([
      loaders.linePlaceByEntry.load(entry.id),
      loaders.serviceRateById.load(entry.serviceId),
    ]);
    return place && rate ? estimatedWaitMinutes(place, rate) : null;
  }

  @Authorized(STAFF)
  @FieldResolver(() => String, { nullable: true, description: 'Why the entry was cancelled or is held' })
  statusReason(@Root() entry: QueueEntry): string | null {
    return entry.statusReason;
  }

  @Authorized(STAFF)
  @FieldResolver(() => String, {
    nullable: true,
    description: "The reason given for the entry's latest priority change",
  })
  async priorityReason(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<string | null> {
    return (await loaders.priorityChangesByEntry.load(entry.id)).at(-1)?.reason ?? null;
  }

  @Authorized(STAFF)
  @FieldResolver(() => [PriorityChange], {
    description: "Every change of the entry's priority, oldest first, with who made it, when and why",
  })
  async priorityChanges(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<PriorityChange[]> {
    return loaders.priorityChangesByEntry.load(entry.id);
  }

  @Authorized(STAFF)
  @FieldResolver(() => Appointment, { nullable: true, description: 'The booked appointment this visit is for, if any' })
  async appointment(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<Appointment | null> {
    return entry.appointmentId ? loaders.appointmentById.load(entry.appointmentId) : null;
  }

  @FieldResolver(() => QueueEntry, {
    nullable: true,
    description: "The entry in the previous service's queue that this one was transferred from",
  })
  async transferredFrom(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<QueueEntry | null> {
    return entry.transferredFromId ? loaders.queueEntryById.load(entry.transferredFromId) : null;
  }

  @FieldResolver(() => QueueEntry, {
    nullable: true,
    description: "The entry in the next service's queue that this one was transferred to",
  })
  async transferredTo(@Root() entry: QueueEntry, @Ctx() { loaders }: QueueContext): Promise<QueueEntry | null> {
    return entry.transferredToId ? loaders.queueEntryById.load(entry.transferredToId) : null;
  }
}
