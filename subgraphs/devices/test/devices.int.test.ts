import { randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { devicesSubgraph } from '../src/subgraph';

const REGISTER = /* GraphQL */ `
  mutation Register($input: DeviceInput!) {
    registerDevice(input: $input) {
      id
      serial
      kind
      lastSeenAt
      facility {
        id
      }
      assignedPatient {
        id
      }
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($deviceId: ID!, $patientId: ID) {
    assignDevice(deviceId: $deviceId, patientId: $patientId) {
      id
      assignedPatient {
        id
      }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: ReadingInput!) {
    recordReading(input: $input) {
      id
      code
      loincCode
      unit
      value
      recordedAt
      patient {
        id
      }
      device {
        id
        lastSeenAt
      }
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Patient {
        id
        latestVitals {
          heartRate
          oxygenSaturation
          bodyTemperature
          recordedAt
        }
        readings(first: 2) {
          totalCount
          edges {
            node {
              value
            }
          }
        }
      }
    }
  }
`;

const FACILITY = randomUUID();
const OTHER_FACILITY = randomUUID();
const ADA = randomUUID();
const BOB = randomUUID();
const patientCaller = (patientId: string): Caller => ({
  subject: `patient-${patientId}`,
  role: 'patient',
  patientId,
  scopes: [],
});
const display: Caller = { subject: 'screen-1', role: 'display', facilityId: FACILITY, scopes: [] };
const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 9, minute)).toISOString();
const patientRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Patient', id }));

describe('devices subgraph', () => {
  let subgraph: TestSubgraph;
  const call = (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.clinician) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  const register = async (serial: string, kind: string, facilityId: string | null = null) => {
    const response = await call(REGISTER, { input: { serial, kind, facilityId } }, callers.admin);
    expect(response.errors).toBeUndefined();
    return (response.data?.registerDevice as { id: string }).id;
  };
  const record = async (deviceId: string, code: string, value: number, recordedAt: string) => {
    const response = await call(RECORD, { input: { deviceId, code, value, recordedAt } });
    expect(response.errors).toBeUndefined();
    return response.data?.recordReading as { id: string };
  };

  let monitor: string;
  let oximeter: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(devicesSubgraph);
    monitor = await register('MON-001', 'MULTI_PARAMETER_MONITOR', FACILITY);
    oximeter = await register('OXI-001', 'PULSE_OXIMETER', FACILITY);
    await call(ASSIGN, { deviceId: monitor, patientId: ADA }, callers.reception);
    await call(ASSIGN, { deviceId: oximeter, patientId: BOB }, callers.reception);
    await record(monitor, 'HEART_RATE', 72, at(0));
    await record(monitor, 'HEART_RATE', 88, at(10));
    await record(monitor, 'BODY_TEMPERATURE', 36.6, at(5));
    await record(oximeter, 'OXYGEN_SATURATION', 97, at(3));
  });
  afterAll(() => subgraph.stop());

  describe('devices', () => {
    it('registers a device and refuses a second one with the same serial', async () => {
      const registered = await call(REGISTER, { input: { serial: 'THERM-7', kind: 'THERMOMETER' } }, callers.admin);
      expect(registered.errors).toBeUndefined();
      expect(registered.data?.registerDevice).toMatchObject({
        serial: 'THERM-7',
        kind: 'THERMOMETER',
        lastSeenAt: null,
        facility: null,
        assignedPatient: null,
      });

      const again = await call(REGISTER, { input: { serial: 'THERM-7', kind: 'SCALE' } }, callers.admin);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'serial' });
    });

    it('refuses an invalid device with BAD_USER_INPUT and lets only admins register', async () => {
      const invalid = await call(
        REGISTER,
        { input: { serial: ' ', kind: 'SCALE', facilityId: 'nope' } },
        callers.admin,
      );
      expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const byReception = await call(REGISTER, { input: { serial: 'SCALE-1', kind: 'SCALE' } }, callers.reception);
      expect(byReception.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('assigns and unassigns a device', async () => {
      const device = await register('SCALE-2', 'SCALE');
      const assigned = await call(ASSIGN, { deviceId: device, patientId: BOB });
      expect(assigned.data?.assignDevice).toEqual({ id: device, assignedPatient: { id: BOB } });

      const unassigned = await call(ASSIGN, { deviceId: device, patientId: null }, callers.admin);
      expect(unassigned.data?.assignDevice).toEqual({ id: device, assignedPatient: null });

      const missing = await call(ASSIGN, { deviceId: randomUUID(), patientId: BOB });
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const badId = await call(ASSIGN, { deviceId: device, patientId: 'not-a-uuid' });
      expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const byBilling = await call(ASSIGN, { deviceId: device, patientId: BOB }, callers.billing);
      expect(byBilling.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('lists devices by facility, a page at a time, for staff only', async () => {
      await register('ZZ-ELSEWHERE', 'SCALE', OTHER_FACILITY);
      const first = await call(
        `query($f: ID) { devices(facilityId: $f, first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { serial } } } }`,
        { f: FACILITY },
        callers.billing,
      );
      expect(first.errors).toBeUndefined();
      const page = first.data?.devices as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: unknown[];
      };
      expect(page.totalCount).toBe(2);
      expect(page.edges).toEqual([{ node: { serial: 'MON-001' } }]);
      expect(page.pageInfo.hasNextPage).toBe(true);

      const second = await call(
        `query($f: ID, $a: String) { devices(facilityId: $f, after: $a) { pageInfo { hasNextPage } edges { node { serial } } } }`,
        { f: FACILITY, a: page.pageInfo.endCursor },
      );
      expect(second.data?.devices).toEqual({
        pageInfo: { hasNextPage: false },
        edges: [{ node: { serial: 'OXI-001' } }],
      });

      const one = await call(
        `query($id: ID!) { device(id: $id) { serial kind lastSeenAt assignedPatient { id } } }`,
        { id: oximeter },
        callers.reception,
      );
      expect(one.data?.device).toMatchObject({
        serial: 'OXI-001',
        kind: 'PULSE_OXIMETER',
        assignedPatient: { id: BOB },
      });
      expect((one.data?.device as { lastSeenAt: string | null }).lastSeenAt).not.toBeNull();

      for (const caller of [display, patientCaller(BOB)]) {
        const denied = await call(`{ devices { totalCount } }`, {}, caller);
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const unknown = await call(`query($id: ID!) { device(id: $id) { id } }`, { id: 'garbage' });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('readings', () => {
    it("records a reading for the device's patient with its LOINC code and unit, and marks the device seen", async () => {
      const response = await call(RECORD, {
        input: { deviceId: monitor, code: 'SYSTOLIC_BLOOD_PRESSURE', value: 128, recordedAt: at(20) },
      });
      expect(response.errors).toBeUndefined();
      const reading = response.data?.recordReading as { device: { lastSeenAt: string } };
      expect(reading).toMatchObject({
        code: 'SYSTOLIC_BLOOD_PRESSURE',
        loincCode: '8480-6',
        unit: 'mm[Hg]',
        value: 128,
        recordedAt: at(20),
        patient: { id: ADA },
      });
      expect(Date.now() - Date.parse(reading.device.lastSeenAt)).toBeLessThan(60_000);
    });

    it.each([
      ['HEART_RATE', 301],
      ['OXYGEN_SATURATION', 49],
      ['BODY_TEMPERATURE', 45.5],
      ['SYSTOLIC_BLOOD_PRESSURE', 40],
      ['DIASTOLIC_BLOOD_PRESSURE', 170],
      ['BODY_WEIGHT', 0.2],
    ])('refuses an implausible %s of %d with BAD_USER_INPUT naming the value', async (code, value) => {
      const response = await call(RECORD, { input: { deviceId: monitor, code, value, recordedAt: at(30) } });
      const extensions = response.errors?.[0]?.extensions as {
        code: string;
        validationErrors: { property: string; constraints: Record<string, string> }[];
      };
      expect(extensions.code).toBe('BAD_USER_INPUT');
      expect(extensions.validationErrors[0].property).toBe('value');
      expect(Object.values(extensions.validationErrors[0].constraints)[0]).toMatch(/^value must be between/);
    });

    it('refuses a future reading, a vital sign the device cannot measure and a device without a patient', async () => {
      const future = await call(RECORD, {
        input: {
          deviceId: monitor,
          code: 'HEART_RATE',
          value: 70,
          recordedAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      });
      expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const wrongKind = await call(RECORD, {
        input: { deviceId: oximeter, code: 'BODY_WEIGHT', value: 70, recordedAt: at(30) },
      });
      expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });

      const idle = await register('THERM-IDLE', 'THERMOMETER');
      const unassigned = await call(RECORD, {
        input: { deviceId: idle, code: 'BODY_TEMPERATURE', value: 37, recordedAt: at(30) },
      });
      expect(unassigned.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'deviceId' });
      const device = await call(`query($id: ID!) { device(id: $id) { lastSeenAt } }`, { id: idle });
      expect(device.data?.device).toEqual({ lastSeenAt: null });
    });

    it('lets only clinicians and admins record', async () => {
      for (const caller of [callers.reception, patientCaller(ADA), display]) {
        const response = await call(
          RECORD,
          { input: { deviceId: monitor, code: 'HEART_RATE', value: 70, recordedAt: at(30) } },
          caller,
        );
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('shows a reading to its patient and clinicians, never to another patient or a display', async () => {
      const { id } = await record(oximeter, 'HEART_RATE', 64, at(4));
      const query = `query($id: ID!) { reading(id: $id) { value unit device { serial } patient { id } } }`;
      const own = await call(query, { id }, patientCaller(BOB));
      expect(own.errors).toBeUndefined();
      expect(own.data?.reading).toEqual({
        value: 64,
        unit: '/min',
        device: { serial: 'OXI-001' },
        patient: { id: BOB },
      });

      for (const caller of [patientCaller(ADA), display, callers.reception]) {
        const denied = await call(query, { id }, caller);
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const missing = await call(query, { id: randomUUID() });
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('Patient.latestVitals and Patient.readings', () => {
    it('resolves the latest reading of each vital sign for several patients in one request', async () => {
      const nobody = randomUUID();
      const response = await call(ENTITIES, { r: patientRefs([ADA, BOB, nobody]) });
      expect(response.errors).toBeUndefined();
      const [ada, bob, none] = response.data?._entities as {
        latestVitals: Record<string, unknown> | null;
        readings: { totalCount: number };
      }[];
      expect(ada.latestVitals).toEqual({
        heartRate: 88,
        oxygenSaturation: null,
        bodyTemperature: 36.6,
        recordedAt: at(20),
      });
      expect(bob.latestVitals).toMatchObject({ heartRate: 64, oxygenSaturation: 97, recordedAt: at(4) });
      expect(none).toEqual({ id: nobody, latestVitals: null, readings: { totalCount: 0, edges: [] } });
    });

    it('pages through readings newest first, optionally by vital sign', async () => {
      const query = `query($r: [_Any!]!, $code: VitalSign, $after: String) { _entities(representations: $r) {
        ... on Patient { readings(code: $code, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code value } } } } } }`;
      const first = await call(query, { r: patientRefs([ADA]) }, patientCaller(ADA));
      expect(first.errors).toBeUndefined();
      const page1 = (
        first.data?._entities as {
          readings: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] };
        }[]
      )[0].readings;
      expect(page1.totalCount).toBe(4);
      expect(page1.edges).toEqual([
        { node: { code: 'SYSTOLIC_BLOOD_PRESSURE', value: 128 } },
        { node: { code: 'HEART_RATE', value: 88 } },
      ]);
      expect(page1.pageInfo.hasNextPage).toBe(true);

      const second = await call(query, { r: patientRefs([ADA]), after: page1.pageInfo.endCursor });
      expect((second.data?._entities as unknown[])[0]).toEqual({
        readings: {
          totalCount: 4,
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          edges: [{ node: { code: 'BODY_TEMPERATURE', value: 36.6 } }, { node: { code: 'HEART_RATE', value: 72 } }],
        },
      });

      const heartRates = await call(query, { r: patientRefs([ADA]), code: 'HEART_RATE' });
      expect(
        (heartRates.data?._entities as { readings: { totalCount: number; edges: unknown[] } }[])[0].readings,
      ).toMatchObject({
        totalCount: 2,
        edges: [{ node: { value: 88 } }, { node: { value: 72 } }],
      });

      const badCursor = await call(query, { r: patientRefs([ADA]), after: 'bm9wZQ' });
      expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    });

    it("refuses another patient's vitals, a display's and a receptionist's", async () => {
      const otherPatient = await call(ENTITIES, { r: patientRefs([BOB]) }, patientCaller(ADA));
      expect(otherPatient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(otherPatient.data?._entities ?? null).toBeNull();

      for (const caller of [display, callers.reception, callers.billing]) {
        const denied = await call(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { latestVitals { heartRate } } } }`,
          { r: patientRefs([ADA]) },
          caller,
        );
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('sends as many SQL statements for 50 patients as for 5', async () => {
      const many = Array.from({ length: 50 }, () => randomUUID());
      await Promise.all(
        many.slice(0, 10).map(async (patientId, index) => {
          const device = await register(`BULK-${index}`, 'MULTI_PARAMETER_MONITOR');
          await call(ASSIGN, { deviceId: device, patientId });
          await record(device, 'HEART_RATE', 60 + index, at(index));
          await record(device, 'OXYGEN_SATURATION', 90 + (index % 10), at(index + 1));
        }),
      );
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
        latestVitals { heartRate } readings(first: 1) { totalCount edges { node { value device { serial assignedPatient { id } } } } } } } }`;
      const statementsFor = async (patientIds: string[]) => {
        const before = subgraph.database.counter.statements;
        const response = await call(query, { r: patientRefs(patientIds) });
        expect(response.errors).toBeUndefined();
        return subgraph.database.counter.statements - before;
      };
      const few = await statementsFor([...many.slice(0, 4), ADA]);
      const lots = await statementsFor([...many, ADA]);
      expect(lots).toBe(few);
      expect(few).toBeLessThanOrEqual(4);
    });
  });

  describe('reference resolution', () => {
    it('resolves devices, readings and facilities by key', async () => {
      const { id: readingId } = await record(monitor, 'DIASTOLIC_BLOOD_PRESSURE', 82, at(21));
      const response = await call(
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Device { serial } ... on Reading { value loincCode patient { id } } ... on Facility { id } } }`,
        {
          r: [
            { __typename: 'Device', id: monitor },
            { __typename: 'Device', id: oximeter },
            { __typename: 'Reading', id: readingId },
            { __typename: 'Facility', id: FACILITY },
          ],
        },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toEqual([
        { serial: 'MON-001' },
        { serial: 'OXI-001' },
        { value: 82, loincCode: '8462-4', patient: { id: ADA } },
        { id: FACILITY },
      ]);

      const otherPatient = await call(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Reading { value } } }`,
        { r: [{ __typename: 'Reading', id: readingId }] },
        patientCaller(BOB),
      );
      expect(otherPatient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const displayDevice = await call(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { serial } } }`,
        { r: [{ __typename: 'Device', id: monitor }] },
        display,
      );
      expect(displayDevice.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});
