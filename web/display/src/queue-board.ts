/**
 * The board a display holds: the facility's waiting and called entries at one event sequence, and
 * the calls it is announcing. Pure functions only (no DOM, no network), so the rules are unit-tested
 * in test/queue-board.test.ts; board-sync.ts decides when each one runs.
 */

export type QueueStatus =
  'WAITING' | 'CALLED' | 'IN_SERVICE' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'HELD' | 'TRANSFERRED';

export type QueueChangeReason =
  | 'CHECKED_IN'
  | 'CALLED'
  | 'RECALLED'
  | 'SKIPPED'
  | 'STARTED'
  | 'COMPLETED'
  | 'NO_SHOW'
  | 'CANCELLED'
  | 'HELD'
  | 'RELEASED'
  | 'TRANSFERRED'
  | 'PRIORITY_CHANGED'
  | 'ESTIMATES_UPDATED';

/** One queue entry as a display reads it. `patient.displayName` ("First L.") is all it knows of a patient. */
export interface DisplayEntry {
  id: string;
  token: string;
  status: QueueStatus;
  priority: number;
  /** Place in the order of calling (1 is next); null when the subgraph gives none. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  calledAt: string | null;
  servicePoint: { name: string } | null;
  service: { name: string } | null;
  patient: { displayName: string } | null;
}

/** One committed change of the facility's queue, as `queueUpdated` delivers it. */
export interface QueueUpdate {
  facilityId: string;
  sequence: number;
  reason: QueueChangeReason;
  /** The changed entry as it is now; null for facility-wide changes (ESTIMATES_UPDATED). */
  entry: DisplayEntry | null;
  occurredAt: string;
}

/** The board as one query read it: its rows and the facility's event sequence in the same snapshot. */
export interface BoardSnapshot {
  sequence: number;
  entries: DisplayEntry[];
  facility: FacilityInfo | null;
}

export interface FacilityInfo {
  name: string;
  timezone: string;
}

/** A token being called out on screen. */
export interface Announcement {
  entryId: string;
  /** When the display learned of the call (ms since the epoch, the display's clock). */
  startedAt: number;
}

export interface Board {
  /** The last event sequence the board includes. */
  sequence: number;
  /** Waiting and called entries, in the order the server listed them (new entries at the end). */
  entries: readonly DisplayEntry[];
  announcements: readonly Announcement[];
  facility: FacilityInfo | null;
}

/** The statuses a display shows; the board query asks for these only. */
export const SHOWN_STATUSES: readonly QueueStatus[] = ['WAITING', 'CALLED'];

/** How long a call stays announced (highlighted) on screen. */
export const ANNOUNCEMENT_MS = 10_000;

/**
 * Changes that move entries other than the one the event carries (a priority jumps the queue, a
 * skipped patient goes a few places down, estimates are recomputed): the event alone cannot say
 * where everyone now stands, so the display reloads the board after applying it.
 */
export const RELOADING_REASONS: ReadonlySet<QueueChangeReason> = new Set<QueueChangeReason>([
  'SKIPPED',
  'HELD',
  'RELEASED',
  'TRANSFERRED',
  'PRIORITY_CHANGED',
  'ESTIMATES_UPDATED',
]);

const isShown = (entry: DisplayEntry) => SHOWN_STATUSES.includes(entry.status);

/** A call the display has not shown yet: newly CALLED, or called again (RECALLED: a new calledAt). */
function isNewCall(before: DisplayEntry | undefined, after: DisplayEntry): boolean {
  if (after.status !== 'CALLED') return false;
  return before?.status !== 'CALLED' || before.calledAt !== after.calledAt;
}

function announce(announcements: readonly Announcement[], entryId: string, now: number): Announcement[] {
  return [...announcements.filter((a) => a.entryId !== entryId), { entryId, startedAt: now }];
}

/** Drops announcements that have run their time or whose entry is no longer called. */
function liveAnnouncements(
  announcements: readonly Announcement[],
  entries: readonly DisplayEntry[],
  now: number,
): Announcement[] {
  const called = new Set(entries.filter((e) => e.status === 'CALLED').map((e) => e.id));
  return announcements.filter((a) => now - a.startedAt < ANNOUNCEMENT_MS && called.has(a.entryId));
}

/**
 * The board from a fresh snapshot. With a previous board (a resync after a reconnect, a gap or a
 * reload), calls made since it are announced, so a call made while the screen was cut off is still
 * called out; the first board of a page announces nothing.
 */
export function boardFromSnapshot(previous: Board | null, snapshot: BoardSnapshot, now: number): Board {
  const entries = dedupe(snapshot.entries.filter(isShown));
  let announcements: Announcement[] = [...(previous?.announcements ?? [])];
  if (previous) {
    const before = new Map(previous.entries.map((e) => [e.id, e]));
    for (const entry of entries) {
      if (isNewCall(before.get(entry.id), entry)) announcements = announce(announcements, entry.id, now);
    }
  }
  return {
    sequence: snapshot.sequence,
    entries,
    announcements: liveAnnouncements(announcements, entries, now),
    facility: snapshot.facility ?? previous?.facility ?? null,
  };
}

/**
 * Applies the next event (the caller checks that it is the next one, see board-sync.ts). The event
 * carries the whole entry, so applying it is an upsert, or a removal when the entry left the board.
 */
export function applyUpdate(board: Board, update: QueueUpdate, now: number): Board {
  const { entry } = update;
  if (!entry) return { ...board, sequence: update.sequence };
  const index = board.entries.findIndex((e) => e.id === entry.id);
  const before = index >= 0 ? board.entries[index] : undefined;
  let entries: DisplayEntry[];
  if (!isShown(entry)) entries = board.entries.filter((e) => e.id !== entry.id);
  else if (index >= 0) entries = board.entries.map((e, i) => (i === index ? entry : e));
  else entries = [...board.entries, entry];
  const announcements = isNewCall(before, entry) ? announce(board.announcements, entry.id, now) : board.announcements;
  return {
    ...board,
    sequence: update.sequence,
    entries,
    announcements: liveAnnouncements(announcements, entries, now),
  };
}

/** A page boundary that moved under the reader can list an entry twice; the later row wins. */
function dedupe(entries: readonly DisplayEntry[]): DisplayEntry[] {
  const byId = new Map<string, DisplayEntry>();
  for (const entry of entries) {
    byId.delete(entry.id);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}
