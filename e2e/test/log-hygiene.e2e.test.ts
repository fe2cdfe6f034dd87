import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { startTwilioSandbox, type TwilioSandbox } from '@clinicflow/sandbox';
import { freePorts, Hl7Sender, subscribe } from '@clinicflow/testing';
import { startTestPlatform, type TestPlatform } from '../src';

/** Patients whose details must never reach a log line or an error message. */
const PATIENTS = [
  {
    mrn: 'HYG-MRN-40913',
    givenName: 'Zebulonia',
    familyName: 'Quartermaine',
    birthDate: '1961-07-23',
    phone: '+15550194431',
    email: 'zebulonia.q@example.org',
  },
  {
    mrn: 'HYG-MRN-40914',
    givenName: 'Ottoline',
    familyName: 'Vanderpuijl',
    birthDate: '1978-11-02',
    phone: '+15550178802',
    email: 'ottoline.v@example.org',
  },
  {
    mrn: 'HYG-MRN-40915',
    givenName: 'Cosimir',
    familyName: 'Halvorsdottir',
    birthDate: '2001-03-17',
    phone: '+15550163305',
    email: 'cosimir.h@example.org',
  },
];
const NEW_PHONE = '+15550142277';
/** The clinic's Twilio number, and the sandbox account the patients subgraph texts through. */
const CLINIC_NUMBER = '+15555550100';
const TWILIO = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

interface Response {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * A realistic morning through the gateway with every service logging at debug level: registration,
 * check-in, the board, updates, lab results, a live subscription, refused input, a conflict, a
 * forbidden read and a subgraph outage. Not one of the patients' names, phone numbers, e-mail
 * addresses, birth dates or record numbers may appear in any log line or any error message.
 */
describe('patient data stays out of logs and error messages', () => {
  const lines: string[] = [];
  const errorMessages: string[] = [];
  let platform: TestPlatform;
  let admin: string;
  const ids: string[] = [];
  let twilio: TwilioSandbox;
  let hl7: Hl7Sender;
  /** The clinic's public address for vendor webhooks, as a load balancer would: it forwards to the patients subgraph. */
  let edge: http.Server;
  let patientsOrigin = '';

  const post = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Response> => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Response['body'];
    if (body.errors) errorMessages.push(JSON.stringify(body.errors));
    return { status: response.status, body };
  };
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await post(token, query, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as Record<string, Record<string, unknown>>;
  };
  const refused = async (code: string, token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await post(token, query, variables);
    expect(response.body.errors?.map((error) => error.extensions?.code)).toContain(code);
  };

  beforeAll(async () => {
    // SMS through the Twilio sandbox (started once the patients subgraph's webhook address is known) and HL7 over MLLP.
    const [twilioPort, mllpPort, edgePort] = [await freePorts(1), await freePorts(1), await freePorts(1)];
    edge = http.createServer((request, response) => {
      const forwarded = http.request(
        `${patientsOrigin}${request.url}`,
        { method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on('error', () => response.writeHead(502).end());
      request.pipe(forwarded);
    });
    await new Promise<void>((resolve) => edge.listen(edgePort, '127.0.0.1', resolve));
    platform = await startTestPlatform('log-hygiene', {
      subgraphEnvironment: {
        TWILIO_ACCOUNT_SID: TWILIO.accountSid,
        TWILIO_AUTH_TOKEN: TWILIO.authToken,
        TWILIO_FROM_NUMBER: CLINIC_NUMBER,
        TWILIO_API_URL: `http://127.0.0.1:${twilioPort}`,
        NOTIFICATIONS_WEBHOOK_BASE_URL: `http://127.0.0.1:${edgePort}`,
        HL7_MLLP_PORT: String(mllpPort),
      },
      logLevel: 'debug',
      logDestination: new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      }),
    });
    admin = await platform.token('admin');
    patientsOrigin = new URL(platform.subgraphs.get('patients')!.url).origin;
    twilio = await startTwilioSandbox({
      port: twilioPort,
      ...TWILIO,
      inboundSmsUrl: `http://127.0.0.1:${edgePort}/webhooks/notifications/twilio/inbound`,
    });
    hl7 = new Hl7Sender(mllpPort);
  });
  afterAll(async () => {
    hl7?.close();
    await platform?.stop();
    await twilio?.close();
    await new Promise((resolve) => edge?.close(resolve));
  });

  it('runs a morning of the clinic, its mistakes and an outage', async () => {
    const reception = await platform.token('reception');
    const clinician = await platform.token('clinician');
    const register = `mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id displayName } }`;
    for (const patient of PATIENTS) {
      const data = await ok(reception, register, { input: patient });
      ids.push(data.registerPatient!.id as string);
    }
    const facility = await ok(
      admin,
      `mutation { createFacility(input: { code: "HYG", name: "Hygiene", timezone: "UTC" }) { id } }`,
    );
    const facilityId = facility.createFacility!.id as string;
    const service = await ok(
      admin,
      `mutation ($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "H", name: "Bloods", defaultServiceMinutes: 5, slotMinutes: 10 }) { id } }`,
      { f: facilityId },
    );
    const serviceId = service.createService!.id as string;
    for (const patientId of ids.slice(0, 2)) {
      await ok(reception, `mutation ($input: CheckInInput!) { checkIn(input: $input) { token } }`, {
        input: { facilityId, serviceId, patientId },
      });
    }
    await ok(
      reception,
      `query ($f: ID!) { queueEntries(facilityId: $f, first: 20) { edges { node { token patient { givenName familyName phone } } } } }`,
      { f: facilityId },
    );
    await ok(reception, `query ($s: String) { patients(first: 10, search: $s) { totalCount } }`, {
      s: PATIENTS[0]!.familyName,
    });
    await ok(reception, `mutation ($id: ID!, $c: PatientChanges!) { updatePatient(id: $id, changes: $c) { id } }`, {
      id: ids[0],
      c: { phone: NEW_PHONE },
    });
    const own = await platform.token('patient', { patientId: ids[0] });
    await ok(own, `query ($id: ID!) { patient(id: $id) { givenName familyName phone email birthDate mrn } }`, {
      id: ids[0],
    });

    const live = await subscribe<{ data?: unknown; errors?: unknown }>(
      platform.gateway.url,
      { authorization: `Bearer ${clinician}` },
      `subscription ($p: ID!) { labResultAvailable(patientId: $p) { valueQuantity patient { givenName familyName } } }`,
      { p: ids[0] },
    );
    try {
      await ok(clinician, `mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }`, {
        input: {
          patientId: ids[0],
          loincCode: '2345-7',
          display: 'Glucose',
          valueQuantity: 99,
          unit: 'mg/dL',
          issuedAt: new Date().toISOString(),
        },
      });
      expect((await live.next()).errors).toBeUndefined();
    } finally {
      await live.close();
    }

    // Refused input: a rule the subgraph checks, a missing field, a wrong type, a bad literal, a bad scalar, bad syntax.
    const [first, second] = PATIENTS as [(typeof PATIENTS)[0], (typeof PATIENTS)[0]];
    await refused('BAD_USER_INPUT', reception, register, {
      input: { ...first, mrn: 'HYG-OTHER-1', phone: first.phone.slice(1) },
    });
    const { birthDate: _birthDate, ...withoutBirthDate } = second;
    await refused('BAD_USER_INPUT', reception, register, { input: withoutBirthDate });
    await refused('BAD_USER_INPUT', reception, register, {
      input: { ...second, phone: Number(second.phone.slice(1)) },
    });
    await refused(
      'GRAPHQL_VALIDATION_FAILED',
      reception,
      `mutation { registerPatient(input: { mrn: "${first.mrn}", givenName: "${first.givenName}", familyName: 7, birthDate: "${first.birthDate}" }) { id } }`,
    );
    await refused(
      'BAD_USER_INPUT',
      clinician,
      `mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }`,
      {
        input: {
          patientId: ids[0],
          loincCode: '2345-7',
          display: 'Glucose',
          issuedAt: `${first.givenName} ${first.birthDate}`,
        },
      },
    );
    await refused('GRAPHQL_PARSE_FAILED', reception, `{ patients(search: "${first.familyName}" { totalCount } }`);

    // A conflict, and a patient reaching for someone else's record.
    await refused('CONFLICT', reception, register, { input: { ...PATIENTS[2], email: 'another@example.org' } });
    await refused('FORBIDDEN', own, `query ($id: ID!) { patient(id: $id) { givenName } }`, { id: ids[1] });

    // An outage: the patients subgraph stops while the board and a record are asked for, then returns.
    await platform.stopSubgraph('patients');
    try {
      await refused(
        'SERVICE_UNAVAILABLE',
        reception,
        `query ($f: ID!) { queueEntries(facilityId: $f, first: 20) { edges { node { token patient { givenName } } } } }`,
        { f: facilityId },
      );
      await refused('SERVICE_UNAVAILABLE', reception, register, {
        input: { ...first, mrn: 'HYG-MRN-OUTAGE' },
      });
    } finally {
      await platform.restartSubgraph('patients');
    }
    await ok(reception, `query ($id: ID!) { patient(id: $id) { givenName } }`, { id: ids[2] });
  });

  it('texts, takes a STOP, an HL7 ADT and ORU over MLLP, and serves a FHIR read', async () => {
    // The check-ins above asked for texts: sent through the sandbox, each a read of the patient's phone.
    await until(
      () => ids.slice(0, 2).length <= twilio.messages.filter((m) => m.from === CLINIC_NUMBER).length,
      'texts',
    );
    const stop = await twilio.sendInboundSms({ from: NEW_PHONE, to: CLINIC_NUMBER, body: 'STOP' });
    expect(stop.status).toBe(200);
    await until(async () => {
      const data = await ok(admin, `query ($p: ID!) { notificationPreferences(patientId: $p) { smsOptedOut } }`, {
        p: ids[0],
      });
      return data.notificationPreferences!.smsOptedOut === true;
    }, 'the STOP to opt the patient out');

    const [, , third] = PATIENTS as [(typeof PATIENTS)[0], (typeof PATIENTS)[0], (typeof PATIENTS)[0]];
    const pid = `PID|1||${third.mrn}||${third.familyName}^${third.givenName}||${third.birthDate.replaceAll('-', '')}|F|||||${third.phone}`;
    const adt = [
      'MSH|^~\\&|EHR|MAIN|CLINICFLOW|CLINIC|20261122083000||ADT^A08|HYG-A08-1|P|2.5',
      'EVN|A08|20261122083000',
      pid,
    ].join('\r');
    expect((await hl7.send(adt)).code).toBe('AA');
    const oru = [
      'MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|HYG-ORU-1|P|2.5',
      pid,
      'OBR|1|HYG-ORDER-1||2345-7^Glucose^LN',
      'OBX|1|NM|2345-7^Glucose^LN||91|mg/dL|70-99|N|||F|||20261122080000',
    ].join('\r');
    expect((await hl7.send(oru)).code).toBe('AA');
    // A message for an MRN nobody holds (under the patient's name) is kept in error; its ACK's error text
    // goes back to the sender, so it is checked like any error message.
    const rejected = await hl7.send(oru.replace('HYG-ORU-1', 'HYG-ORU-2').replaceAll(third.mrn, 'HYG-MRN-40999'));
    expect(rejected.code).toBe('AE');
    errorMessages.push(JSON.stringify(rejected));

    const fhir = await fetch(`${platform.gateway.url.replace(/\/graphql$/, '/fhir/R4')}/Patient/${ids[2]}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(fhir.status).toBe(200);
    const missing = await fetch(
      `${platform.gateway.url.replace(/\/graphql$/, '/fhir/R4')}/Patient?name=${third.familyName}`,
      {
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(missing.status).toBeLessThan(500);
  });

  it('captured the run at debug level', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('"level":20'))).toBe(true);
    expect(lines.some((line) => line.includes('gateway listening'))).toBe(true);
    // The new paths ran with logging on: the STOP was applied and said so.
    expect(lines.some((line) => line.includes('sms consent keyword applied'))).toBe(true);
    expect(errorMessages.length).toBeGreaterThanOrEqual(10);
  });

  it.each(
    [...PATIENTS.flatMap((patient) => Object.entries(patient)), ['phone', NEW_PHONE]].map(
      ([field, value]) => [field, value] as const,
    ),
  )('no log line or error message holds a %s (%s)', (_field, value) => {
    const digitsOnly = value.startsWith('+') ? value.slice(1) : null;
    for (const text of [...lines, ...errorMessages]) {
      expect(text).not.toContain(value);
      if (digitsOnly) expect(text).not.toContain(digitsOnly);
    }
  });
});
