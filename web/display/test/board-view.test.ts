import { boardView, formatWait } from '../src/board-view';
import { ANNOUNCEMENT_MS, applyUpdate, boardFromSnapshot } from '../src/queue-board';
import { called, entry, snapshot, update } from './fixtures';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');

describe('boardView', () => {
  it('lists the waiting in call order, with first name and last initial only', () => {
    const board = boardFromSnapshot(
      null,
      snapshot(4, [
        entry('3', { position: 3, patient: { displayName: 'Carla R.' }, estimatedWaitMinutes: 24 }),
        entry('1', { position: 1, patient: { displayName: 'Amelia Z.' }, estimatedWaitMinutes: 0 }),
        entry('2', { position: 2, patient: { displayName: 'Oskar Q.' } }),
      ]),
      T0,
    );
    expect(boardView(board, T0).waiting).toEqual([
      { id: '1', token: 'A-001', displayName: 'Amelia Z.', wait: 'Soon' },
      { id: '2', token: 'A-002', displayName: 'Oskar Q.', wait: '' },
      { id: '3', token: 'A-003', displayName: 'Carla R.', wait: '~24 min' },
    ]);
  });

  it('keeps the server order for entries without a position', () => {
    const board = boardFromSnapshot(null, snapshot(4, [entry('9'), entry('4'), entry('6')]), T0);
    expect(boardView(board, T0).waiting.map((row) => row.id)).toEqual(['9', '4', '6']);
  });

  it('shows the newest call first with where to go, announced for its time and then not', () => {
    let board = boardFromSnapshot(
      null,
      snapshot(4, [called('1', 'Room 2', '2026-01-05T08:50:00.000Z'), entry('2')]),
      T0,
    );
    board = applyUpdate(board, update(5, 'CALLED', called('2', 'Counter 3', '2026-01-05T09:00:00.000Z')), T0);

    const during = boardView(board, T0 + 2_000);
    expect(during.calling.map((row) => [row.token, row.destination, row.announcedFor])).toEqual([
      ['A-002', 'Counter 3', 2_000],
      ['A-001', 'Room 2', null],
    ]);
    expect(during.announcement?.token).toBe('A-002');

    const after = boardView(board, T0 + ANNOUNCEMENT_MS);
    expect(after.calling.map((row) => row.announcedFor)).toEqual([null, null]);
    expect(after.announcement).toBeNull();
  });

  it('announces only the newest of two recent calls', () => {
    let board = boardFromSnapshot(null, snapshot(4, [entry('1'), entry('2')]), T0);
    board = applyUpdate(board, update(5, 'CALLED', called('1', 'Room 2', '2026-01-05T09:00:00.000Z')), T0);
    board = applyUpdate(board, update(6, 'CALLED', called('2', 'Counter 3', '2026-01-05T09:00:01.000Z')), T0 + 1_000);
    expect(boardView(board, T0 + 2_000).calling.map((row) => [row.token, row.announcedFor])).toEqual([
      ['A-002', 1_000],
      ['A-001', null],
    ]);
  });

  it('says where to go by service when no room is named', () => {
    const board = boardFromSnapshot(
      null,
      snapshot(1, [entry('1', { status: 'CALLED', calledAt: '2026-01-05T09:00:00.000Z', service: { name: 'Lab' } })]),
      T0,
    );
    expect(boardView(board, T0).calling[0]?.destination).toBe('Lab');
  });

  it('counts what does not fit', () => {
    const waiting = Array.from({ length: 12 }, (_, i) => entry(String(i + 1), { position: i + 1 }));
    const board = boardFromSnapshot(null, snapshot(1, waiting), T0);
    const view = boardView(board, T0, { calling: 4, waiting: 8 });
    expect(view.waiting).toHaveLength(8);
    expect(view.moreWaiting).toBe(4);
  });
});

describe('formatWait', () => {
  it.each([
    [null, ''],
    [0, 'Soon'],
    [0.4, 'Soon'],
    [7, '~7 min'],
    [59.6, '~1 h'],
    [95, '~1 h 35 min'],
  ])('%p minutes reads %p', (minutes, text) => {
    expect(formatWait(minutes)).toBe(text);
  });
});
