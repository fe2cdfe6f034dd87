import { isLoopbackUrl } from './loopback';

/** One webhook the sandbox sent (or refused to send), kept for tests to inspect. */
export interface WebhookDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's HTTP status; null when there was no answer. */
  status: number | null;
  error?: string;
}

/**
 * Posts a sandbox's webhooks and keeps a record of each. Deliveries that belong together (one
 * message's status callbacks) run as one sequence, so they arrive in order, as the vendor's do.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly signal: AbortSignal,
    private readonly timeoutMs = 5000,
  ) {}

  async post(url: string, headers: Record<string, string>, body: string): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { url, headers, body, status: null };
    this.deliveries.push(delivery);
    if (!isLoopbackUrl(url)) {
      delivery.error = 'refused: sandbox providers deliver webhooks to loopback addresses only';
      return delivery;
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    return delivery;
  }

  /** Runs a sequence of deliveries in the background; `settled` waits for it. */
  run(sequence: () => Promise<void>): void {
    // A sequence ends early only when the sandbox stops (its pauses are aborted); each delivery's
    // own failure is already in its record.
    const running = sequence()
      .catch(() => undefined)
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves when every sequence started so far, and any they started, has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
