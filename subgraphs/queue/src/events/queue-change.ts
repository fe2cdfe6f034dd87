import { registerEnumType } from 'type-graphql';

/**
 * Why a facility's queue changed. The values are the GraphQL names (unlike the statuses, these are
 * never stored): the payload reaches the gateway as it is published, so it says what clients see.
 */
export enum QueueChangeReason {
  CHECKED_IN = 'CHECKED_IN',
  CALLED = 'CALLED',
  RECALLED = 'RECALLED',
  SKIPPED = 'SKIPPED',
  STARTED = 'STARTED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  TRANSFERRED = 'TRANSFERRED',
  PRIORITY_CHANGED = 'PRIORITY_CHANGED',
  ESTIMATES_UPDATED = 'ESTIMATES_UPDATED',
}
registerEnumType(QueueChangeReason, {
  name: 'QueueChangeReason',
  description: "What changed in a facility's queue",
  valuesConfig: {
    CHECKED_IN: { description: 'A patient checked in and joined a queue' },
    CALLED: { description: 'A token was called to a room or counter' },
    RECALLED: { description: 'A called token was called again' },
    SKIPPED: { description: 'A called patient did not come and went back to waiting, a few places down' },
    STARTED: { description: 'Staff started serving a patient' },
    COMPLETED: { description: 'A patient was served' },
    NO_SHOW: { description: 'A called patient did not come within the grace period' },
    CANCELLED: { description: 'An entry was cancelled' },
    HELD: { description: 'An entry was put on hold, keeping its place' },
    RELEASED: { description: 'A held entry went back to waiting in its place' },
    TRANSFERRED: {
      description: "An entry moved to another service's queue (one event for the old entry, one for the new)",
    },
    PRIORITY_CHANGED: { description: "An entry's priority changed, and with it the order" },
    ESTIMATES_UPDATED: { description: "The facility's estimated waits changed materially; the event has no entry" },
  },
});

/** The reasons a waiting-room display calls a token out for. */
export const TOKEN_CALLS: ReadonlySet<QueueChangeReason> = new Set([
  QueueChangeReason.CALLED,
  QueueChangeReason.RECALLED,
]);

/**
 * The live event of one committed change: plain JSON, so it crosses Redis unchanged. `sequence` is
 * the facility's change counter after this change; `entryId` is null for facility-wide changes.
 */
export interface QueueChange {
  facilityId: string;
  sequence: number;
  reason: QueueChangeReason;
  entryId: string | null;
  occurredAt: string;
}

/** Every change of a facility's queue. */
export const queueUpdatedTopic = (facilityId: string) => `queue.updated.${facilityId}`;

/** Only the calls and recalls of a facility's tokens, for the waiting-room display's announcements. */
export const tokenCalledTopic = (facilityId: string) => `queue.token-called.${facilityId}`;
