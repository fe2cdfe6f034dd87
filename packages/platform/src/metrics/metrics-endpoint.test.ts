import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAdapterPolicy } from '../resilience/adapter-policy';
import { metricsEndpoint } from './metrics-endpoint';

/** Serves only the metrics route, on a free port, the way a service mounts it. */
async function serve(token: string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.get('/metrics', metricsEndpoint(token));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('metricsEndpoint', () => {
  it('does not exist when no token is configured', async () => {
    const server = await serve(undefined);
    try {
      expect((await fetch(server.url)).status).toBe(404);
      expect((await fetch(server.url, { headers: { authorization: 'Bearer ' } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('refuses a scraper without the right bearer token', async () => {
    const server = await serve('scrape-token-0123456789');
    try {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        'scrape-token-0123456789',
        'Bearer scrape-token-01234567890',
      ]) {
        const response = await fetch(server.url, { headers: authorization ? { authorization } : {} });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({
          errors: [{ message: 'A valid metrics token is required', extensions: { code: 'UNAUTHENTICATED' } }],
        });
      }
    } finally {
      await server.close();
    }
  });

  it('serves the registry in Prometheus text format, adapter metrics included', async () => {
    await createAdapterPolicy({ adapter: 'metrics-endpoint-test' }).execute(async () => 'ok');
    const server = await serve('scrape-token-0123456789');
    try {
      const response = await fetch(server.url, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('clinicflow_adapter_calls_total{adapter="metrics-endpoint-test",outcome="success"} 1');
      expect(text).toContain('clinicflow_adapter_breaker_state{adapter="metrics-endpoint-test"} 0');
      expect(text).toContain(
        'clinicflow_adapter_call_duration_seconds_bucket{le="0.01",adapter="metrics-endpoint-test"}',
      );
      expect(text).toContain('process_cpu_seconds_total');
    } finally {
      await server.close();
    }
  });
});
