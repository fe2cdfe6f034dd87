import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OUTBOUND_SIGNATURE_HEADER, verifyWebhookSignature } from '@clinicflow/platform';

/** How the receiver answers one request to a path: a status, or no answer for this long first. */
export type Answer = { status: number } | { hangMs: number; status: number };

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived (ms since the epoch). */
  receivedAt: number;
  /** What the documented verify function said, with the secret registered for the path. */
  verified: boolean;
  event: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
}

/**
 * A third party's webhook receiver on 127.0.0.1: real HTTP, checking every delivery with
 * `verifyWebhookSignature` (the documented example). Each path answers from its script of answers,
 * then 200 once the script runs out.
 */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const scripts = new Map<string, Answer[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers[OUTBOUND_SIGNATURE_HEADER.toLowerCase()];
      const verification = verifyWebhookSignature(secrets.get(path) ?? '', {
        header: typeof header === 'string' ? header : undefined,
        body,
      });
      const answer = scripts.get(path)?.shift() ?? { status: 200 };
      const reply = () => {
        if (!response.destroyed) response.writeHead(answer.status).end();
      };
      if ('hangMs' in answer) {
        setTimeout(reply, answer.hangMs);
        return;
      }
      if (answer.status >= 200 && answer.status < 300) {
        received.push({
          path,
          receivedAt: Date.now(),
          headers: request.headers,
          body,
          verified: verification.verified,
          event: JSON.parse(body) as Received['event'],
        });
      }
      reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    received,
    url: (path: string) => `${base}${path}`,
    /** Registers the secret deliveries to `path` are checked with. */
    secretFor: (path: string, secret: string) => secrets.set(path, secret),
    /** The next answers of `path`, in order. */
    script: (path: string, answers: Answer[]) => scripts.set(path, [...answers]),
    /** The deliveries to `path` accepted so far. */
    at: (path: string) => received.filter((delivery) => delivery.path === path),
    async waitFor(path: string, count: number, timeoutMs = 20_000): Promise<Received[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((delivery) => delivery.path === path).length < count) {
        if (Date.now() > deadline) throw new Error(`${path} received fewer than ${count} deliveries`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received.filter((delivery) => delivery.path === path);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
