import { BlockList, isIP } from 'node:net';
import {
  type AdapterPolicy,
  AdapterError,
  createAdapterPolicy,
  OUTBOUND_SIGNATURE_HEADER,
  signWebhookPayload,
} from '@clinicflow/platform';

/** What one attempt came to, for the delivery log. */
export interface SendOutcome {
  delivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export interface SignedDelivery {
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** A receiver's non-2xx answer, shaped as the resilience policy reads vendor failures. */
class ReceiverRefused extends Error {
  constructor(readonly status: number) {
    super(`the receiver answered HTTP ${status}`);
  }
}

/**
 * Posts signed deliveries, each endpoint behind its own resilience policy (timeout, circuit breaker,
 * concurrency limit), so one failing receiver never holds up the others. The policy does not retry:
 * the delivery's job does, with exponential backoff and jitter, across restarts.
 */
export class WebhookSender {
  private readonly policies = new Map<string, AdapterPolicy>();

  constructor(private readonly timeoutSeconds: number) {}

  async send(endpointId: string, delivery: SignedDelivery): Promise<SendOutcome> {
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const status = await this.policyOf(endpointId).execute(async ({ signal }) => {
        const response = await fetch(delivery.url, {
          method: 'POST',
          redirect: 'manual',
          signal,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'ClinicFlow-Webhooks/1',
            [OUTBOUND_SIGNATURE_HEADER]: signWebhookPayload(delivery.secret, delivery.body, timestamp),
            'ClinicFlow-Event-Id': delivery.eventId,
            'ClinicFlow-Event-Type': delivery.eventType,
          },
          body: delivery.body,
        });
        await response.body?.cancel();
        if (response.status < 200 || response.status >= 300) throw new ReceiverRefused(response.status);
        return response.status;
      });
      return { delivered: true, statusCode: status, latencyMs: latency(), error: null };
    } catch (error) {
      const statusCode = error instanceof AdapterError ? (error.vendorStatus ?? null) : null;
      const message = error instanceof Error ? error.message : String(error);
      return { delivered: false, statusCode, latencyMs: latency(), error: message.slice(0, 500) };
    }
  }

  private policyOf(endpointId: string): AdapterPolicy {
    let policy = this.policies.get(endpointId);
    if (!policy) {
      policy = createAdapterPolicy({
        adapter: 'webhooks',
        timeoutMs: this.timeoutSeconds * 1000,
        retries: 0,
        breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
        concurrency: { limit: 8, queue: 64 },
      });
      this.policies.set(endpointId, policy);
    }
    return policy;
  }
}

/** Addresses a webhook may never be sent to: the platform's own network and the cloud metadata service. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/**
 * Why a URL cannot be a webhook endpoint, or null when it can: https, no credentials or fragment,
 * and not a private or loopback address written as such. http://127.0.0.1 only where local
 * receivers are allowed (development and tests).
 */
export function endpointUrlProblem(value: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url may not carry credentials';
  if (url.hash) return 'url may not have a fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && allowLocalHttp && host === '127.0.0.1') return null;
  if (url.protocol !== 'https:') {
    return allowLocalHttp ? 'url must be https (or http://127.0.0.1 here)' : 'url must be https';
  }
  const family = isIP(host);
  if (host === 'localhost' || (family !== 0 && PRIVATE.check(host, family === 4 ? 'ipv4' : 'ipv6'))) {
    return 'url may not point at a private or loopback address';
  }
  return null;
}
