import { seedDemoClinic } from '@clinicflow/embedded';
import type {
  Appointment,
  Bundle,
  CapabilityStatement,
  Encounter,
  MedicationRequest,
  Observation,
  OperationOutcome,
  Patient,
  Resource,
} from '@medplum/fhirtypes' with { 'resolution-mode': 'import' };
import { startTestPlatform, type TestPlatform } from '../src';
import { fhirClient, resourcesOf } from './support/fhir-client';
import { validationErrors } from './support/fhir-validation';

const MRN_SYSTEM = 'urn:clinicflow:fhir:sid:mrn';
/** The patient a record is about: its subject, or a coverage's beneficiary. */
const subjectOf = (resource: Resource): string | undefined => {
  const about = 'subject' in resource ? resource.subject : 'beneficiary' in resource ? resource.beneficiary : undefined;
  return (about as { reference?: string } | undefined)?.reference;
};

/**
 * The FHIR R4 API on the gateway, against the demo clinic seeded through the API: every resource it
 * emits validates with two independent validators; search, paging, errors and authorization behave as
 * the CapabilityStatement says; the export is audited.
 */
describe('FHIR API', () => {
  let platform: TestPlatform;
  let fhir: ReturnType<typeof fhirClient>;
  let admin: string;
  let patients: Patient[];
  /** A demo patient with lab results, vitals, a visit booked as an appointment and three prescriptions. */
  let patientId: string;
  /** The patient's prescriptions: active and ready for pickup, active, cancelled. */
  let prescriptionIds: string[];

  const graphql = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    platform = await startTestPlatform('fhirapi');
    fhir = fhirClient(platform.gateway.url.replace(/\/graphql$/, '/fhir/R4'));
    admin = await platform.token('admin');
    await seedDemoClinic(platform.gateway.url, admin);
    patients = resourcesOf(await fhir.allPages('/Patient?_count=500', admin)) as Patient[];
    // The first registered demo patient queued first at the first facility: lab result and vitals.
    patientId = patients.find((patient) => patient.identifier?.[0]?.value === 'DEMO-0001')!.id!;
    const { facilities } = await graphql<{ facilities: { id: string; services: { id: string }[] }[] }>(
      admin,
      '{ facilities { id services { id } } }',
    );
    const { bookAppointment } = await graphql<{ bookAppointment: { id: string } }>(
      admin,
      'mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }',
      { input: { serviceId: facilities[0]!.services[1]!.id, patientId, startsAt: new Date().toISOString() } },
    );
    await graphql(admin, 'mutation($input: CheckInInput!) { checkIn(input: $input) { id } }', {
      input: { facilityId: facilities[0]!.id, appointmentId: bookAppointment.id },
    });
    await graphql(admin, 'mutation($input: CoverageInput!) { addCoverage(input: $input) { id } }', {
      input: { patientId, payer: 'Aetna', memberId: 'W123456789' },
    });
    const clinician = await platform.token('clinician');
    prescriptionIds = [];
    for (const [rxnormCode, medicationDisplay] of [
      ['197361', 'Amlodipine 5 MG Oral Tablet'],
      ['860975', 'Metformin hydrochloride 500 MG Extended Release Oral Tablet'],
      ['314076', 'Lisinopril 10 MG Oral Tablet'],
    ]) {
      const { prescribe } = await graphql<{ prescribe: { id: string } }>(
        clinician,
        'mutation($input: PrescribeInput!) { prescribe(input: $input) { id } }',
        {
          input: {
            patientId,
            rxnormCode,
            medicationDisplay,
            dosageText: 'One tablet by mouth once a day',
            quantity: 30,
          },
        },
      );
      prescriptionIds.push(prescribe.id);
    }
    await graphql(clinician, 'mutation($id: ID!) { markMedicationReady(id: $id) { id } }', { id: prescriptionIds[0] });
    await graphql(clinician, 'mutation($id: ID!) { cancelPrescription(id: $id) { id } }', { id: prescriptionIds[2] });
  });
  afterAll(() => platform?.stop());

  it('serves its CapabilityStatement without a token, and it validates', async () => {
    const { status, contentType, body } = await fhir.get<CapabilityStatement>('/metadata');
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/fhir\+json/);
    expect(validationErrors(body)).toEqual([]);
    expect(body.rest?.[0]?.resource?.map((resource) => resource.type)).toEqual([
      'Patient',
      'Appointment',
      'Encounter',
      'Observation',
      'DiagnosticReport',
      'MedicationRequest',
      'Coverage',
    ]);
    const coverage = body.rest?.[0]?.resource?.find((resource) => resource.type === 'Coverage');
    expect(coverage?.interaction?.map((interaction) => interaction.code)).toEqual(['read', 'search-type']);
  });

  it('refuses everything else without a valid token, as an OperationOutcome', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const { status, body } = await fhir.get<OperationOutcome>(`/Patient/${patientId}`, token);
      expect(status).toBe(401);
      expect(validationErrors(body)).toEqual([]);
      expect(body.issue[0]?.code).toBe('login');
    }
  });

  it('emits only resources that validate: every patient of the demo clinic and all of their records', async () => {
    expect(patients).toHaveLength(50);
    const emitted: Resource[] = [...patients];
    for (const patient of patients) {
      const { status, body } = await fhir.get<Bundle>(`/Patient/${patient.id}/$everything`, admin);
      expect(status).toBe(200);
      emitted.push(body, ...resourcesOf([body]));
    }
    const labs = await fhir.allPages(`/Observation?patient=${patientId}&category=laboratory`, admin);
    const reports = await fhir.allPages(`/DiagnosticReport?patient=Patient/${patientId}`, admin);
    const visits = await fhir.allPages(`/Encounter?patient=${patientId}`, admin);
    const appointments = await fhir.allPages(`/Appointment?patient=${patientId}`, admin);
    const coverages = await fhir.allPages(`/Coverage?patient=${patientId}`, admin);
    const medications = await fhir.allPages(`/MedicationRequest?patient=${patientId}`, admin);
    expect(resourcesOf(coverages)).toHaveLength(1);
    expect(resourcesOf(medications)).toHaveLength(3);
    emitted.push(...labs, ...reports, ...visits, ...appointments, ...coverages, ...medications);
    for (const resource of resourcesOf([...labs, ...reports, ...visits, ...medications, ...coverages])) {
      const { status, body } = await fhir.get<Resource>(`/${resource.resourceType}/${resource.id}`, admin);
      expect(status).toBe(200);
      expect(body).toEqual(resource);
      emitted.push(body);
    }
    const kinds = new Set(
      emitted.map((resource) =>
        resource.resourceType === 'Observation'
          ? `Observation:${(resource as Observation).category?.[0]?.coding?.[0]?.code}`
          : resource.resourceType,
      ),
    );
    expect([...kinds].sort()).toEqual([
      'Appointment',
      'Bundle',
      'Coverage',
      'DiagnosticReport',
      'Encounter',
      'MedicationRequest',
      'Observation:laboratory',
      'Observation:vital-signs',
      'Patient',
    ]);
    const invalid = emitted
      .map((resource) => ({ id: `${resource.resourceType}/${resource.id}`, errors: validationErrors(resource) }))
      .filter(({ errors }) => errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('codes vitals in LOINC with UCUM units and the R4 vital-signs profiles', async () => {
    const [page] = await fhir.allPages(
      `/Observation?patient=${patientId}&category=vital-signs&code=http://loinc.org|8867-4`,
      admin,
    );
    const heartRates = resourcesOf([page!]) as Observation[];
    expect(heartRates.length).toBeGreaterThan(0);
    for (const observation of heartRates) {
      expect(observation.code.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '8867-4' });
      expect(observation.valueQuantity).toMatchObject({ system: 'http://unitsofmeasure.org', code: '/min' });
      expect(observation.meta?.profile).toEqual(['http://hl7.org/fhir/StructureDefinition/heartrate']);
    }
    expect(page!.total).toBe(heartRates.length);
  });

  it('searches patients by MRN, name and birth date, and pages with next links', async () => {
    const target = patients.find((patient) => patient.id === patientId)!;
    const byMrn = resourcesOf(await fhir.allPages(`/Patient?identifier=${MRN_SYSTEM}|DEMO-0001`, admin));
    expect(byMrn.map((patient) => patient.id)).toEqual([patientId]);
    expect(resourcesOf(await fhir.allPages('/Patient?identifier=urn:other|DEMO-0001', admin))).toEqual([]);
    const family = target.name![0]!.family!;
    const byName = resourcesOf(await fhir.allPages(`/Patient?name=${family.slice(0, 3)}`, admin)) as Patient[];
    expect(byName.map((patient) => patient.id)).toContain(patientId);
    for (const patient of byName) {
      const parts = [patient.name![0]!.family!, ...patient.name![0]!.given!].map((part) => part.toLowerCase());
      expect(parts.some((part) => part.startsWith(family.slice(0, 3).toLowerCase()))).toBe(true);
    }
    const byBirth = resourcesOf(
      await fhir.allPages(`/Patient?name=${family}&birthdate=${target.birthDate}`, admin),
    ) as Patient[];
    expect(byBirth.map((patient) => patient.id)).toContain(patientId);
    expect(byBirth.every((patient) => patient.birthDate === target.birthDate)).toBe(true);
    const after = resourcesOf(await fhir.allPages(`/Patient?name=${family}&birthdate=gt${target.birthDate}`, admin));
    expect(after.map((patient) => patient.id)).not.toContain(patientId);

    const pages = await fhir.allPages('/Patient?_count=7', admin);
    expect(pages).toHaveLength(8);
    expect(pages[0]!.total).toBe(50);
    expect(new Set(resourcesOf(pages).map((patient) => patient.id)).size).toBe(50);
  });

  it("searches a patient's visits and appointments by date and status, a page at a time", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const pages = await fhir.allPages(`/Encounter?patient=${patientId}&_count=1`, admin);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.total).toBe(2);
    const visits = resourcesOf(pages) as Encounter[];
    expect(new Set(visits.map((visit) => visit.id)).size).toBe(2);
    const count = async (query: string) => resourcesOf(await fhir.allPages(`${query}`, admin)).length;
    expect(await count(`/Encounter?patient=${patientId}&status=arrived&date=${today}`)).toBe(2);
    expect(await count(`/Encounter?patient=${patientId}&status=finished`)).toBe(0);
    expect(await count(`/Encounter?patient=${patientId}&date=lt2000-01-01`)).toBe(0);
    const [appointment] = resourcesOf(await fhir.allPages(`/Appointment?patient=${patientId}`, admin)) as Appointment[];
    expect(appointment).toMatchObject({
      status: 'checked-in',
      participant: [{ actor: { reference: `Patient/${patientId}` } }],
    });
    expect(await count(`/Appointment?patient=${patientId}&status=cancelled`)).toBe(0);
    const read = await fhir.get<Appointment>(`/Appointment/${appointment!.id}`, admin);
    expect(read).toMatchObject({ status: 200, body: appointment });
    expect(validationErrors(read.body)).toEqual([]);
  });

  it('serves prescriptions as MedicationRequests coded in RxNorm, searched by status, and in the export', async () => {
    const read = await fhir.get<MedicationRequest>(`/MedicationRequest/${prescriptionIds[0]}`, admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: {
        coding: [
          {
            system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
            code: '197361',
            display: 'Amlodipine 5 MG Oral Tablet',
          },
        ],
      },
      subject: { reference: `Patient/${patientId}` },
      dosageInstruction: [{ text: 'One tablet by mouth once a day' }],
      dispenseRequest: { quantity: { value: 30 } },
    });
    const ids = async (query: string) => {
      const pages = await fhir.allPages(`/MedicationRequest?patient=${patientId}${query}`, admin);
      return { ids: resourcesOf(pages).map((resource) => resource.id), total: pages[0]!.total };
    };
    expect(await ids('&status=active')).toEqual({ ids: [prescriptionIds[1], prescriptionIds[0]], total: 2 });
    expect(await ids('&status=cancelled,completed')).toEqual({ ids: [prescriptionIds[2]], total: 1 });
    expect(await ids('&status=active&status=cancelled')).toEqual({ ids: [], total: 0 });
    const paged = await fhir.allPages(`/MedicationRequest?patient=${patientId}&_count=2`, admin);
    expect(paged.map((page) => resourcesOf([page]).length)).toEqual([2, 1]);
    const refused = await fhir.get<OperationOutcome>(`/MedicationRequest?patient=${patientId}&status=draft`, admin);
    expect(refused.status).toBe(400);
    expect(refused.body.issue[0]?.diagnostics).toMatch(/status must be one of active/);

    const { body } = await fhir.get<Bundle>(`/Patient/${patientId}/$everything`, admin);
    const exported = resourcesOf([body]).filter((resource) => resource.resourceType === 'MedicationRequest');
    expect(exported.map((resource) => resource.id).sort()).toEqual([...prescriptionIds].sort());
    // Reception reads no prescriptions, in the FHIR API as in the graph.
    const reception = await platform.token('reception');
    expect((await fhir.get(`/MedicationRequest/${prescriptionIds[0]}`, reception)).status).toBe(403);
  });

  it('pages observations from the lab results on to the vitals', async () => {
    const pages = await fhir.allPages(`/Observation?patient=${patientId}&_count=1`, admin);
    const categories = resourcesOf(pages).map((resource) => (resource as Observation).category?.[0]?.coding?.[0]?.code);
    expect(categories[0]).toBe('laboratory');
    expect(categories.at(-1)).toBe('vital-signs');
    expect(categories.indexOf('vital-signs')).toBe(categories.lastIndexOf('laboratory') + 1);
  });

  it('refuses what it does not support with a 400 or 404 OperationOutcome naming it', async () => {
    const refusals: [string, number, RegExp][] = [
      ['/Patient?gender=female', 400, /Unknown search parameter 'gender'/],
      [`/Patient/${patientId}?_elements=id`, 400, /Unknown parameter '_elements'/],
      [`/Patient/${patientId}/$everything?_since=2026-01-01`, 400, /Unknown parameter '_since'/],
      ['/Patient?name:exact=Smith', 400, /modifiers/],
      ['/Patient?_count=0', 400, /_count/],
      ['/Patient?birthdate=yesterday', 400, /Not a FHIR date/],
      ['/Patient?_cursor=bm90LWEtY3Vyc29y', 400, /cursor/i],
      [`/Observation?patient=${patientId}&_cursor=bm90LWEtY3Vyc29y`, 400, /_cursor/],
      ['/Observation?category=laboratory', 400, /needs the patient parameter/],
      ['/Observation/12345', 404, /No Observation/],
      [`/Patient/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 404, /./],
      ['/Medication/1', 404, /no resource type/],
      [`/Appointment/${patientId}`, 404, /Appointment .* was not found|not found/i],
      [`/Coverage/${patientId}`, 404, /Coverage .* was not found/],
      ['/Coverage/not-a-coverage-id', 404, /Coverage .* was not found/],
    ];
    for (const [path, status, diagnostics] of refusals) {
      const response = await fhir.get<OperationOutcome>(path, admin);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.body.resourceType).toBe('OperationOutcome');
      expect(response.body.issue[0]?.diagnostics).toMatch(diagnostics);
    }
  });

  it('lets a patient read their own records and nobody else’s', async () => {
    const other = patients.find((patient) => patient.id !== patientId)!.id!;
    const token = await platform.token('patient', { patientId });
    expect(await fhir.get(`/Patient/${patientId}`, token)).toMatchObject({ status: 200 });
    const [coverage] = resourcesOf(await fhir.allPages(`/Coverage?patient=${patientId}`, admin));
    expect(await fhir.get(`/Coverage/${coverage!.id}`, token)).toMatchObject({ status: 200, body: coverage });
    const otherToken = await platform.token('patient', { patientId: other });
    const theirs = await fhir.get<OperationOutcome>(`/Coverage/${coverage!.id}`, otherToken);
    expect(theirs.status).toBe(403);
    expect(JSON.stringify(theirs.body)).not.toContain('W123456789');
    expect(resourcesOf(await fhir.allPages(`/Patient?_id=${patientId}`, token))).toHaveLength(1);
    const everything = await fhir.get<Bundle>(`/Patient/${patientId}/$everything`, token);
    expect(everything.status).toBe(200);
    const types = new Set<string>();
    for (const resource of resourcesOf([everything.body])) {
      types.add(resource.resourceType);
      if (resource.resourceType === 'Patient') expect(resource.id).toBe(patientId);
      else if (resource.resourceType === 'OperationOutcome') {
        // Appointments are for staff: the export says it left them out.
        expect(resource.issue[0]).toMatchObject({
          severity: 'warning',
          diagnostics: expect.stringMatching(/appointments$/),
        });
      } else expect(subjectOf(resource)).toBe(`Patient/${patientId}`);
    }
    expect([...types].sort()).toEqual([
      'Coverage',
      'DiagnosticReport',
      'Encounter',
      'MedicationRequest',
      'Observation',
      'OperationOutcome',
      'Patient',
    ]);
    for (const path of [
      `/Patient/${other}`,
      `/Patient/${other}/$everything`,
      `/Observation?patient=${other}`,
      `/DiagnosticReport?patient=${other}`,
      `/Encounter?patient=${other}`,
      `/MedicationRequest?patient=${other}`,
    ]) {
      const { status, body } = await fhir.get<OperationOutcome>(path, token);
      expect({ path, status }).toEqual({ path, status: 403 });
      expect(body.issue[0]?.code).toBe('forbidden');
      expect(JSON.stringify(body)).not.toContain(other);
    }
  });

  it('refuses the display and compliance roles, and holds a third-party app to its scopes, by token or API key', async () => {
    for (const role of ['display', 'compliance'] as const) {
      const { status } = await fhir.get(`/Patient/${patientId}`, await platform.token(role));
      expect(status).toBe(403);
    }
    const app = await platform.token('reception', { scopes: ['patients:read'], clientId: 'fhir-e2e-app' });
    expect(await fhir.get(`/Patient/${patientId}`, app)).toMatchObject({ status: 200 });
    expect((await fhir.get(`/Encounter?patient=${patientId}`, app)).status).toBe(403);

    // The same app with an API key, as /graphql takes it.
    const { createApiCredential } = await graphql<{ createApiCredential: { secret: string } }>(
      admin,
      'mutation ($input: ApiCredentialInput!) { createApiCredential(input: $input) { secret } }',
      { input: { name: 'FHIR e2e app', kind: 'API_KEY', role: 'RECEPTION', scopes: ['patients:read'] } },
    );
    const withKey = async (path: string, headers: Record<string, string>) =>
      (await fetch(`${platform.gateway.url.replace(/\/graphql$/, '/fhir/R4')}${path}`, { headers })).status;
    const key = createApiCredential.secret;
    expect(await withKey(`/Patient/${patientId}`, { authorization: `ApiKey ${key}` })).toBe(200);
    expect(await withKey(`/Patient/${patientId}`, { 'x-api-key': key })).toBe(200);
    expect(await withKey(`/Encounter?patient=${patientId}`, { 'x-api-key': key })).toBe(403);
    expect(await withKey(`/Patient/${patientId}`, { 'x-api-key': `${key}x` })).toBe(401);
  });

  it("is read-only, and counts its requests against the caller's rate limit like /graphql", async () => {
    const post = await fetch(`${platform.gateway.url.replace(/\/graphql$/, '/fhir/R4')}/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(post.status).toBe(405);
    expect(((await post.json()) as OperationOutcome).issue[0]?.code).toBe('not-supported');

    const limited = await platform.startGateway({ rateLimit: { points: 3, durationSeconds: 60 } });
    const limitedFhir = fhirClient(limited.url.replace(/\/graphql$/, '/fhir/R4'));
    const token = await platform.token('clinician', { subject: 'fhir-rate-limited' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await limitedFhir.get(`/Patient/${patientId}`, token)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await limitedFhir.get<OperationOutcome>(`/Patient/${patientId}`, token);
    expect(refused.body.issue[0]?.code).toBe('throttled');
    expect((await limitedFhir.get('/metadata')).status).toBe(200);
  });

  it('records each part of an export in the audit log under the export operations', async () => {
    const clinician = await platform.token('clinician');
    const { status, body } = await fhir.get<Bundle>(`/Patient/${patientId}/$everything`, clinician);
    expect(status).toBe(200);
    // Insurance is for the desks that bill: a clinician's export leaves it out, and says so.
    const outcome = resourcesOf([body]).find((resource) => resource.resourceType === 'OperationOutcome');
    expect((outcome as OperationOutcome | undefined)?.issue[0]?.diagnostics).toMatch(/insurance coverage$/);
    expect(resourcesOf([body]).some((resource) => resource.resourceType === 'Coverage')).toBe(false);
    const { auditEvents } = await graphql<{
      auditEvents: { edges: { node: { subject: string; entityType: string; operationName: string | null } }[] };
    }>(
      await platform.token('compliance'),
      'query($p: ID!) { auditEvents(patientId: $p, subject: "e2e-clinician", first: 100) { edges { node { subject entityType operationName } } } }',
      { p: patientId },
    );
    const exported = auditEvents.edges
      .map(({ node }) => node)
      .filter((event) => event.operationName?.startsWith('FhirExport'));
    expect(new Set(exported.map((event) => event.entityType))).toEqual(
      new Set(['Patient', 'QueueEntry', 'Appointment', 'LabResult', 'Reading', 'Prescription']),
    );
  });

  it('exports every page of a history longer than one page', async () => {
    const clinician = await platform.token('clinician');
    const { registerPatient } = await graphql<{ registerPatient: { id: string } }>(
      admin,
      'mutation($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
      { input: { mrn: 'FHIR-LONG-1', givenName: 'Long', familyName: 'History', birthDate: '1950-05-05' } },
    );
    const record = (index: number) =>
      graphql(clinician, 'mutation($input: LabResultInput!) { recordLabResult(input: $input) { id } }', {
        input: {
          patientId: registerPatient.id,
          loincCode: '2345-7',
          display: 'Glucose [Mass/volume] in Serum or Plasma',
          valueQuantity: 90,
          unit: 'mg/dL',
          issuedAt: new Date(Date.now() - index * 1000).toISOString(),
        },
      });
    const results = 501; // one more than a page of the graph
    for (let start = 0; start < results; start += 20) {
      await Promise.all(Array.from({ length: Math.min(20, results - start) }, (_, offset) => record(start + offset)));
    }
    const { status, body } = await fhir.get<Bundle>(`/Patient/${registerPatient.id}/$everything`, clinician);
    expect(status).toBe(200);
    const ids = resourcesOf([body])
      .filter((resource) => resource.resourceType === 'DiagnosticReport')
      .map((resource) => resource.id);
    expect(new Set(ids).size).toBe(results);
  });

  it('answers a search of many patients with the same SQL in each subgraph, whatever the page size', async () => {
    const statementsFor = async (count: number) => {
      const counters = [...platform.subgraphs].map(([name, running]) => [name, running.database.counter] as const);
      const before = counters.map(([, counter]) => counter.statements);
      const { body } = await fhir.get<Bundle>(`/Patient?_count=${count}`, admin);
      expect(body.entry).toHaveLength(count);
      return Object.fromEntries(counters.map(([name, counter], index) => [name, counter.statements - before[index]!]));
    };
    const few = await statementsFor(5);
    expect(await statementsFor(50)).toEqual(few);
    expect(Object.values(few).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(2);
  });

  it('refuses an export while a subgraph is down rather than leave its part out', async () => {
    await platform.stopSubgraph('devices');
    try {
      const { status, body } = await fhir.get<OperationOutcome>(`/Patient/${patientId}/$everything`, admin);
      expect(status).toBe(503);
      expect(body.issue[0]?.code).toBe('transient');
    } finally {
      await platform.restartSubgraph('devices');
    }
    expect((await fhir.get(`/Patient/${patientId}/$everything`, admin)).status).toBe(200);
  });
});
