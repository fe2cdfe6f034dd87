import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLER_HEADER, type Caller, signCaller } from '@clinicflow/platform';

/**
 * The peer the gateway is measured against: a hand-written aggregator that fetches the queue board
 * straight from the subgraphs, making the same requests the gateway's query plan makes (the queue,
 * then patients, billing, clinical and devices in parallel) and merging the answers itself.
 */
export async function startDirectBoard(
  subgraphUrls: Record<'patients' | 'queue' | 'billing' | 'clinical' | 'devices', string>,
  secret: string,
  caller: Caller,
): Promise<{ url: string; close(): Promise<void> }> {
  const post = async <T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCaller(caller, secret) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  const board = async (facilityId: string, first: number) => {
    const { queueEntries } = await post<{
      queueEntries: {
        totalCount: number;
        edges: { node: { id: string; token: string; status: string; priority: number; patient: { id: string } } }[];
      };
    }>(
      subgraphUrls.queue,
      `query($f: ID!, $first: Int!) { queueEntries(facilityId: $f, statuses: [WAITING], first: $first) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id token status priority patient { id } } } } }`,
      { f: facilityId, first },
    );
    const patients = queueEntries.edges.map(({ node }) => ({ __typename: 'Patient', id: node.patient.id }));
    const entries = queueEntries.edges.map(({ node }) => ({ __typename: 'QueueEntry', id: node.id }));
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) {`;
    const [names, payments, labs, vitals] = await Promise.all([
      post<{ _entities: { displayName: string }[] }>(
        subgraphUrls.patients,
        `${entities} ... on Patient { displayName } } }`,
        { r: patients },
      ),
      post<{ _entities: { paymentStatus: string }[] }>(
        subgraphUrls.billing,
        `${entities} ... on QueueEntry { paymentStatus } } }`,
        { r: entries },
      ),
      post<{ _entities: { latestLabResult: unknown }[] }>(
        subgraphUrls.clinical,
        `${entities} ... on Patient { latestLabResult { loincCode valueQuantity unit abnormalFlag } } } }`,
        { r: patients },
      ),
      post<{ _entities: { latestVitals: unknown }[] }>(
        subgraphUrls.devices,
        `${entities} ... on Patient { latestVitals { heartRate oxygenSaturation recordedAt } } } }`,
        { r: patients },
      ),
    ]);
    return {
      queueEntries: {
        totalCount: queueEntries.totalCount,
        edges: queueEntries.edges.map(({ node }, index) => ({
          node: {
            ...node,
            paymentStatus: payments._entities[index]?.paymentStatus,
            patient: {
              id: node.patient.id,
              displayName: names._entities[index]?.displayName,
              latestLabResult: labs._entities[index]?.latestLabResult,
              latestVitals: vitals._entities[index]?.latestVitals,
            },
          },
        })),
      },
    };
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { facilityId, first } = JSON.parse(body) as { facilityId: string; first: number };
      board(facilityId, first).then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/board`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
