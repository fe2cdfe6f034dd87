import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { FaultInjector, FaultSettings } from '../faults/fault-injector';

export interface SandboxServer {
  /** `http://127.0.0.1:<port>`: hand it to the SDK as its base URL. */
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 only; closing drops every connection, held-open ones included. */
export async function listenOnLoopback(app: Express, port = 0): Promise<SandboxServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Applies the fault settings to each vendor request: the latency first, then either nothing, the
 * vendor's own error answer, or silence (the request is held until the client gives up or the sandbox stops).
 */
export function injectFaults(
  faults: FaultInjector,
  stopping: AbortSignal,
  sendVendorError: (res: Response, status: FaultSettings['errorStatus']) => void,
) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    const decision = faults.decide();
    const { latencyMs, errorStatus } = faults.settings;
    if (latencyMs > 0) {
      try {
        await delay(latencyMs, undefined, { signal: stopping });
      } catch {
        // The sandbox is stopping; its connections are being dropped.
        return;
      }
    }
    if (decision === 'timeout') return;
    if (decision === 'error') {
      sendVendorError(res, errorStatus);
      return;
    }
    next();
  };
}

/**
 * The control routes every sandbox serves beside its vendor API: `GET|PUT|DELETE /__sandbox/faults`
 * to read, change or clear the faults, and `GET /__sandbox/received` for what the sandbox was sent.
 */
export function controlRoutes(faults: FaultInjector, received: () => unknown): express.Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/faults', (_req, res) => {
    res.json(faults.settings);
  });
  router.put('/faults', (req, res) => {
    try {
      res.json(faults.set(req.body as Partial<FaultSettings>));
    } catch (error) {
      res.status(400).json({ error: error instanceof Error ? error.message : String(error) });
    }
  });
  router.delete('/faults', (_req, res) => {
    res.json(faults.reset());
  });
  router.get('/received', (_req, res) => {
    res.json(received());
  });
  return router;
}
