import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { gatewayClient } from '@clinicflow/embedded';
import { startWebhookReceiver } from '@clinicflow/testing';
import { startBenchPlatform } from './bench-platform';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `npm run bench:webhooks`: outbound webhook deliveries end to end. Tokens are called through the
 * gateway; each call commits a `token.called` event, which the queue fans out to every endpoint
 * and signs and posts to a local receiver that verifies each signature. Latency runs from the
 * event's publication in its transaction (the body's `occurredAt`) to the receiver's receipt.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '200' },
      endpoints: { type: 'string', default: '4' },
      rooms: { type: 'string', default: '8' },
      'poll-seconds': { type: 'string', default: '0.5' },
    },
  });
  const calls = Number(values.calls);
  const endpointCount = Number(values.endpoints);
  const rooms = Number(values.rooms);
  process.env.WEBHOOK_POLLING_INTERVAL_SECONDS = values['poll-seconds'];
  const receiver = await startWebhookReceiver();
  const bench = await startBenchPlatform('benchwebhooks');
  const { platform } = bench;
  try {
    const admin = await platform.issuer.sign({ subject: 'bench', role: 'admin' });
    const post = gatewayClient(platform.gateway.url, admin);
    const { createFacility } = await post<{ createFacility: { id: string } }>(
      'mutation ($input: FacilityInput!) { createFacility(input: $input) { id } }',
      { input: { code: 'BWH', name: 'Bench webhooks', timezone: 'UTC' } },
    );
    const facilityId = createFacility.id;
    const { createService } = await post<{ createService: { id: string } }>(
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      { input: { facilityId, name: 'General', tokenPrefix: 'W', defaultServiceMinutes: 10, slotMinutes: 15 } },
    );
    const points: string[] = [];
    for (let room = 1; room <= rooms; room += 1) {
      const { createServicePoint } = await post<{ createServicePoint: { id: string } }>(
        'mutation ($input: ServicePointInput!) { createServicePoint(input: $input) { id } }',
        { input: { facilityId, name: `Room ${room}`, kind: 'ROOM' } },
      );
      points.push(createServicePoint.id);
    }
    for (let index = 0; index < endpointCount; index += 1) {
      const path = `/endpoint-${index}`;
      const { registerWebhookEndpoint } = await post<{ registerWebhookEndpoint: { secret: string } }>(
        'mutation ($input: WebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
        { input: { url: receiver.url(path), events: ['TOKEN_CALLED'], facilityId } },
      );
      receiver.secretFor(path, registerWebhookEndpoint.secret);
    }
    for (let index = 0; index < calls; index += 1) {
      await post('mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }', {
        input: { facilityId, serviceId: createService.id, patientId: randomUUID() },
      });
    }

    const expected = calls * endpointCount;
    const started = Date.now();
    // Every room calls its next patient, over and over, until all have been called.
    let remaining = calls;
    await Promise.all(
      points.map(async (point) => {
        while (remaining > 0) {
          remaining -= 1;
          await post('mutation ($p: ID!) { callNext(servicePointId: $p) { id } }', { p: point });
        }
      }),
    );
    const callsDone = Date.now();
    const deadline = callsDone + 120_000;
    while (receiver.received.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const received = receiver.received;
    const last = Math.max(...received.map((delivery) => delivery.receivedAt));
    const latencies = received
      .map((delivery) => delivery.receivedAt - Date.parse(delivery.event.occurredAt))
      .sort((a, b) => a - b);
    const unverified = received.filter((delivery) => !delivery.verified).length;
    const ids = new Set(received.map((delivery) => `${delivery.path} ${delivery.event.id}`));
    const row = [
      calls,
      endpointCount,
      expected,
      received.length,
      received.length - ids.size,
      unverified,
      ((calls / (callsDone - started)) * 1000).toFixed(0),
      ((received.length / (last - started)) * 1000).toFixed(0),
      percentile(latencies, 50),
      percentile(latencies, 99),
      latencies.at(-1) ?? 0,
    ];
    const command = `npm run bench:webhooks -- --calls ${calls} --endpoints ${endpointCount} --rooms ${rooms} --poll-seconds ${values['poll-seconds']}`;
    await writeResultsSection(
      'webhook-delivery',
      `## Outbound webhook delivery, end to end

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`${command}\` (after \`npm run build\`).
The platform in one process (as in embedded mode) on the machine's PostgreSQL; a receiver on 127.0.0.1 in the
same process verifies every signature. ${rooms} rooms call ${calls} waiting patients through the gateway; each call
commits one \`token.called\` event, which the fan-out consumer turns into one delivery job per endpoint
(${endpointCount} endpoints), and the delivery consumer signs and posts. Latency runs from the event's publication
in the call's transaction to the receiver's receipt; consumers poll every ${values['poll-seconds']} s when idle.

| calls | endpoints | deliveries expected | received | duplicates | unverified | calls/s | deliveries/s | p50 ms | p99 ms | max ms |
|---|---|---|---|---|---|---|---|---|---|---|
| ${row.join(' | ')} |`,
    );
    process.stdout.write(`${row.join(' ')}\n`);
  } finally {
    await bench.stop();
    await receiver.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
