import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { createDurableEvents, EHR_APPOINTMENT_CHANGED, type EhrAppointmentChanged } from '@clinicflow/platform';
import { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { SERVICE_SYSTEM } from '../src/events/ehr-appointment-events';
import type { Appointment as FhirAppointment, Patient as FhirPatient } from '../src/adapters/fhir/fhir-types';
import { patientsSubgraph } from '../src/subgraph';
import { ehrPatient, eventually, MRN_SYSTEM, startTestEhr, type TestEhr } from './support/ehr-sandbox';

const REGISTER = /* GraphQL */ `
  mutation Register($input: PatientRegistration!) {
    registerPatient(input: $input) {
      id
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $changes: PatientChanges!) {
    updatePatient(id: $id, changes: $changes) {
      id
    }
  }
`;
const PATIENT = /* GraphQL */ `
  query Patient($id: ID!) {
    patient(id: $id) {
      givenName
      phone
      email
      ehrLink {
        ehrId
        versionId
      }
    }
  }
`;
const CONFLICTS = /* GraphQL */ `
  query Conflicts($patientId: ID!) {
    syncConflicts(patientId: $patientId, status: OPEN) {
      edges {
        node {
          id
          fields {
            field
            clinicflow
            ehr
            base
          }
        }
      }
    }
  }
`;
const RESOLVE = /* GraphQL */ `
  mutation Resolve($id: ID!, $choices: [FieldChoiceInput!]!) {
    resolveSyncConflict(id: $id, choices: $choices) {
      status
      resolvedBy
      resolution {
        field
        side
      }
    }
  }
`;

interface PatientView {
  givenName: string;
  phone: string | null;
  email: string | null;
  ehrLink: { ehrId: string; versionId: string } | null;
}

const phoneOf = (resource: FhirPatient) => resource.telecom?.find((point) => point.system === 'phone')?.value;
const emailOf = (resource: FhirPatient) => resource.telecom?.find((point) => point.system === 'email')?.value;

describe('EHR sync against the sandbox EHR', () => {
  let ehr: TestEhr;
  let subgraph: TestSubgraph;
  let mrnNumber = 0;

  const call = (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.reception) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);
  const view = async (id: string) => (await call(PATIENT, { id })).data?.patient as PatientView;
  const linked = (id: string) => eventually(async () => (await view(id)).ehrLink ?? undefined);

  /** A patient both in the EHR (by its staff) and registered here with the same MRN. */
  async function sharedPatient(given: string, phone = '+15550100000') {
    mrnNumber += 1;
    const mrn = `MRN-S${mrnNumber}`;
    const record = await ehr.sandbox.records.create(ehrPatient(mrn, given, 'Shared', '1990-01-01', phone));
    const registered = await call(REGISTER, {
      input: { mrn, givenName: given, familyName: 'Shared', birthDate: '1990-01-01', phone },
    });
    const id = (registered.data?.registerPatient as { id: string }).id;
    await linked(id);
    return { id, ehrId: record.id };
  }

  beforeAll(async () => {
    ehr = await startTestEhr();
    subgraph = await startTestSubgraph(patientsSubgraph, { environment: ehr.environment });
  });
  afterAll(async () => {
    await subgraph.stop();
    await ehr.sandbox.close();
  });
  afterEach(() => ehr.sandbox.faults.reset());

  it('matches new patients by MRN in one search, or by name and birth date, and takes the EHR details', async () => {
    const byName = await ehr.sandbox.records.create({
      resourceType: 'Patient',
      name: [{ given: ['Grace'], family: 'Hopper' }],
      birthDate: '1906-12-09',
      telecom: [{ system: 'email', value: 'grace@example.org' }],
    });
    const registered = await call(REGISTER, {
      input: { mrn: 'MRN-H1', givenName: 'Grace', familyName: 'Hopper', birthDate: '1906-12-09' },
    });
    const id = (registered.data?.registerPatient as { id: string }).id;
    const link = await linked(id);
    expect(link.ehrId).toBe(byName.id);
    expect((await view(id)).email).toBe('grace@example.org');
  });

  it('batches EHR lookups of many patients into one FHIR search', async () => {
    const patients = [await sharedPatient('Ann'), await sharedPatient('Bea'), await sharedPatient('Cy')];
    for (const [index, patient] of patients.entries()) {
      await ehr.sandbox.records.create({
        resourceType: 'AllergyIntolerance',
        patient: { reference: `Patient/${patient.ehrId}` },
        code: { text: `Allergen ${index}` },
      });
    }
    const before = ehr.sandbox.requests.length;
    const answer = await call(
      `{ patients(search: "shared") { edges { node { givenName ehrAllergies { substance } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const nodes = (answer.data?.patients as { edges: { node: { ehrAllergies: unknown[] } }[] }).edges;
    expect(nodes.map((edge) => edge.node.ehrAllergies)).toEqual([
      [{ substance: 'Allergen 0' }],
      [{ substance: 'Allergen 1' }],
      [{ substance: 'Allergen 2' }],
    ]);
    const allergySearches = ehr.sandbox.requests
      .slice(before)
      .filter((request) => request.path.startsWith('/AllergyIntolerance'));
    expect(allergySearches).toHaveLength(1);
  });

  it('shows an EHR change in the graph, and sends ours to the EHR once, without echoes', async () => {
    const { id, ehrId } = await sharedPatient('Dee');
    await ehr.sandbox.records.change<FhirPatient>('Patient', ehrId, (record) => ({
      ...record,
      telecom: [{ system: 'phone', value: '+15550199999', use: 'mobile' }],
    }));
    await eventually(async () => ((await view(id)).phone === '+15550199999' ? true : undefined));

    await call(UPDATE, { id, changes: { email: 'dee@example.org' } });
    await eventually(async () =>
      emailOf(await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId)) ? true : undefined,
    );
    const record = await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId);
    expect(emailOf(record)).toBe('dee@example.org');
    expect(phoneOf(record)).toBe('+15550199999');

    // Several polls later: our write came back as our own version and changed nothing on either side.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const versions = await ehr.sandbox.records.history<FhirPatient>('Patient', ehrId);
    expect(versions).toHaveLength(3);
    expect((await view(id)).ehrLink?.versionId).toBe(versions[0]!.meta?.versionId);
    const conflicts = await call(CONFLICTS, { patientId: id });
    expect(conflicts.data?.syncConflicts).toEqual({ edges: [] });
  });

  it('never brings an erased patient back: the link goes, and later EHR versions change nothing', async () => {
    const { id, ehrId } = await sharedPatient('Eve', '+15550123456');
    const erased = await call(
      'mutation ($id: ID!) { erasePatient(id: $id, reason: "Art. 17 request") { id } }',
      { id },
      callers.admin,
    );
    expect(erased.errors).toBeUndefined();
    await ehr.sandbox.records.change<FhirPatient>('Patient', ehrId, (record) => ({
      ...record,
      name: [{ given: ['Evelyn'], family: 'Shared' }],
      telecom: [{ system: 'phone', value: '+15550123457', use: 'mobile' }],
    }));
    // Several polls: the record is neither applied, nor linked again by MRN or demographics.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await view(id)).toEqual({ givenName: 'Erased', phone: null, email: null, ehrLink: null });

    // The polls that read (and linked) the patient before the erasure did so as a system actor.
    const sql = new Client({ connectionString: subgraph.testDatabase.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        "SELECT DISTINCT role, action, entity_type FROM audit.event WHERE patient_id = $1 AND subject = 'system:patients.ehr-poll'",
        [id],
      );
      expect(rows).toContainEqual({ role: 'system', action: 'READ', entity_type: 'Patient' });
    } finally {
      await sql.end();
    }
  });

  it('raises a conflict with both versions when both sides changed, overwrites nothing, and resolves it field by field', async () => {
    const { id, ehrId } = await sharedPatient('Eve', '+15550100005');
    ehr.sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    await ehr.sandbox.records.change<FhirPatient>('Patient', ehrId, (record) => ({
      ...record,
      telecom: [
        { system: 'phone', value: '+15550111111', use: 'mobile' },
        { system: 'email', value: 'eve@ehr.example' },
      ],
    }));
    await call(UPDATE, { id, changes: { phone: '+15550122222', email: 'eve@clinicflow.example' } });
    ehr.sandbox.faults.reset();

    const conflict = await eventually(async () => {
      const edges = ((await call(CONFLICTS, { patientId: id })).data?.syncConflicts as { edges: { node: unknown }[] })
        .edges;
      return edges[0]?.node as { id: string; fields: unknown[] } | undefined;
    });
    expect(conflict.fields).toEqual([
      { field: 'PHONE', clinicflow: '+15550122222', ehr: '+15550111111', base: '+15550100005' },
      { field: 'EMAIL', clinicflow: 'eve@clinicflow.example', ehr: 'eve@ehr.example', base: null },
    ]);
    // Nothing was overwritten on either side.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await view(id)).toMatchObject({ phone: '+15550122222', email: 'eve@clinicflow.example' });
    const untouched = await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId);
    expect([phoneOf(untouched), emailOf(untouched)]).toEqual(['+15550111111', 'eve@ehr.example']);

    const incomplete = await call(
      RESOLVE,
      { id: conflict.id, choices: [{ field: 'PHONE', side: 'EHR' }] },
      callers.admin,
    );
    expect(incomplete.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const clinician = await call(RESOLVE, { id: conflict.id, choices: [] }, callers.clinician);
    expect(clinician.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const resolved = await call(
      RESOLVE,
      {
        id: conflict.id,
        choices: [
          { field: 'PHONE', side: 'EHR' },
          { field: 'EMAIL', side: 'CLINICFLOW' },
        ],
      },
      callers.admin,
    );
    expect(resolved.data?.resolveSyncConflict).toEqual({
      status: 'RESOLVED',
      resolvedBy: callers.admin.subject,
      resolution: [
        { field: 'PHONE', side: 'EHR' },
        { field: 'EMAIL', side: 'CLINICFLOW' },
      ],
    });
    expect(await view(id)).toMatchObject({ phone: '+15550111111', email: 'eve@clinicflow.example' });
    await eventually(async () =>
      emailOf(await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId)) === 'eve@clinicflow.example'
        ? true
        : undefined,
    );
    expect(phoneOf(await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId))).toBe('+15550111111');

    const again = await call(RESOLVE, { id: conflict.id, choices: [] }, callers.admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const audit = new Client({ connectionString: subgraph.testDatabase.url });
    await audit.connect();
    try {
      const { rows } = await audit.query(
        `SELECT subject, action FROM audit.event WHERE patient_id = $1 AND entity_type = 'SyncConflict' AND action = 'CHANGE'`,
        [id],
      );
      // The resolution is in the audit log under the admin who chose (the sync's own changes under its consumer).
      expect(rows).toContainEqual({ subject: callers.admin.subject, action: 'CHANGE' });
    } finally {
      await audit.end();
    }
  });

  it('keeps working while the EHR is down and sends the pending writes in order when it returns', async () => {
    const { id, ehrId } = await sharedPatient('Fay', '+15550100006');
    ehr.sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    for (const phone of ['+15550100061', '+15550100062', '+15550100063']) {
      const answer = await call(UPDATE, { id, changes: { phone } });
      expect(answer.errors).toBeUndefined();
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await ehr.sandbox.records.history<FhirPatient>('Patient', ehrId)).toHaveLength(1);

    ehr.sandbox.faults.reset();
    await eventually(async () =>
      phoneOf(await ehr.sandbox.records.read<FhirPatient>('Patient', ehrId)) === '+15550100063' ? true : undefined,
    );
    const phones = (await ehr.sandbox.records.history<FhirPatient>('Patient', ehrId)).map(phoneOf).reverse();
    expect(phones).toEqual(['+15550100006', '+15550100061', '+15550100062', '+15550100063']);
    expect((await view(id)).phone).toBe('+15550100063');
  });
});

describe('EHR appointments from the sync poller', () => {
  const QUEUE = 'test.ehr-appointments';
  let ehr: TestEhr;
  let subgraph: TestSubgraph;
  let boss: PgBoss;

  beforeAll(async () => {
    ehr = await startTestEhr();
    subgraph = await startTestSubgraph(patientsSubgraph, { environment: ehr.environment });
    // A consumer of the event, as the queue subgraph is in the running platform.
    boss = createDurableEvents(subgraph.testDatabase.url);
    await boss.start();
    await boss.createQueue(QUEUE, { name: QUEUE });
    await boss.subscribe(EHR_APPOINTMENT_CHANGED.name, QUEUE);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await subgraph.stop();
    await ehr.sandbox.close();
  });

  const received = () =>
    eventually(async () => {
      const [job] = await boss.fetch<{ data: EhrAppointmentChanged }>(QUEUE);
      return job?.data.data;
    });

  it('publishes each booked or cancelled EHR appointment of a linked patient as a durable event', async () => {
    const record = await ehr.sandbox.records.create(ehrPatient('MRN-AP1', 'Ida', 'Booked', '1980-05-05'));
    const registered = await callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, callers.reception, REGISTER, {
      input: { mrn: 'MRN-AP1', givenName: 'Ida', familyName: 'Booked', birthDate: '1980-05-05' },
    });
    const patientId = (registered.data?.registerPatient as { id: string }).id;
    const serviceId = '6f1c1a52-2d5e-4a4f-9d0e-0c6c2b0d5a11';
    const appointment = await ehr.sandbox.records.create<FhirAppointment>({
      resourceType: 'Appointment',
      status: 'booked',
      start: '2026-03-02T15:00:00.000Z',
      serviceType: [{ coding: [{ system: SERVICE_SYSTEM, code: serviceId }] }],
      participant: [{ actor: { reference: `Patient/${record.id}` }, status: 'accepted' }],
    });
    expect(await received()).toMatchObject({
      ehrAppointmentId: appointment.id,
      patientId,
      serviceId,
      status: 'booked',
      startsAt: '2026-03-02T15:00:00.000Z',
    });

    await ehr.sandbox.records.change<FhirAppointment>('Appointment', appointment.id, (current) => ({
      ...current,
      status: 'cancelled',
      cancelationReason: { text: 'Patient called' },
    }));
    expect(await received()).toMatchObject({
      ehrAppointmentId: appointment.id,
      status: 'cancelled',
      cancelReason: 'Patient called',
    });
  });
});

describe('EHR sync with the facility setting that creates unmatched patients in the EHR', () => {
  let ehr: TestEhr;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    // This EHR client signs with an ES384 key given as PEM, the other accepted key form.
    ehr = await startTestEhr({ pem: true, environment: { EHR_CREATE_PATIENTS: 'true' } });
    subgraph = await startTestSubgraph(patientsSubgraph, { environment: ehr.environment });
  });
  afterAll(async () => {
    await subgraph.stop();
    await ehr.sandbox.close();
  });

  it('creates a patient the EHR does not know, with our MRN and details, and links them', async () => {
    const registered = await callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, callers.reception, REGISTER, {
      input: {
        mrn: 'MRN-NEW1',
        givenName: 'Nia',
        familyName: 'Newcomer',
        birthDate: '2001-02-03',
        phone: '+15550100077',
      },
    });
    const id = (registered.data?.registerPatient as { id: string }).id;
    const link = await eventually(async () => {
      const answer = await callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, callers.reception, PATIENT, { id });
      return (answer.data?.patient as PatientView).ehrLink ?? undefined;
    });
    const record = await ehr.sandbox.records.read<FhirPatient>('Patient', link.ehrId);
    expect(record.identifier).toEqual([{ system: MRN_SYSTEM, value: 'MRN-NEW1' }]);
    expect(record.name?.[0]).toMatchObject({ given: ['Nia'], family: 'Newcomer' });
    expect([record.birthDate, phoneOf(record)]).toEqual(['2001-02-03', '+15550100077']);
  });
});
