import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface LoadSpec {
  url: string;
  /** POST this body; without one, GET. */
  body?: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

/**
 * Runs autocannon in a process of its own, so the load generator does not share an event loop with
 * the servers it measures. Only 127.0.0.1 is ever a target.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (new URL(spec.url).hostname !== '127.0.0.1') throw new Error('load tests target 127.0.0.1 only');
  const request = spec.body === undefined ? ['-m', 'GET'] : ['-m', 'POST', '-b', spec.body];
  const args = ['-c', String(spec.connections), '-d', String(spec.seconds), ...request, '--json'];
  for (const [name, value] of Object.entries(spec.headers)) args.push('-H', `${name}=${value}`);
  const autocannon = require.resolve('autocannon/autocannon.js');
  const { stdout } = await promisify(execFile)(process.execPath, [autocannon, ...args, spec.url], {
    maxBuffer: 16 * 2 ** 20,
  });
  const report = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: report.requests.average,
    p50: report.latency.p50,
    p99: report.latency.p99,
    errors: report.errors,
    non2xx: report.non2xx,
    requests: report.requests.total,
  };
}
