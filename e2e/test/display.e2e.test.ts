import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distDir as displayDist } from '@clinicflow/display';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  type RunningGateway,
  startGateway,
} from '@clinicflow/gateway';
import { type Caller, createLogger } from '@clinicflow/platform';
import { callSubgraph, postGraphQL } from '@clinicflow/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestPlatform, SUPERGRAPH_SDL, type TestPlatform } from '../src';

/**
 * The waiting-room display in Debian's Chromium, driven by playwright-core, against the whole
 * platform: patients check in and are called through the API, and the screen must follow, through a
 * gateway restart too (a new gateway on the same port, with the platform's context-signing secret).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The machine's network is closed: without these, Chromium tries Google's hosts at every start. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = '/tmp/display.png';
const SCREEN_TIMEOUT = 10_000;

const PATIENTS = [
  { mrn: 'DSP-1', givenName: 'Amelia', familyName: 'Fairweather', shown: 'Amelia F.' },
  { mrn: 'DSP-2', givenName: 'Oskar', familyName: 'Quartermaine', shown: 'Oskar Q.' },
  { mrn: 'DSP-3', givenName: 'Carla', familyName: 'Rosenkranz', shown: 'Carla R.' },
  { mrn: 'DSP-4', givenName: 'Dmitri', familyName: 'Valderrama', shown: 'Dmitri V.' },
  { mrn: 'DSP-5', givenName: 'Esther', familyName: 'Okonkwo', shown: 'Esther O.' },
];
const FAMILY_NAMES = PATIENTS.map((p) => p.familyName);

/** What the test reads inside the page (this package compiles without the DOM library). */
interface InPage {
  localStorage: Record<string, string>;
  getComputedStyle(node: unknown): { animationName: string };
}

const CHECK_IN = /* GraphQL */ `
  mutation DisplayCheckIn($input: CheckInInput!) {
    checkIn(input: $input) {
      token
    }
  }
`;
const CALL_NEXT = /* GraphQL */ `
  mutation DisplayCallNext($servicePointId: ID!) {
    callNext(servicePointId: $servicePointId) {
      token
    }
  }
`;

describe('the waiting-room display in headless Chromium', () => {
  const secret = randomBytes(32).toString('hex');
  const logger = createLogger('e2e', process.env.TEST_LOG_LEVEL ?? 'silent');
  let platform: TestPlatform;
  let gateway: RunningGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staffToken: string;
  let displayToken: string;
  let facilityId: string;
  const servicePoints: Record<string, string> = {};
  const patientIds: string[] = [];
  let serviceId: string;
  /** Everything the display received: HTTP responses and WebSocket frames. */
  const received: string[] = [];
  const requestedUrls: string[] = [];

  const origin = () => new URL(gateway.url).origin;

  async function api<T>(query: string, variables: Record<string, unknown> = {}, token = staffToken): Promise<T> {
    const response = await postGraphQL<T>(gateway.url, query, variables, { authorization: `Bearer ${token}` });
    if (response.errors?.length || !response.data) throw new Error(`API call failed: ${JSON.stringify(response)}`);
    return response.data;
  }

  /** The gateway is down: change the queue directly on its subgraph, as the gateway would. */
  async function onQueueSubgraph<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const queue = platform.subgraphs.get('queue');
    if (!queue) throw new Error('the queue subgraph is not running');
    const caller: Caller = { subject: 'e2e-reception', role: 'reception', scopes: [] };
    const response = await callSubgraph<T>(queue.url, secret, caller, query, variables);
    if (response.errors?.length || !response.data) throw new Error(`Subgraph call failed: ${JSON.stringify(response)}`);
    return response.data;
  }

  const checkIn = (patient: number, via: 'gateway' | 'subgraph' = 'gateway') => {
    const variables = { input: { facilityId, serviceId, patientId: patientIds[patient] } };
    return via === 'gateway'
      ? api<{ checkIn: { token: string } }>(CHECK_IN, variables)
      : onQueueSubgraph<{ checkIn: { token: string } }>(CHECK_IN, variables);
  };

  const waitingRow = (text: string) => page.locator('#waiting li', { hasText: text });
  const callingRow = (token: string) => page.locator(`#calling li[data-token="${token}"]`);
  const connection = (state: string) => page.locator(`#connection[data-state="${state}"]`);

  const startGatewayOn = (port: number) =>
    startGateway({
      port,
      supergraph: { sdl: SUPERGRAPH_SDL },
      subgraphUrls: Object.fromEntries([...platform.subgraphs].map(([name, running]) => [name, running.url])),
      contextSigningSecret: secret,
      verifyToken: createTokenVerifier({
        issuer: LOCAL_ISSUER,
        audience: DEFAULT_AUDIENCE,
        keys: platform.issuer.jwks,
      }),
      publishedJwks: platform.issuer.jwks,
      displayDir: displayDist,
      logger: logger.child({ service: 'gateway' }),
    });

  beforeAll(async () => {
    if (!existsSync(join(displayDist, 'index.html'))) {
      throw new Error(`${displayDist}/index.html is missing: build the display first (npm run build -w web/display)`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    platform = await startTestPlatform('display', { contextSigningSecret: secret });
    gateway = platform.gateway;
    staffToken = await platform.issuer.sign({ subject: 'e2e-admin', role: 'admin' });

    ({
      createFacility: { id: facilityId },
    } = await api<{ createFacility: { id: string } }>(
      `mutation { createFacility(input: { code: "DSP", name: "Riverside Clinic", timezone: "Europe/Lisbon" }) { id } }`,
    ));
    ({
      createService: { id: serviceId },
    } = await api<{ createService: { id: string } }>(
      `mutation($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "A", name: "General practice", defaultServiceMinutes: 10, slotMinutes: 10 }) { id } }`,
      { f: facilityId },
    ));
    for (const [name, kind] of [
      ['Room 2', 'ROOM'],
      ['Counter 3', 'COUNTER'],
    ] as const) {
      const created = await api<{ createServicePoint: { id: string } }>(
        `mutation($f: ID!, $name: String!, $kind: ServicePointKind!) { createServicePoint(input: { facilityId: $f, name: $name, kind: $kind }) { id } }`,
        { f: facilityId, name, kind },
      );
      servicePoints[name] = created.createServicePoint.id;
    }
    for (const { mrn, givenName, familyName } of PATIENTS) {
      const registered = await api<{ registerPatient: { id: string } }>(
        `mutation($input: PatientRegistration!) { registerPatient(input: $input) { id } }`,
        { input: { mrn, givenName, familyName, birthDate: '1980-02-03' } },
      );
      patientIds.push(registered.registerPatient.id);
    }
    displayToken = await platform.issuer.sign({ subject: `display-${facilityId}`, role: 'display', facilityId });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    page.on('request', (request) => requestedUrls.push(request.url()));
    page.on('response', (response) => {
      if (response.url().endsWith('/graphql')) {
        response.text().then(
          (text) => received.push(text),
          () => undefined,
        );
      }
    });
    page.on('websocket', (socket) => {
      requestedUrls.push(socket.url());
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    // After a restart the test's own gateway serves the page; the platform stops the rest.
    await gateway?.stop();
    await platform?.stop();
  });

  it('opens from a display link, keeps the token and clears it from the address bar', async () => {
    await page.goto(`${origin()}/display/${facilityId}#token=${displayToken}`);
    await connection('live').waitFor({ timeout: SCREEN_TIMEOUT });
    expect(page.url()).toBe(`${origin()}/display/${facilityId}`);
    expect(await page.evaluate(() => Object.values((globalThis as unknown as InPage).localStorage))).toContain(
      displayToken,
    );
    await expect(page.locator('#facility-name').textContent()).resolves.toBe('Riverside Clinic');
    await page.locator('#waiting-empty').waitFor({ timeout: SCREEN_TIMEOUT });
  });

  it('shows patients who check in, by first name and last initial only', async () => {
    const framesBefore = received.length;
    await checkIn(0);
    await checkIn(1);
    await waitingRow('Amelia F.').waitFor({ timeout: SCREEN_TIMEOUT });
    await waitingRow('Oskar Q.').waitFor({ timeout: SCREEN_TIMEOUT });
    expect(await page.locator('#waiting li').allTextContents()).toEqual([
      expect.stringMatching(/^A-001\s*Amelia F\./),
      expect.stringMatching(/^A-002\s*Oskar Q\./),
    ]);
    // The change came over the subscription, not from a reload.
    expect(received.slice(framesBefore).some((frame) => frame.includes('"CHECKED_IN"'))).toBe(true);
    const text = await page.locator('body').innerText();
    for (const familyName of FAMILY_NAMES) expect(text).not.toContain(familyName);
  });

  it('shows a called token with where to go in "Now calling", and announces it', async () => {
    await api(CALL_NEXT, { servicePointId: servicePoints['Room 2'] });
    const called = callingRow('A-001');
    await called.waitFor({ timeout: SCREEN_TIMEOUT });
    await expect(called.textContent()).resolves.toMatch(/A-001.*Amelia F\..*Room 2/);
    await page.locator('#calling li.announced[data-token="A-001"]').waitFor({ timeout: SCREEN_TIMEOUT });
    await expect(page.locator('#spoken').textContent()).resolves.toBe('Token A-001, please go to Room 2');
    await expect(waitingRow('Amelia F.').count()).resolves.toBe(0);

    const animation = () =>
      called.evaluate((node) => (globalThis as unknown as InPage).getComputedStyle(node).animationName);
    await expect(animation()).resolves.toBe('announce');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(animation()).resolves.toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('survives a gateway restart: reconnects, and shows what changed while it was cut off', async () => {
    const port = Number(new URL(gateway.url).port);
    await gateway.stop();
    await connection('reconnecting').waitFor({ timeout: SCREEN_TIMEOUT });
    // The last board stays on screen meanwhile.
    await expect(callingRow('A-001').count()).resolves.toBe(1);

    await checkIn(2, 'subgraph');
    await onQueueSubgraph(CALL_NEXT, { servicePointId: servicePoints['Counter 3'] });

    gateway = await startGatewayOn(port);
    await connection('live').waitFor({ timeout: 30_000 });
    await callingRow('A-002').waitFor({ timeout: SCREEN_TIMEOUT });
    await expect(callingRow('A-002').textContent()).resolves.toMatch(/A-002.*Oskar Q\..*Counter 3/);
    await page.locator('#calling li.announced[data-token="A-002"]').waitFor({ timeout: SCREEN_TIMEOUT });
    await waitingRow('Carla R.').waitFor({ timeout: SCREEN_TIMEOUT });
    await expect(waitingRow('Oskar Q.').count()).resolves.toBe(0);
  }, 60_000);

  it('follows live updates again after the restart', async () => {
    const framesBefore = received.length;
    await checkIn(3);
    await checkIn(4);
    await waitingRow('Esther O.').waitFor({ timeout: SCREEN_TIMEOUT });
    expect(received.slice(framesBefore).some((frame) => frame.includes('"CHECKED_IN"'))).toBe(true);
    expect(await page.locator('#waiting li').allTextContents()).toEqual([
      expect.stringMatching(/^A-003\s*Carla R\./),
      expect.stringMatching(/^A-004\s*Dmitri V\./),
      expect.stringMatching(/^A-005\s*Esther O\./),
    ]);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('received no patient data but display names, and asked no host but its own', () => {
    const everything = received.join('\n');
    for (const familyName of FAMILY_NAMES) expect(everything).not.toContain(familyName);
    expect(everything).not.toMatch(/DSP-\d|1980-02-03/);
    const ownOrigins = [origin(), origin().replace(/^http/, 'ws')];
    expect(requestedUrls.filter((url) => !ownOrigins.some((own) => url.startsWith(`${own}/`)))).toEqual([]);
  });

  it('comes back by itself after a reload, from the token it kept', async () => {
    await page.reload();
    await connection('live').waitFor({ timeout: SCREEN_TIMEOUT });
    await callingRow('A-002').waitFor({ timeout: SCREEN_TIMEOUT });
    await waitingRow('Dmitri V.').waitFor({ timeout: SCREEN_TIMEOUT });
  });

  it('asks for a display link when it has no token', async () => {
    const other = await browser.newContext();
    try {
      const bare = await other.newPage();
      await bare.goto(`${origin()}/display/${facilityId}`);
      await expect(bare.locator('#notice').textContent()).resolves.toBe(
        'This display has no token: ask staff for a display link.',
      );
    } finally {
      await other.close();
    }
  });

  it.each([
    ['a forged token', () => Promise.resolve('forged.token.value')],
    [
      "another facility's display token",
      () => platform.issuer.sign({ subject: 'display-other', role: 'display', facilityId: randomUUID() }),
    ],
  ])('says so, and stops, when the gateway refuses %s', async (_what, token) => {
    const other = await browser.newContext();
    try {
      const refused = await other.newPage();
      await refused.goto(`${origin()}/display/${facilityId}#token=${await token()}`);
      const notice = refused.locator('#notice');
      await notice.waitFor({ timeout: SCREEN_TIMEOUT });
      await expect(notice.textContent()).resolves.toBe(
        "This display's token was refused: ask staff for a new display link.",
      );
      await expect(refused.locator('#waiting li').count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  });
});
