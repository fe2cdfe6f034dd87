import { ANNOUNCEMENT_MS, applyUpdate, boardFromSnapshot } from '../src/queue-board';
import { called, entry, snapshot, update } from './fixtures';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');

describe('boardFromSnapshot', () => {
  it('keeps the waiting and called entries with the sequence they were read at', () => {
    const board = boardFromSnapshot(
      null,
      snapshot(7, [entry('1'), called('2', 'Room 2', '2026-01-05T08:59:00.000Z'), entry('3', { status: 'HELD' })]),
      T0,
    );
    expect(board.sequence).toBe(7);
    expect(board.entries.map((e) => e.id)).toEqual(['1', '2']);
    expect(board.facility?.name).toBe('Riverside Clinic');
  });

  it('announces nothing on the first board: those calls were made before the screen came on', () => {
    const board = boardFromSnapshot(null, snapshot(3, [called('2', 'Room 2', '2026-01-05T08:59:00.000Z')]), T0);
    expect(board.announcements).toEqual([]);
  });

  it('announces the calls made since the previous board (a call made while the screen was cut off)', () => {
    const before = boardFromSnapshot(null, snapshot(3, [entry('1'), entry('2')]), T0);
    const after = boardFromSnapshot(
      before,
      snapshot(5, [called('1', 'Room 2', '2026-01-05T09:00:30.000Z'), entry('2')]),
      T0 + 60_000,
    );
    expect(after.announcements).toEqual([{ entryId: '1', startedAt: T0 + 60_000 }]);
  });

  it('lists an entry that a moving page boundary returned twice once', () => {
    const board = boardFromSnapshot(null, snapshot(3, [entry('1'), entry('2'), entry('1', { position: 2 })]), T0);
    expect(board.entries.map((e) => [e.id, e.position])).toEqual([
      ['2', null],
      ['1', 2],
    ]);
  });
});

describe('applyUpdate', () => {
  const start = boardFromSnapshot(null, snapshot(10, [entry('1', { position: 1 })]), T0);

  it('adds a checked-in entry and moves to the event sequence', () => {
    const board = applyUpdate(start, update(11, 'CHECKED_IN', entry('2', { position: 2 })), T0);
    expect(board.sequence).toBe(11);
    expect(board.entries.map((e) => e.token)).toEqual(['A-001', 'A-002']);
  });

  it('replaces a called entry and announces the call', () => {
    const board = applyUpdate(start, update(11, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')), T0);
    expect(board.entries[0]?.status).toBe('CALLED');
    expect(board.announcements).toEqual([{ entryId: '1', startedAt: T0 }]);
  });

  it('announces a recall again (a new calledAt), from the moment of the recall', () => {
    const first = applyUpdate(start, update(11, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')), T0);
    const again = applyUpdate(
      first,
      update(12, 'RECALLED', called('1', 'Room 2', '2026-01-05T09:03:00.000Z')),
      T0 + 180_000,
    );
    expect(again.announcements).toEqual([{ entryId: '1', startedAt: T0 + 180_000 }]);
  });

  it('does not announce an unrelated change to a called entry', () => {
    const first = applyUpdate(start, update(11, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')), T0);
    const changed = applyUpdate(
      first,
      update(12, 'PRIORITY_CHANGED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z', { priority: 2 })),
      T0 + ANNOUNCEMENT_MS + 1,
    );
    expect(changed.announcements).toEqual([]);
  });

  it('removes an entry that left the board, and its announcement', () => {
    const first = applyUpdate(start, update(11, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')), T0);
    const started = applyUpdate(first, update(12, 'STARTED', entry('1', { status: 'IN_SERVICE' })), T0 + 1_000);
    expect(started.entries).toEqual([]);
    expect(started.announcements).toEqual([]);
  });

  it('moves only the sequence for a change without an entry', () => {
    const board = applyUpdate(start, update(11, 'ESTIMATES_UPDATED', null), T0);
    expect(board.sequence).toBe(11);
    expect(board.entries).toBe(start.entries);
  });
});
