import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook as the receiving service would see it: the URL it was configured with, raw headers and body. */
export interface ReceivedWebhook {
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Everything received on paths that start with `prefix`, oldest first. */
  on(prefix: string): ReceivedWebhook[];
  close(): Promise<void>;
}

/** Stands in for the ClinicFlow service a vendor calls back: keeps every request and answers 204. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        url: `${base}${path}`,
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    received,
    on: (prefix) => received.filter((webhook) => webhook.path.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const header = (webhook: ReceivedWebhook, name: string): string | undefined => {
  const value = webhook.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
