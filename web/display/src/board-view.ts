import { ANNOUNCEMENT_MS, type Board, type DisplayEntry } from './queue-board';

/** A called token and where to go. */
export interface CallingRow {
  id: string;
  token: string;
  displayName: string;
  destination: string;
  /** How far into its announcement the call is (ms); null unless it is the newest call, announced. */
  announcedFor: number | null;
}

export interface WaitingRow {
  id: string;
  token: string;
  displayName: string;
  wait: string;
}

/** What the screen shows, derived from the board at one instant. */
export interface BoardView {
  facilityName: string;
  calling: CallingRow[];
  /** Called tokens that did not fit. */
  moreCalling: number;
  waiting: WaitingRow[];
  /** Waiting patients that did not fit. */
  moreWaiting: number;
  /** The newest call being announced, shown large across the screen. */
  announcement: CallingRow | null;
}

/** How many rows fit a landscape TV at the sizes display.css sets. */
export interface ViewLimits {
  calling: number;
  waiting: number;
}

export const TV_LIMITS: ViewLimits = { calling: 4, waiting: 8 };

const calledAtMs = (entry: DisplayEntry) => (entry.calledAt ? Date.parse(entry.calledAt) : 0);

/** "~12 min", "Soon", or nothing when the queue has no estimate. */
export function formatWait(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'Soon';
  const rounded = Math.round(minutes);
  if (rounded < 60) return `~${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `~${hours} h` : `~${hours} h ${rest} min`;
}

export function boardView(board: Board, now: number, limits: ViewLimits = TV_LIMITS): BoardView {
  const started = new Map(board.announcements.map((a) => [a.entryId, a.startedAt]));
  const called = board.entries
    .filter((e) => e.status === 'CALLED')
    .map((entry, index) => ({ entry, index }))
    // Newest call first; a call being announced always ranks above one that is not.
    .sort(
      (a, b) =>
        Number(started.has(b.entry.id)) - Number(started.has(a.entry.id)) ||
        (started.get(b.entry.id) ?? 0) - (started.get(a.entry.id) ?? 0) ||
        calledAtMs(b.entry) - calledAtMs(a.entry) ||
        a.index - b.index,
    )
    .map(({ entry }, rank): CallingRow => {
      const startedAt = started.get(entry.id);
      const announcedFor = startedAt === undefined ? null : Math.max(0, now - startedAt);
      return {
        id: entry.id,
        token: entry.token,
        displayName: entry.patient?.displayName ?? '',
        destination: entry.servicePoint?.name ?? entry.service?.name ?? '',
        // Only the newest call is announced: a newer one takes over the highlight at once.
        announcedFor: rank === 0 && announcedFor !== null && announcedFor < ANNOUNCEMENT_MS ? announcedFor : null,
      };
    });
  const waiting = board.entries
    .filter((e) => e.status === 'WAITING')
    .map((entry, index) => ({ entry, index }))
    // The server lists entries in call order; `position` keeps that order for entries added by events.
    .sort(
      (a, b) =>
        (a.entry.position ?? Number.POSITIVE_INFINITY) - (b.entry.position ?? Number.POSITIVE_INFINITY) ||
        a.index - b.index,
    )
    .map(({ entry }): WaitingRow => ({
      id: entry.id,
      token: entry.token,
      displayName: entry.patient?.displayName ?? '',
      wait: formatWait(entry.estimatedWaitMinutes),
    }));
  const newest = called[0];
  return {
    facilityName: board.facility?.name ?? '',
    calling: called.slice(0, limits.calling),
    moreCalling: Math.max(0, called.length - limits.calling),
    waiting: waiting.slice(0, limits.waiting),
    moreWaiting: Math.max(0, waiting.length - limits.waiting),
    announcement: newest && newest.announcedFor !== null ? newest : null,
  };
}
