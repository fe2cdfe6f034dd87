import { Writable } from 'node:stream';
import { subscribe } from '@clinicflow/testing';
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
    platform = await startTestPlatform('log-hygiene', {
      logLevel: 'debug',
      logDestination: new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      }),
    });
    admin = await platform.token('admin');
  });
  afterAll(() => platform?.stop());

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

  it('captured the run at debug level', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('"level":20'))).toBe(true);
    expect(lines.some((line) => line.includes('gateway listening'))).toBe(true);
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
