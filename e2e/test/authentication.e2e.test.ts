import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalIssuer } from '@clinicflow/gateway';
import { postGraphQL } from '@clinicflow/testing';
import { startTestPlatform, type TestPlatform } from '../src';

describe('authentication at the gateway and the subgraphs', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('auth');
  });
  afterAll(() => platform.stop());

  const facilities = (headers: Record<string, string>) =>
    postGraphQL(platform.gateway.url, '{ facilities { id } }', {}, headers);

  it('answers a request with a valid token', async () => {
    const response = await facilities({ authorization: `Bearer ${await platform.token('reception')}` });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ facilities: [] });
  });

  it.each([
    ['no token', {}],
    ['a malformed token', { authorization: 'Bearer not-a-jwt' }],
    ['another scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, headers) => {
    const response = await facilities(headers);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by another key, and an expired one', async () => {
    const stranger = await openLocalIssuer(join(mkdtempSync(join(tmpdir(), 'stranger-')), 'key.json'));
    const forged = await stranger.sign({ subject: 'intruder', role: 'admin' });
    expect((await facilities({ authorization: `Bearer ${forged}` })).status).toBe(401);
    const expired = await platform.issuer.sign({ subject: 'late', role: 'admin', lifetime: '10 minutes ago' });
    const response = await facilities({ authorization: `Bearer ${expired}` });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.message).toBe('The bearer token is invalid or has expired');
  });

  it('refuses requests straight to a subgraph, however they are dressed', async () => {
    for (const running of platform.subgraphs.values()) {
      const direct = await postGraphQL(
        running.url,
        '{ __typename }',
        {},
        { authorization: `Bearer ${await platform.token('admin')}` },
      );
      expect(direct.status).toBe(401);
      expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('shows the process metrics to admins only', async () => {
    const metrics = `${new URL(platform.gateway.url).origin}/metrics`;
    expect((await fetch(metrics)).status).toBe(401);
    const staff = await fetch(metrics, { headers: { authorization: `Bearer ${await platform.token('reception')}` } });
    expect(staff.status).toBe(403);
    const admin = await fetch(metrics, { headers: { authorization: `Bearer ${await platform.token('admin')}` } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('clinicflow_sql_statements_total');
  });

  it('leaves the health checks open', async () => {
    const origin = new URL(platform.gateway.url).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${origin}/readyz`)).json()) as { subgraphs: Record<string, string> };
    expect(ready.subgraphs).toEqual({ patients: 'up', queue: 'up', billing: 'up', clinical: 'up', devices: 'up' });
  });
});
