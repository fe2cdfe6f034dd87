import type { Role } from '@clinicflow/platform';

/**
 * Who may run each root field of the API schema, declared as data: for every field of Query,
 * Mutation and Subscription, the roles allowed (every other role must be refused with FORBIDDEN
 * and get none of its data). `e2e/test/authorization-matrix.e2e.test.ts` runs every entry through
 * the gateway for every role, and fails when the schema has a root field this file does not list:
 * a new operation is added here with its rule, or the test does not pass.
 *
 * The rules themselves live in the subgraphs (`@Authorized`, `assertOwnPatient`, `assertFacility`);
 * this is the independent statement of what they must add up to.
 */

export const ALL_ROLES: readonly Role[] = [
  'patient',
  'reception',
  'clinician',
  'billing',
  'admin',
  'display',
  'compliance',
];

const STAFF: readonly Role[] = ['reception', 'clinician', 'billing', 'admin'];
const QUEUE_OPERATORS: readonly Role[] = ['reception', 'clinician', 'admin'];
const BOOKERS: readonly Role[] = ['reception', 'admin'];

/**
 * The records the matrix runs against. The patient token belongs to `patientId`, and the records
 * named here are that patient's; the display token is scoped to `facilityId`.
 */
export interface MatrixWorld {
  patientId: string;
  facilityId: string;
  serviceId: string;
  /** A service the patient has not queued for yet, for the patient's own check-in. */
  spareServiceId: string;
  invoiceId: string;
  labResultId: string;
  deviceId: string;
  readingId: string;
  queueEntryId: string;
  /** A room at the facility, for calls. */
  servicePointId: string;
  /** A new patient, for operations that may run once per patient (check-in). */
  newPatient(): Promise<string>;
  /** A new open invoice of the patient, for operations that close one. */
  openInvoice(): Promise<string>;
  /** A new device assigned to the patient, for a reading. */
  assignedDevice(): Promise<string>;
  /** A new lab result of the patient (an event for those who follow them). */
  newLabResult(): Promise<string>;
  /** A new patient's queue entry, alone in a new service, moved to this status. */
  entryIn(status: 'WAITING' | 'CALLED' | 'IN_SERVICE' | 'HELD'): Promise<{ entryId: string; serviceId: string }>;
  /** A new booked appointment of the patient. */
  bookedAppointment(): Promise<string>;
  /** A value no earlier call returned, for fields that must be unique (codes, serials, MRNs). */
  unique(): string;
  /** A new failed delivery waiting in a dead-letter queue, for replaying or discarding. */
  failedDelivery(): Promise<string>;
}

export interface MatrixEntry {
  /** The roles that may run it; the rest must be refused. */
  allowed: readonly Role[];
  /** The operation, selecting only what every allowed role may read, so a verdict is about the field. */
  operation: string;
  /** Valid variables: a refusal must be about the role, never the input. */
  variables(world: MatrixWorld, role: Role): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Subscriptions: what makes the event the allowed roles must receive. */
  trigger?(world: MatrixWorld): Promise<unknown>;
}

export type RootType = 'Query' | 'Mutation' | 'Subscription';

const letters = (value: string) =>
  value
    .replace(/\D/g, '')
    .split('')
    .map((digit) => String.fromCharCode(65 + Number(digit)))
    .join('');

const issuedNow = () => new Date().toISOString();

/** Queue actions move a patient along; each call gets an entry of its own in the status it starts from. */
const queueAction = (
  field: string,
  from: Parameters<MatrixWorld['entryIn']>[0],
  extra: { declarations: string; arguments: string; values: Record<string, unknown> } = {
    declarations: '',
    arguments: '',
    values: {},
  },
): MatrixEntry => ({
  allowed: QUEUE_OPERATORS,
  operation: `mutation ($entryId: ID!${extra.declarations}) { ${field}(entryId: $entryId${extra.arguments}) { id } }`,
  variables: async (world) => ({ entryId: (await world.entryIn(from)).entryId, ...extra.values }),
});
const reasoned = (reason: string) => ({
  declarations: ', $reason: String!',
  arguments: ', reason: $reason',
  values: { reason },
});

export const AUTHORIZATION_MATRIX: Record<RootType, Record<string, MatrixEntry>> = {
  Query: {
    failedDeliveries: {
      allowed: ['admin'],
      operation: '{ failedDeliveries { totalCount } }',
      variables: () => ({}),
    },
    invoice: {
      allowed: ['billing', 'reception', 'admin', 'patient'],
      operation: 'query ($id: ID!) { invoice(id: $id) { id } }',
      variables: (world) => ({ id: world.invoiceId }),
    },
    invoices: {
      allowed: ['billing', 'reception', 'admin', 'patient'],
      operation: 'query ($patientId: ID) { invoices(patientId: $patientId) { totalCount } }',
      variables: (world) => ({ patientId: world.patientId }),
    },
    labResult: {
      allowed: ['clinician', 'admin', 'patient'],
      operation: 'query ($id: ID!) { labResult(id: $id) { id } }',
      variables: (world) => ({ id: world.labResultId }),
    },
    device: {
      allowed: STAFF,
      operation: 'query ($id: ID!) { device(id: $id) { id } }',
      variables: (world) => ({ id: world.deviceId }),
    },
    devices: {
      allowed: STAFF,
      operation: '{ devices { totalCount } }',
      variables: () => ({}),
    },
    reading: {
      allowed: ['clinician', 'admin', 'patient'],
      operation: 'query ($id: ID!) { reading(id: $id) { id } }',
      variables: (world) => ({ id: world.readingId }),
    },
    patient: {
      allowed: [...STAFF, 'patient'],
      operation: 'query ($id: ID!) { patient(id: $id) { id } }',
      variables: (world) => ({ id: world.patientId }),
    },
    patients: {
      allowed: STAFF,
      operation: '{ patients { totalCount } }',
      variables: () => ({}),
    },
    facilities: {
      allowed: ALL_ROLES,
      operation: '{ facilities { id } }',
      variables: () => ({}),
    },
    facility: {
      allowed: ALL_ROLES,
      operation: 'query ($id: ID!) { facility(id: $id) { id } }',
      variables: (world) => ({ id: world.facilityId }),
    },
    queueEntries: {
      allowed: [...STAFF, 'display'],
      operation: 'query ($facilityId: ID!) { queueEntries(facilityId: $facilityId) { totalCount } }',
      variables: (world) => ({ facilityId: world.facilityId }),
    },
    queueEntry: {
      allowed: [...STAFF, 'patient'],
      operation: 'query ($id: ID!) { queueEntry(id: $id) { id } }',
      variables: (world) => ({ id: world.queueEntryId }),
    },
    auditEvents: {
      allowed: ['compliance', 'admin'],
      operation: 'query ($patientId: ID) { auditEvents(patientId: $patientId) { totalCount } }',
      variables: (world) => ({ patientId: world.patientId }),
    },
    appointments: {
      allowed: STAFF,
      operation:
        'query ($facilityId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { appointments(facilityId: $facilityId, from: $from, to: $to) { totalCount } }',
      variables: (world) => ({
        facilityId: world.facilityId,
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    },
  },
  Mutation: {
    replayDelivery: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { replayDelivery(id: $id) { id status } }',
      variables: async (world) => ({ id: await world.failedDelivery() }),
    },
    discardDelivery: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { discardDelivery(id: $id, reason: "Sent by hand") { id status } }',
      variables: async (world) => ({ id: await world.failedDelivery() }),
    },
    createInvoice: {
      allowed: ['billing', 'reception', 'admin'],
      operation: 'mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }',
      variables: (world) => ({ input: { patientId: world.patientId, description: 'Co-pay', amountCents: 2500 } }),
    },
    markInvoicePaid: {
      allowed: ['billing', 'admin'],
      operation: 'mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }',
      variables: async (world) => ({ id: await world.openInvoice() }),
    },
    voidInvoice: {
      allowed: ['billing', 'admin'],
      operation: 'mutation ($id: ID!) { voidInvoice(id: $id, reason: "Raised twice") { id } }',
      variables: async (world) => ({ id: await world.openInvoice() }),
    },
    recordLabResult: {
      allowed: ['clinician', 'admin'],
      operation: 'mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }',
      variables: (world) => ({
        input: {
          patientId: world.patientId,
          loincCode: '2345-7',
          display: 'Glucose',
          valueQuantity: 92,
          unit: 'mg/dL',
          issuedAt: issuedNow(),
        },
      }),
    },
    registerDevice: {
      allowed: ['admin'],
      operation: 'mutation ($input: DeviceInput!) { registerDevice(input: $input) { id } }',
      variables: (world) => ({
        input: { serial: `MATRIX-${world.unique()}`, kind: 'PULSE_OXIMETER', facilityId: world.facilityId },
      }),
    },
    assignDevice: {
      allowed: ['clinician', 'reception', 'admin'],
      operation:
        'mutation ($deviceId: ID!, $patientId: ID) { assignDevice(deviceId: $deviceId, patientId: $patientId) { id } }',
      variables: (world) => ({ deviceId: world.deviceId, patientId: world.patientId }),
    },
    recordReading: {
      allowed: ['clinician', 'admin'],
      operation: 'mutation ($input: ReadingInput!) { recordReading(input: $input) { id } }',
      variables: async (world) => ({
        input: { deviceId: await world.assignedDevice(), code: 'HEART_RATE', value: 72, recordedAt: issuedNow() },
      }),
    },
    registerPatient: {
      allowed: ['reception', 'admin'],
      operation: 'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
      variables: (world) => ({
        input: { mrn: `MATRIX-${world.unique()}`, givenName: 'Matrix', familyName: 'Case', birthDate: '1990-01-01' },
      }),
    },
    updatePatient: {
      allowed: ['reception', 'admin'],
      operation: 'mutation ($id: ID!, $changes: PatientChanges!) { updatePatient(id: $id, changes: $changes) { id } }',
      variables: (world) => ({ id: world.patientId, changes: { preferredLanguage: 'es' } }),
    },
    createFacility: {
      allowed: ['admin'],
      operation: 'mutation ($input: FacilityInput!) { createFacility(input: $input) { id } }',
      variables: (world) => ({
        input: { code: `M${world.unique()}`.slice(0, 8), name: 'Matrix site', timezone: 'UTC' },
      }),
    },
    createService: {
      allowed: ['admin'],
      operation: 'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      variables: (world) => ({
        input: {
          facilityId: world.facilityId,
          tokenPrefix: letters(world.unique()).slice(-3),
          name: 'Matrix service',
          defaultServiceMinutes: 5,
          slotMinutes: 10,
        },
      }),
    },
    createServicePoint: {
      allowed: ['admin'],
      operation: 'mutation ($input: ServicePointInput!) { createServicePoint(input: $input) { id } }',
      variables: (world) => ({ input: { facilityId: world.facilityId, name: `Room ${world.unique()}`, kind: 'ROOM' } }),
    },
    checkIn: {
      allowed: ['reception', 'admin', 'patient'],
      operation: 'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
      // A patient checks in only themself, through the patient app.
      variables: async (world, role) =>
        role === 'patient'
          ? {
              input: {
                facilityId: world.facilityId,
                serviceId: world.spareServiceId,
                patientId: world.patientId,
                channel: 'PATIENT_APP',
              },
            }
          : {
              input: { facilityId: world.facilityId, serviceId: world.serviceId, patientId: await world.newPatient() },
            },
    },
    callNext: {
      allowed: QUEUE_OPERATORS,
      operation:
        'mutation ($point: ID!, $service: ID) { callNext(servicePointId: $point, serviceId: $service) { id } }',
      variables: async (world) => ({
        point: world.servicePointId,
        service: (await world.entryIn('WAITING')).serviceId,
      }),
    },
    recall: queueAction('recall', 'CALLED'),
    skip: queueAction('skip', 'CALLED'),
    startService: queueAction('startService', 'CALLED'),
    complete: queueAction('complete', 'IN_SERVICE'),
    markNoShow: queueAction('markNoShow', 'CALLED'),
    cancel: queueAction('cancel', 'WAITING', reasoned('Left the clinic')),
    hold: queueAction('hold', 'WAITING', reasoned('Payment to sort out')),
    release: queueAction('release', 'HELD'),
    transfer: {
      allowed: QUEUE_OPERATORS,
      operation:
        'mutation ($entryId: ID!, $serviceId: ID!) { transfer(entryId: $entryId, serviceId: $serviceId) { id } }',
      variables: async (world) => ({ entryId: (await world.entryIn('WAITING')).entryId, serviceId: world.serviceId }),
    },
    changePriority: queueAction('changePriority', 'WAITING', {
      declarations: ', $priority: Int!, $reason: String!',
      arguments: ', priority: $priority, reason: $reason',
      values: { priority: 5, reason: 'Feeling faint' },
    }),
    bookAppointment: {
      allowed: BOOKERS,
      operation: 'mutation ($input: AppointmentInput!) { bookAppointment(input: $input) { id } }',
      variables: (world) => ({
        input: {
          serviceId: world.serviceId,
          patientId: world.patientId,
          startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        },
      }),
    },
    cancelAppointment: {
      allowed: BOOKERS,
      operation: 'mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Patient rescheduled") { id } }',
      variables: async (world) => ({ id: await world.bookedAppointment() }),
    },
  },
  Subscription: {
    labResultAvailable: {
      allowed: ['clinician', 'admin', 'patient'],
      operation: 'subscription ($patientId: ID!) { labResultAvailable(patientId: $patientId) { id } }',
      variables: (world) => ({ patientId: world.patientId }),
      trigger: (world) => world.newLabResult(),
    },
    queueUpdated: {
      allowed: [...STAFF, 'display'],
      operation: 'subscription ($facilityId: ID!) { queueUpdated(facilityId: $facilityId) { sequence } }',
      variables: (world) => ({ facilityId: world.facilityId }),
      trigger: (world) => world.entryIn('WAITING'),
    },
    tokenCalled: {
      allowed: [...STAFF, 'display'],
      operation: 'subscription ($facilityId: ID!) { tokenCalled(facilityId: $facilityId) { sequence } }',
      variables: (world) => ({ facilityId: world.facilityId }),
      trigger: (world) => world.entryIn('CALLED'),
    },
  },
};
