import { type ExecutionResult, GraphQLError } from 'graphql';

/** How many events a subscriber may have waiting before it is cut off to protect everyone else. */
export const MAX_PENDING_EVENTS = 256;

const FELL_BEHIND: ExecutionResult = {
  errors: [
    new GraphQLError('This subscriber fell too far behind; subscribe again and reload the current state', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    }),
  ],
};

/**
 * One subscriber's events, in order. A subscriber that stops reading (a frozen screen, a dead
 * network) is ended after MAX_PENDING_EVENTS instead of growing the gateway's memory without bound;
 * its client reconnects and resyncs from the current state by sequence number.
 */
export class SubscriberQueue implements AsyncIterableIterator<ExecutionResult> {
  private readonly pending: ExecutionResult[] = [];
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private done = false;

  constructor(private readonly onClose: () => void) {}

  push(result: ExecutionResult): void {
    if (this.done) return;
    if (this.pending.length >= MAX_PENDING_EVENTS) {
      this.pending.length = 0;
      this.pending.push(FELL_BEHIND);
      this.done = true;
      this.onClose();
      return;
    }
    this.deliver(result);
  }

  /** Ends the subscription after what is already queued, e.g. when the upstream failed for good. */
  end(last?: ExecutionResult): void {
    if (this.done) return;
    if (last) this.deliver(last);
    this.done = true;
    if (this.waiting && this.pending.length === 0) this.resolveWaiting({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.pending.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.done) {
      this.done = true;
      this.onClose();
    }
    this.pending.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(result: ExecutionResult): void {
    if (this.waiting) this.resolveWaiting({ value: result, done: false });
    else this.pending.push(result);
  }

  private resolveWaiting(result: IteratorResult<ExecutionResult>): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(result);
  }
}
