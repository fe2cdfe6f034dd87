import { BoardSync, DisplayRefused, type SyncState } from '../src/board-sync';
import type { BoardSnapshot } from '../src/queue-board';
import { called, entry, snapshot, update } from './fixtures';

/** A board source whose loads the test answers one by one. */
function fakeSource() {
  const loads: { resolve(s: BoardSnapshot): void; reject(e: unknown): void }[] = [];
  return {
    loads,
    loadBoard: () =>
      new Promise<BoardSnapshot>((resolve, reject) => {
        loads.push({ resolve, reject });
      }),
    /** Answers the oldest open load. */
    async answer(result: BoardSnapshot | Error) {
      const load = loads.shift();
      if (!load) throw new Error('no load is waiting');
      if (result instanceof Error) load.reject(result);
      else load.resolve(result);
      await Promise.resolve();
    },
  };
}

function setUp(options: { settleMs?: number; refreshMs?: number } = {}) {
  const source = fakeSource();
  const states: SyncState[] = [];
  const sync = new BoardSync({
    loadBoard: source.loadBoard,
    onChange: (state) => states.push(state),
    now: () => Date.now(),
    retryDelay: (attempt) => 1_000 * 2 ** attempt,
    reloadDebounceMs: 250,
    settleMs: options.settleMs ?? 3_000,
    refreshMs: options.refreshMs ?? 300_000,
  });
  const last = () => states[states.length - 1] ?? sync.state();
  const tokens = () =>
    (last().board?.entries ?? []).map((e) => `${e.token}:${e.status}`).sort((a, b) => a.localeCompare(b));
  return { source, sync, last, tokens };
}

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse('2026-01-05T09:00:00.000Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('BoardSync', () => {
  it('subscribes first, buffers, loads, then applies only the events after the board', async () => {
    const { source, sync, last, tokens } = setUp();
    sync.subscribed();
    expect(source.loads).toHaveLength(1);
    expect(last().status).toBe('connecting');

    sync.update(update(5, 'CHECKED_IN', entry('1')));
    sync.update(update(6, 'CHECKED_IN', entry('2')));
    // The board was read after event 5 but before event 6.
    await source.answer(snapshot(5, [entry('1')]));

    expect(last().status).toBe('live');
    expect(last().board?.sequence).toBe(6);
    expect(tokens()).toEqual(['A-001:WAITING', 'A-002:WAITING']);
  });

  it('applies live events in sequence and ignores those the board already has', async () => {
    const { source, sync, last, tokens } = setUp();
    sync.subscribed();
    await source.answer(snapshot(5, [entry('1')]));

    sync.update(update(5, 'CHECKED_IN', entry('1')));
    sync.update(update(6, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')));
    expect(last().board?.sequence).toBe(6);
    expect(tokens()).toEqual(['A-001:CALLED']);
    expect(last().board?.announcements).toHaveLength(1);
    expect(source.loads).toHaveLength(0);
  });

  it('reloads the board when an event skips a sequence number, and keeps that event', async () => {
    const { source, sync, last, tokens } = setUp();
    sync.subscribed();
    await source.answer(snapshot(5, []));

    sync.update(update(8, 'CHECKED_IN', entry('3')));
    expect(source.loads).toHaveLength(1);
    sync.update(update(9, 'CHECKED_IN', entry('4')));
    await source.answer(snapshot(8, [entry('1'), entry('2'), entry('3')]));

    expect(last().board?.sequence).toBe(9);
    expect(tokens()).toEqual(['A-001:WAITING', 'A-002:WAITING', 'A-003:WAITING', 'A-004:WAITING']);
  });

  it('reads the board again when the snapshot is older than the events, with a hole between', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    sync.update(update(9, 'CHECKED_IN', entry('4')));
    await source.answer(snapshot(7, []));
    expect(last().status).toBe('connecting');

    jest.advanceTimersByTime(1_000);
    expect(source.loads).toHaveLength(1);
    await source.answer(snapshot(9, [entry('4')]));
    expect(last().status).toBe('live');
    expect(last().board?.sequence).toBe(9);
  });

  it('keeps the board on screen while reconnecting, then resyncs and announces a call made meanwhile', async () => {
    const { source, sync, last, tokens } = setUp();
    sync.subscribed();
    await source.answer(snapshot(5, [entry('1'), entry('2')]));

    sync.interrupted();
    expect(last().status).toBe('reconnecting');
    expect(tokens()).toEqual(['A-001:WAITING', 'A-002:WAITING']);
    // Events cannot arrive without a subscription; one that does is not trusted.
    sync.update(update(6, 'CHECKED_IN', entry('9')));

    sync.subscribed();
    expect(source.loads).toHaveLength(1);
    await source.answer(snapshot(7, [called('1', 'Room 2', '2026-01-05T09:00:00.000Z'), entry('2'), entry('3')]));

    expect(last().status).toBe('live');
    expect(tokens()).toEqual(['A-001:CALLED', 'A-002:WAITING', 'A-003:WAITING']);
    expect(last().board?.announcements.map((a) => a.entryId)).toEqual(['1']);
  });

  it('drops a load that finishes after the connection dropped', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    sync.interrupted();
    await source.answer(snapshot(5, [entry('1')]));
    expect(last().board).toBeNull();
    expect(last().status).toBe('connecting');
  });

  it('drops a load overtaken by a newer one', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    sync.subscribed();
    await source.answer(snapshot(5, [entry('1')]));
    expect(last().board).toBeNull();
    await source.answer(snapshot(6, [entry('1'), entry('2')]));
    expect(last().board?.sequence).toBe(6);
  });

  it('retries a failed load with a growing delay, buffering meanwhile', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    await source.answer(new Error('HTTP 502'));
    jest.advanceTimersByTime(999);
    expect(source.loads).toHaveLength(0);
    jest.advanceTimersByTime(1);
    await source.answer(new Error('HTTP 502'));
    jest.advanceTimersByTime(1_999);
    expect(source.loads).toHaveLength(0);
    jest.advanceTimersByTime(1);
    sync.update(update(4, 'CHECKED_IN', entry('2')));
    await source.answer(snapshot(3, [entry('1')]));
    expect(last().status).toBe('live');
    expect(last().board?.entries.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('stops saying live while a reload keeps failing', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    await source.answer(snapshot(5, []));
    sync.update(update(7, 'CHECKED_IN', entry('2')));
    await source.answer(new Error('HTTP 503'));
    expect(last().status).toBe('reconnecting');
    jest.advanceTimersByTime(1_000);
    await source.answer(snapshot(7, [entry('1'), entry('2')]));
    expect(last().status).toBe('live');
  });

  it('stops for good when the token is refused', async () => {
    const { source, sync, last } = setUp();
    sync.subscribed();
    await source.answer(new DisplayRefused());
    expect(last().status).toBe('refused');
    sync.subscribed();
    sync.interrupted();
    jest.advanceTimersByTime(600_000);
    expect(source.loads).toHaveLength(0);
    expect(last().status).toBe('refused');
  });

  it('reloads shortly after an event that reorders others', async () => {
    const { source, sync } = setUp();
    sync.subscribed();
    await source.answer(snapshot(5, [entry('1'), entry('2')]));
    sync.update(update(6, 'PRIORITY_CHANGED', entry('2', { priority: 2 })));
    sync.update(update(7, 'ESTIMATES_UPDATED', null));
    jest.advanceTimersByTime(249);
    expect(source.loads).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(source.loads).toHaveLength(1);
  });

  it('reads the board once more after a connection, unless an event shows the subscription was live', async () => {
    const quiet = setUp();
    quiet.sync.subscribed();
    await quiet.source.answer(snapshot(5, []));
    jest.advanceTimersByTime(3_000);
    expect(quiet.source.loads).toHaveLength(1);
    await quiet.source.answer(snapshot(5, []));
    jest.advanceTimersByTime(3_000);
    expect(quiet.source.loads).toHaveLength(0);

    const busy = setUp();
    busy.sync.subscribed();
    await busy.source.answer(snapshot(5, []));
    busy.sync.update(update(6, 'CHECKED_IN', entry('1')));
    jest.advanceTimersByTime(3_000);
    expect(busy.source.loads).toHaveLength(0);
  });

  it('reads the board again every few minutes, so a lost event cannot leave a quiet screen wrong', async () => {
    const { source, sync } = setUp({ settleMs: 3_000, refreshMs: 60_000 });
    sync.subscribed();
    await source.answer(snapshot(5, []));
    jest.advanceTimersByTime(3_000);
    await source.answer(snapshot(5, []));
    jest.advanceTimersByTime(59_999);
    expect(source.loads).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(source.loads).toHaveLength(1);
  });
});
