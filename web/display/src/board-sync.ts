import {
  applyUpdate,
  type Board,
  boardFromSnapshot,
  type BoardSnapshot,
  type QueueUpdate,
  RELOADING_REASONS,
} from './queue-board';

/** The gateway refused the display's token (4403, FORBIDDEN, UNAUTHENTICATED): retrying cannot help. */
export class DisplayRefused extends Error {
  constructor(message = "The display's token was refused") {
    super(message);
    this.name = 'DisplayRefused';
  }
}

/**
 * connecting: no board yet. live: subscribed and in step with the server. reconnecting: the board
 * on screen may be out of date while the connection comes back. refused: the token was refused.
 */
export type SyncStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface SyncState {
  status: SyncStatus;
  board: Board | null;
}

export interface BoardSyncOptions {
  /** Reads the whole board, with the sequence it was read at; throws DisplayRefused when refused. */
  loadBoard(): Promise<BoardSnapshot>;
  onChange(state: SyncState): void;
  now?: () => number;
  /** Wait before the n-th (from 0) retry of a failed load, or a reload after a gap the last load left. */
  retryDelay?: (attempt: number) => number;
  /** After reordering events, reload once they pause for this long. */
  reloadDebounceMs?: number;
  /** After a (re)connection's first load, reload once more unless an event proves the subscription live. */
  settleMs?: number;
  /** Reload this often anyway, so a lost event cannot leave a quiet screen wrong for long. */
  refreshMs?: number;
}

type Scheduled = 'retry' | 'reload' | 'settle' | 'refresh';

/**
 * The display's sync protocol (README.md, "Sync"). On every (re)subscription: buffer the events
 * that arrive, load the board, then apply the buffered and later events whose sequence follows the
 * board's. An event that skips a sequence number means something was missed: reload. The transport
 * (gateway-connection.ts) calls `subscribed`, `interrupted`, `update` and `refuse`; everything here
 * is plain TypeScript and unit-tested with fake timers (test/board-sync.test.ts).
 */
export class BoardSync {
  private status: SyncStatus = 'connecting';
  private board: Board | null = null;
  private subscribedNow = false;
  /** True from the start of a load until its snapshot and the buffered events are applied. */
  private syncing = false;
  private buffer: QueueUpdate[] = [];
  /** Each load's number; a load that finishes after a newer one started (or a disconnect) is dropped. */
  private generation = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private scheduled: Scheduled | null = null;
  private readonly now: () => number;
  private readonly retryDelay: (attempt: number) => number;

  constructor(private readonly options: BoardSyncOptions) {
    this.now = options.now ?? Date.now;
    this.retryDelay = options.retryDelay ?? ((attempt) => Math.min(30_000, 500 * 2 ** attempt));
  }

  state(): SyncState {
    return { status: this.status, board: this.board };
  }

  /** A subscription to the facility's updates is in place (first connection, reconnection, resubscription). */
  subscribed(): void {
    if (this.status === 'refused') return;
    this.subscribedNow = true;
    // Whatever came before this subscription is in the snapshot about to be read.
    this.buffer = [];
    this.load('settle');
  }

  /** The connection dropped or the server ended the subscription: updates may be missed from here on. */
  interrupted(): void {
    if (this.status === 'refused') return;
    this.subscribedNow = false;
    this.cancelScheduled();
    this.generation += 1;
    this.syncing = false;
    this.buffer = [];
    this.setStatus(this.board ? 'reconnecting' : 'connecting');
  }

  update(update: QueueUpdate): void {
    if (!this.subscribedNow || this.status === 'refused') return;
    if (this.syncing || !this.board) {
      this.buffer.push(update);
      return;
    }
    if (update.sequence <= this.board.sequence) return;
    if (update.sequence > this.board.sequence + 1) {
      this.buffer.push(update);
      this.load(null);
      return;
    }
    this.board = applyUpdate(this.board, update, this.now());
    // An event in step with the board proves the subscription was live before the board was read.
    if (this.scheduled === 'settle') this.schedule('refresh', this.options.refreshMs ?? 300_000);
    if (RELOADING_REASONS.has(update.reason)) this.schedule('reload', this.options.reloadDebounceMs ?? 250);
    this.emit();
  }

  /** The token was refused: show it and stop (nothing here retries after this). */
  refuse(): void {
    this.cancelScheduled();
    this.generation += 1;
    this.subscribedNow = false;
    this.syncing = false;
    this.buffer = [];
    this.setStatus('refused');
  }

  private load(afterwards: 'settle' | null): void {
    this.cancelScheduled();
    this.syncing = true;
    this.generation += 1;
    const generation = this.generation;
    this.options.loadBoard().then(
      (snapshot) => {
        if (generation === this.generation) this.loaded(snapshot, afterwards);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        if (error instanceof DisplayRefused) {
          this.refuse();
          return;
        }
        this.schedule('retry', this.retryDelay(this.failures++), afterwards);
        // The board on screen may be out of date until a load succeeds.
        if (this.status === 'live') this.setStatus('reconnecting');
      },
    );
  }

  private loaded(snapshot: BoardSnapshot, afterwards: 'settle' | null): void {
    const now = this.now();
    let board = boardFromSnapshot(this.board, snapshot, now);
    let reload = false;
    const pending = [...this.buffer].sort((a, b) => a.sequence - b.sequence);
    this.buffer = [];
    for (const [index, update] of pending.entries()) {
      if (update.sequence <= board.sequence) continue;
      if (update.sequence > board.sequence + 1) {
        // The snapshot is older than events already here, with a hole between: read it again.
        this.board = board;
        this.buffer = pending.slice(index);
        this.schedule('retry', this.retryDelay(this.failures++), afterwards);
        this.emit();
        return;
      }
      board = applyUpdate(board, update, now);
      reload ||= RELOADING_REASONS.has(update.reason);
    }
    this.board = board;
    this.syncing = false;
    this.failures = 0;
    this.setStatus('live');
    if (reload) this.schedule('reload', this.options.reloadDebounceMs ?? 250);
    else if (afterwards === 'settle') this.schedule('settle', this.options.settleMs ?? 3_000);
    else this.schedule('refresh', this.options.refreshMs ?? 300_000);
  }

  private schedule(kind: Scheduled, delayMs: number, afterwards: 'settle' | null = null): void {
    this.cancelScheduled();
    this.scheduled = kind;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scheduled = null;
      this.load(kind === 'retry' ? afterwards : null);
    }, delayMs);
  }

  private cancelScheduled(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = null;
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.emit();
  }

  private emit(): void {
    this.options.onChange(this.state());
  }
}
