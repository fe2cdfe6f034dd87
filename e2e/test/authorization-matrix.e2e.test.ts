import { Supergraph } from '@apollo/federation-internals';
import { API_SCOPES, type Role } from '@clinicflow/platform';
import { subscribe, type Subscription } from '@clinicflow/testing';
import type { GraphQLObjectType } from 'graphql';
import {
  ALL_ROLES,
  AUTHORIZATION_MATRIX,
  type MatrixWorld,
  type RootType,
  startTestPlatform,
  SUPERGRAPH_SDL,
  type TestPlatform,
  THIRD_PARTY_SCOPES,
} from '../src';
import { createFailedDelivery } from '../src/failed-delivery';
import { openSyncConflict } from '../src/sync-conflict';
import { recordWebhookAttempt } from '../src/webhook-event';
import { storeCriticalHl7Result, storeHl7MessageInError } from '../src/hl7-message';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const ROOT_TYPES: RootType[] = ['Query', 'Mutation', 'Subscription'];

/** Every root field of the schema clients see through the gateway. */
function apiRootFields(): Record<RootType, string[]> {
  const schema = Supergraph.build(SUPERGRAPH_SDL).apiSchema().toGraphQLJSSchema();
  const fieldsOf = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();
  return {
    Query: fieldsOf(schema.getQueryType()),
    Mutation: fieldsOf(schema.getMutationType()),
    Subscription: fieldsOf(schema.getSubscriptionType()),
  };
}

const codesOf = (body: GraphQLBody) => (body.errors ?? []).map((error) => error.extensions?.code);

/**
 * For every operation and every role, the allow or deny that `e2e/src/authorization-matrix.ts`
 * declares, run through the gateway; and a patient asking for another patient's records gets none of it.
 */
describe('authorization matrix', () => {
  let platform: TestPlatform;
  let admin: string;
  let world: MatrixWorld;
  const tokens = new Map<Role, string>();

  const post = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody;
  };
  const setUp = async <T>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> => {
    const body = await post(token, query, variables);
    if (body.errors) throw new Error(`setting up the matrix failed: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const recordLabResult = async (patientId: string, value: number) =>
    setUp<{ recordLabResult: { id: string } }>(
      'mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }',
      {
        input: {
          patientId,
          loincCode: '718-7',
          display: 'Hemoglobin',
          valueQuantity: value,
          unit: 'g/dL',
          issuedAt: new Date().toISOString(),
        },
      },
    );

  /** A patient with one record of every kind, at a facility with a service and a device. */
  async function buildWorld(): Promise<MatrixWorld> {
    let counter = 0;
    const unique = () => String((counter += 1));
    const newPatient = async () =>
      (
        await setUp<{ registerPatient: { id: string } }>(
          'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
          { input: { mrn: `WORLD-${unique()}`, givenName: 'Wren', familyName: 'Matrix', birthDate: '1985-05-05' } },
        )
      ).registerPatient.id;
    const patientId = await newPatient();
    const { createFacility } = await setUp<{ createFacility: { id: string } }>(
      'mutation { createFacility(input: { code: "MTX", name: "Matrix", timezone: "UTC" }) { id } }',
    );
    const facilityId = createFacility.id;
    const newService = async (tokenPrefix: string) =>
      (
        await setUp<{ createService: { id: string } }>(
          'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
          {
            input: {
              facilityId,
              tokenPrefix,
              name: `Service ${tokenPrefix}`,
              defaultServiceMinutes: 5,
              slotMinutes: 10,
            },
          },
        )
      ).createService.id;
    const serviceId = await newService('W');
    const spareServiceId = await newService('Y');
    const { createServicePoint } = await setUp<{ createServicePoint: { id: string } }>(
      'mutation ($input: ServicePointInput!) { createServicePoint(input: $input) { id } }',
      { input: { facilityId, name: 'Matrix room', kind: 'ROOM' } },
    );
    const servicePointId = createServicePoint.id;
    const openInvoice = async () =>
      (
        await setUp<{ createInvoice: { id: string } }>(
          'mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }',
          { input: { patientId, description: 'Visit', amountCents: 4000 } },
        )
      ).createInvoice.id;
    const assignedDevice = async () => {
      const { registerDevice } = await setUp<{ registerDevice: { id: string } }>(
        'mutation ($input: DeviceInput!) { registerDevice(input: $input) { id } }',
        { input: { serial: `WORLD-DEV-${unique()}`, kind: 'PULSE_OXIMETER', facilityId } },
      );
      await setUp('mutation ($d: ID!, $p: ID) { assignDevice(deviceId: $d, patientId: $p) { id } }', {
        d: registerDevice.id,
        p: patientId,
      });
      return registerDevice.id;
    };
    const entryIn: MatrixWorld['entryIn'] = async (status) => {
      const prefix = [...unique().padStart(3, '0')].map((digit) => String.fromCharCode(65 + Number(digit))).join('');
      const entryService = await newService(prefix);
      const { checkIn } = await setUp<{ checkIn: { id: string } }>(
        'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
        { input: { facilityId, serviceId: entryService, patientId: await newPatient() } },
      );
      const entryId = checkIn.id;
      if (status === 'HELD')
        await setUp('mutation ($e: ID!) { hold(entryId: $e, reason: "Matrix hold") { id } }', { e: entryId });
      if (status === 'CALLED' || status === 'IN_SERVICE')
        await setUp('mutation ($p: ID!, $s: ID) { callNext(servicePointId: $p, serviceId: $s) { id } }', {
          p: servicePointId,
          s: entryService,
        });
      if (status === 'IN_SERVICE')
        await setUp('mutation ($e: ID!) { startService(entryId: $e) { id } }', { e: entryId });
      return { entryId, serviceId: entryService };
    };
    // Deliveries to it fail (nothing listens on port 9), and only ever go to 127.0.0.1.
    const webhookEndpoint = async () =>
      (
        await setUp<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(
          'mutation ($input: WebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }',
          { input: { url: 'http://127.0.0.1:9/matrix', events: ['TOKEN_CALLED'], facilityId } },
        )
      ).registerWebhookEndpoint.endpoint.id;
    const bookedAppointment = async () =>
      (
        await setUp<{ bookAppointment: { id: string } }>(
          'mutation ($input: AppointmentInput!) { bookAppointment(input: $input) { id } }',
          {
            input: { serviceId, patientId, startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
          },
        )
      ).bookAppointment.id;
    const deviceId = await assignedDevice();
    const { recordReading } = await setUp<{ recordReading: { id: string } }>(
      'mutation ($input: ReadingInput!) { recordReading(input: $input) { id } }',
      { input: { deviceId, code: 'OXYGEN_SATURATION', value: 97, recordedAt: new Date().toISOString() } },
    );
    const { checkIn } = await setUp<{ checkIn: { id: string } }>(
      'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
      { input: { facilityId, serviceId, patientId } },
    );
    return {
      patientId,
      facilityId,
      serviceId,
      spareServiceId,
      invoiceId: await openInvoice(),
      coverageId: (
        await setUp<{ addCoverage: { id: string } }>(
          'mutation ($input: CoverageInput!) { addCoverage(input: $input) { id } }',
          { input: { patientId, payer: 'Matrix Health', memberId: `WORLD-${unique()}` } },
        )
      ).addCoverage.id,
      labResultId: (await recordLabResult(patientId, 13.5)).recordLabResult.id,
      deviceId,
      readingId: recordReading.id,
      queueEntryId: checkIn.id,
      servicePointId,
      newPatient,
      openInvoice,
      assignedDevice,
      newLabResult: async () => (await recordLabResult(patientId, 14.2)).recordLabResult.id,
      newPrescription: async () =>
        (
          await setUp<{ prescribe: { id: string } }>(
            'mutation ($input: PrescribeInput!) { prescribe(input: $input) { id } }',
            {
              input: {
                patientId,
                rxnormCode: '197361',
                medicationDisplay: 'Amlodipine 5 MG Oral Tablet',
                dosageText: 'One tablet by mouth once a day',
                quantity: 30,
              },
            },
            await platform.token('clinician'),
          )
        ).prescribe.id,
      entryIn,
      bookedAppointment,
      unique,
      failedDelivery: () => createFailedDelivery(platform.database.url),
      syncConflict: async () => openSyncConflict(platform.database.url, await newPatient()),
      hl7MessageInError: () => storeHl7MessageInError(platform.database.url),
      criticalLabResult: async () =>
        setUp('mutation ($id: ID!) { reprocessHl7Message(input: { id: $id }) { id } }', {
          id: await storeCriticalHl7Result(platform.database.url, patientId),
        }),
      webhookEndpoint,
      webhookEvent: async () => recordWebhookAttempt(platform.database.url, await webhookEndpoint(), facilityId),
      apiCredential: async () =>
        (
          await setUp<{ createApiCredential: { credential: { id: string } } }>(
            'mutation ($input: ApiCredentialInput!) { createApiCredential(input: $input) { credential { id } } }',
            {
              input: {
                name: `World app ${unique()}`,
                kind: 'CLIENT_CREDENTIALS',
                role: 'RECEPTION',
                scopes: ['queue:read'],
              },
            },
          )
        ).createApiCredential.credential.id,
    };
  }

  beforeAll(async () => {
    platform = await startTestPlatform('authorization');
    admin = await platform.token('admin');
    world = await buildWorld();
    for (const role of ALL_ROLES) {
      tokens.set(
        role,
        await platform.token(role, {
          subject: `matrix-${role}`,
          ...(role === 'patient' ? { patientId: world.patientId } : {}),
          ...(role === 'display' ? { facilityId: world.facilityId } : {}),
        }),
      );
    }
  });
  afterAll(() => platform?.stop());

  it('lists every root field of the API schema, and no other', () => {
    const declared = Object.fromEntries(
      ROOT_TYPES.map((type) => [type, Object.keys(AUTHORIZATION_MATRIX[type]).sort()]),
    );
    // A field missing here is an operation whose rule nobody declared: add it to e2e/src/authorization-matrix.ts.
    expect(declared).toEqual(apiRootFields());
  });

  const httpCases = (['Query', 'Mutation'] as const).flatMap((type) =>
    Object.entries(AUTHORIZATION_MATRIX[type]).flatMap(([field, entry]) =>
      ALL_ROLES.map((role) => [type, field, role, entry.allowed.includes(role) ? 'allow' : 'deny'] as const),
    ),
  );

  it.each(httpCases)('%s.%s as %s: %s', async (type, field, role, expected) => {
    const entry = AUTHORIZATION_MATRIX[type][field]!;
    const body = await post(tokens.get(role)!, entry.operation, await entry.variables(world, role));
    if (expected === 'allow') {
      expect(body.errors).toBeUndefined();
      expect(body.data?.[field]).toBeDefined();
    } else {
      expect(codesOf(body)).toContain('FORBIDDEN');
      expect(body.data?.[field] ?? null).toBeNull();
    }
  });

  // Apps act in a staff role (the first the field allows), and their scopes narrow it: a field opens to an app only when
  // THIRD_PARTY_SCOPES names a scope the app holds; every other field is closed to apps.
  const APP_ROLES: readonly Role[] = ['reception', 'clinician', 'billing', 'admin'];
  const appCases = (['Query', 'Mutation'] as const).flatMap((type) =>
    Object.keys(AUTHORIZATION_MATRIX[type]).map((field) => [type, field] as const),
  );

  it.each(appCases)('%s.%s as a third-party app: open only with its scope', async (type, field) => {
    const entry = AUTHORIZATION_MATRIX[type][field]!;
    const opening = THIRD_PARTY_SCOPES[field] ?? [];
    const role = APP_ROLES.find((candidate) => entry.allowed.includes(candidate)) ?? 'reception';
    const app = (scopes: readonly string[]) =>
      platform.token(role, { subject: 'matrix-app', clientId: 'matrix-app', scopes: [...scopes] });
    const without = await post(
      await app(API_SCOPES.filter((scope) => !opening.includes(scope))),
      entry.operation,
      await entry.variables(world, role),
    );
    expect(codesOf(without)).toContain('FORBIDDEN');
    expect(without.data?.[field] ?? null).toBeNull();
    if (opening.length === 0) return;
    expect(entry.allowed).toContain(role);
    for (const scope of opening) {
      const body = await post(await app([scope]), entry.operation, await entry.variables(world, role));
      expect(codesOf(body)).not.toContain('FORBIDDEN');
    }
  });

  describe('subscriptions', () => {
    const cases = Object.entries(AUTHORIZATION_MATRIX.Subscription);

    it.each(cases)('%s: the allowed roles receive events, the others are refused', async (field, entry) => {
      expect(entry.trigger).toBeDefined();
      const opened: Subscription<GraphQLBody>[] = [];
      try {
        const byRole = new Map<Role, Subscription<GraphQLBody>>();
        for (const role of ALL_ROLES) {
          const subscription = await subscribe<GraphQLBody>(
            platform.gateway.url,
            { authorization: `Bearer ${tokens.get(role)}` },
            entry.operation,
            await entry.variables(world, role),
          );
          opened.push(subscription);
          byRole.set(role, subscription);
        }
        // Refusals arrive at once; the allowed wait for the event.
        for (const role of ALL_ROLES.filter((candidate) => !entry.allowed.includes(candidate))) {
          const first = await byRole.get(role)!.next();
          expect(codesOf(first)).toContain('FORBIDDEN');
          expect(first.data?.[field] ?? null).toBeNull();
        }
        await entry.trigger?.(world);
        for (const role of entry.allowed) {
          const event = await byRole.get(role)!.next();
          expect(event.errors).toBeUndefined();
          expect(event.data?.[field]).toBeTruthy();
        }
      } finally {
        await Promise.all(opened.map((subscription) => subscription.close()));
      }
    });
  });

  describe("a patient asking for another patient's records", () => {
    const OTHER = {
      mrn: 'OTHER-MRN-5521',
      givenName: 'Philippa',
      familyName: 'Otherington',
      birthDate: '1970-02-14',
      phone: '+15550135521',
      email: 'philippa.o@example.org',
    };
    let other: Record<'patientId' | 'invoiceId' | 'labResultId' | 'readingId' | 'queueEntryId', string>;

    beforeAll(async () => {
      const { registerPatient } = await setUp<{ registerPatient: { id: string } }>(
        'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: OTHER },
      );
      const patientId = registerPatient.id;
      const { createInvoice } = await setUp<{ createInvoice: { id: string } }>(
        'mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }',
        { input: { patientId, description: 'Other visit', amountCents: 900 } },
      );
      const { registerDevice } = await setUp<{ registerDevice: { id: string } }>(
        'mutation ($input: DeviceInput!) { registerDevice(input: $input) { id } }',
        { input: { serial: 'OTHER-DEV-1', kind: 'THERMOMETER', facilityId: world.facilityId } },
      );
      await setUp('mutation ($d: ID!, $p: ID) { assignDevice(deviceId: $d, patientId: $p) { id } }', {
        d: registerDevice.id,
        p: patientId,
      });
      const { recordReading } = await setUp<{ recordReading: { id: string } }>(
        'mutation ($input: ReadingInput!) { recordReading(input: $input) { id } }',
        {
          input: {
            deviceId: registerDevice.id,
            code: 'BODY_TEMPERATURE',
            value: 38.4,
            recordedAt: new Date().toISOString(),
          },
        },
      );
      const { checkIn } = await setUp<{ checkIn: { id: string } }>(
        'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
        { input: { facilityId: world.facilityId, serviceId: world.serviceId, patientId } },
      );
      other = {
        patientId,
        invoiceId: createInvoice.id,
        labResultId: (await recordLabResult(patientId, 11.1)).recordLabResult.id,
        readingId: recordReading.id,
        queueEntryId: checkIn.id,
      };
    });

    const PERSON = 'givenName familyName displayName mrn birthDate phone email';
    const probes: [string, string, (ids: typeof other) => Record<string, unknown>][] = [
      [
        'patient',
        `query ($id: ID!) { patient(id: $id) { id ${PERSON} balance { amountCents } latestVitals { bodyTemperature } } }`,
        (ids) => ({ id: ids.patientId }),
      ],
      [
        'invoice',
        `query ($id: ID!) { invoice(id: $id) { id amountCents description patient { id ${PERSON} } } }`,
        (ids) => ({ id: ids.invoiceId }),
      ],
      [
        'invoices',
        'query ($p: ID) { invoices(patientId: $p) { totalCount edges { node { id description } } } }',
        (ids) => ({ p: ids.patientId }),
      ],
      [
        'labResult',
        `query ($id: ID!) { labResult(id: $id) { id valueQuantity patient { id ${PERSON} } } }`,
        (ids) => ({ id: ids.labResultId }),
      ],
      [
        'reading',
        `query ($id: ID!) { reading(id: $id) { id value patient { id ${PERSON} } } }`,
        (ids) => ({ id: ids.readingId }),
      ],
      [
        'queueEntry',
        `query ($id: ID!) { queueEntry(id: $id) { id token patient { id ${PERSON} } } }`,
        (ids) => ({ id: ids.queueEntryId }),
      ],
    ];

    it.each(probes)('%s: refused, and nothing of the record comes back', async (field, query, variables) => {
      const body = await post(tokens.get('patient')!, query, variables(other));
      expect(codesOf(body)).toContain('FORBIDDEN');
      expect(body.data?.[field] ?? null).toBeNull();
      const text = JSON.stringify(body);
      for (const value of [...Object.values(OTHER), 'Philippa O.', '38.4', '11.1', 'Other visit']) {
        expect(text).not.toContain(value);
      }
    });

    it('cannot follow their lab results either', async () => {
      const subscription = await subscribe<GraphQLBody>(
        platform.gateway.url,
        { authorization: `Bearer ${tokens.get('patient')}` },
        `subscription ($p: ID!) { labResultAvailable(patientId: $p) { valueQuantity patient { ${PERSON} } } }`,
        { p: other.patientId },
      );
      try {
        const first = await subscription.next();
        expect(codesOf(first)).toContain('FORBIDDEN');
        expect(first.data ?? null).toBeNull();
      } finally {
        await subscription.close();
      }
    });

    it('still reads their own', async () => {
      const body = await post(tokens.get('patient')!, `query ($id: ID!) { patient(id: $id) { id ${PERSON} } }`, {
        id: world.patientId,
      });
      expect(body.errors).toBeUndefined();
      expect(body.data?.patient).toMatchObject({ id: world.patientId, givenName: 'Wren' });
    });
  });
});
