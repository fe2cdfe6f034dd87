import type { Role, Scope } from '@clinicflow/platform';

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
  /** The patient's insurance coverage. */
  coverageId: string;
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
  /** A new active prescription of the patient, sent to the pharmacy. */
  newPrescription(): Promise<string>;
  /** A new patient's queue entry, alone in a new service, moved to this status. */
  entryIn(status: 'WAITING' | 'CALLED' | 'IN_SERVICE' | 'HELD'): Promise<{ entryId: string; serviceId: string }>;
  /** A new booked appointment of the patient. */
  bookedAppointment(): Promise<string>;
  /** A value no earlier call returned, for fields that must be unique (codes, serials, MRNs). */
  unique(): string;
  /** A new failed delivery waiting in a dead-letter queue, for replaying or discarding. */
  failedDelivery(): Promise<string>;
  /** A new patient's open EHR sync conflict, for resolving. */
  syncConflict(): Promise<string>;
  /** A new third-party app credential, for rotating or revoking. */
  apiCredential(): Promise<string>;
  /** A new outbound webhook endpoint registered by the clinic's admins (to a closed port on 127.0.0.1). */
  webhookEndpoint(): Promise<string>;
  /** An event once delivered (and failed) to a new webhook endpoint, for replaying by its id. */
  webhookEvent(): Promise<{ endpointId: string; eventId: string }>;
  /** A new inbound HL7 message kept in ERROR (one that fails again when reprocessed). */
  hl7MessageInError(): Promise<string>;
  /** A new critical lab result of the patient, raising a clinical alert (an event for clinical staff). */
  criticalLabResult(): Promise<unknown>;
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
    subscriptionMembership: {
      allowed: ['compliance', 'admin'],
      operation: 'query ($group: String!) { subscriptionMembership(group: $group) { totalCount } }',
      variables: () => ({ group: 'subscription-group:matrix' }),
    },
    coverage: {
      allowed: ['billing', 'reception', 'admin', 'patient'],
      operation: 'query ($id: ID!) { coverage(id: $id) { id } }',
      variables: (world) => ({ id: world.coverageId }),
    },
    coverageByMemberId: {
      allowed: ['billing', 'admin'],
      operation:
        'query ($payer: String!, $memberId: String!) { coverageByMemberId(payer: $payer, memberId: $memberId) { id } }',
      variables: () => ({ payer: 'Matrix Health', memberId: 'NOBODY-1' }),
    },
    ehrIntegration: {
      allowed: ['admin'],
      operation: '{ ehrIntegration { state } }',
      variables: () => ({}),
    },
    syncConflicts: {
      allowed: BOOKERS,
      operation: '{ syncConflicts { totalCount } }',
      variables: () => ({}),
    },
    apiCredentials: {
      allowed: ['admin'],
      operation: '{ apiCredentials { totalCount } }',
      variables: () => ({}),
    },
    webhookEndpoints: {
      allowed: ['admin'],
      operation: '{ webhookEndpoints { id } }',
      variables: () => ({}),
    },
    webhookDeliveries: {
      allowed: ['admin'],
      operation: 'query ($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }',
      variables: async (world) => ({ id: await world.webhookEndpoint() }),
    },
    failedDeliveries: {
      allowed: ['admin'],
      operation: '{ failedDeliveries { totalCount } }',
      variables: () => ({}),
    },
    hl7Messages: {
      allowed: ['clinician', 'admin'],
      operation: '{ hl7Messages(status: ERROR) { totalCount } }',
      variables: () => ({}),
    },
    hl7Message: {
      allowed: ['clinician', 'admin'],
      operation: 'query ($id: ID!) { hl7Message(id: $id) { id status } }',
      variables: async (world) => ({ id: await world.hl7MessageInError() }),
    },
    notificationPreferences: {
      allowed: ['patient', 'reception', 'clinician', 'admin'],
      operation: 'query ($id: ID!) { notificationPreferences(patientId: $id) { patientId smsOptedOut } }',
      variables: (world) => ({ id: world.patientId }),
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
    prescription: {
      allowed: ['clinician', 'admin', 'patient'],
      operation: 'query ($id: ID!) { prescription(id: $id) { id } }',
      variables: async (world) => ({ id: await world.newPrescription() }),
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
    appointment: {
      allowed: STAFF,
      operation: 'query ($id: ID!) { appointment(id: $id) { id } }',
      variables: async (world) => ({ id: await world.bookedAppointment() }),
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
    resolveSyncConflict: {
      allowed: BOOKERS,
      operation:
        'mutation ($id: ID!, $choices: [FieldChoiceInput!]!) { resolveSyncConflict(id: $id, choices: $choices) { id status } }',
      variables: async (world) => ({ id: await world.syncConflict(), choices: [{ field: 'PHONE', side: 'EHR' }] }),
    },
    linkPatientToEhr: {
      allowed: BOOKERS,
      // Without an EHR configured (as in these tests) the answer is null, for every role allowed to ask.
      operation: 'mutation ($id: ID!) { linkPatientToEhr(patientId: $id) { ehrId } }',
      variables: async (world) => ({ id: await world.newPatient() }),
    },
    reprocessHl7Message: {
      allowed: ['clinician', 'admin'],
      operation: 'mutation ($id: ID!) { reprocessHl7Message(input: { id: $id }) { id status } }',
      variables: async (world) => ({ id: await world.hl7MessageInError() }),
    },
    erasePatient: {
      allowed: ['admin', 'compliance'],
      operation: 'mutation ($id: ID!) { erasePatient(id: $id, reason: "Asked to be forgotten") { id erasedAt } }',
      variables: async (world) => ({ id: await world.newPatient() }),
    },
    addCoverage: {
      allowed: ['billing', 'reception', 'admin'],
      operation: 'mutation ($input: CoverageInput!) { addCoverage(input: $input) { id } }',
      variables: (world) => ({
        input: { patientId: world.patientId, payer: 'Matrix Health', memberId: `MTX-${world.unique()}` },
      }),
    },
    createApiCredential: {
      allowed: ['admin'],
      operation: 'mutation ($input: ApiCredentialInput!) { createApiCredential(input: $input) { secret } }',
      variables: () => ({
        input: { name: 'Matrix app', kind: 'API_KEY', role: 'RECEPTION', scopes: ['queue:read'] },
      }),
    },
    rotateApiCredential: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { rotateApiCredential(id: $id) { secret } }',
      variables: async (world) => ({ id: await world.apiCredential() }),
    },
    revokeApiCredential: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { revokeApiCredential(id: $id) { id } }',
      variables: async (world) => ({ id: await world.apiCredential() }),
    },
    registerWebhookEndpoint: {
      allowed: ['admin'],
      operation: 'mutation ($input: WebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
      variables: (world) => ({
        input: { url: 'http://127.0.0.1:9/matrix', events: ['TOKEN_CALLED'], facilityId: world.facilityId },
      }),
    },
    rotateWebhookSecret: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      variables: async (world) => ({ id: await world.webhookEndpoint() }),
    },
    setWebhookEndpointEnabled: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: false) { id enabled } }',
      variables: async (world) => ({ id: await world.webhookEndpoint() }),
    },
    deleteWebhookEndpoint: {
      allowed: ['admin'],
      operation: 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      variables: async (world) => ({ id: await world.webhookEndpoint() }),
    },
    replayWebhookEvent: {
      allowed: ['admin'],
      operation: 'mutation ($e: ID!, $v: ID!) { replayWebhookEvent(endpointId: $e, eventId: $v) { eventId } }',
      variables: async (world) => {
        const { endpointId, eventId } = await world.webhookEvent();
        return { e: endpointId, v: eventId };
      },
    },
    markProviderArrived: {
      allowed: QUEUE_OPERATORS,
      operation: 'mutation ($p: ID!) { markProviderArrived(servicePointId: $p) { id } }',
      variables: (world) => ({ p: world.servicePointId }),
    },
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
    prescribe: {
      allowed: ['clinician'],
      operation: 'mutation ($input: PrescribeInput!) { prescribe(input: $input) { id } }',
      variables: (world) => ({
        input: {
          patientId: world.patientId,
          rxnormCode: '197361',
          medicationDisplay: 'Amlodipine 5 MG Oral Tablet',
          dosageText: 'One tablet by mouth once a day',
          quantity: 30,
        },
      }),
    },
    markMedicationReady: {
      allowed: ['clinician', 'admin'],
      operation: 'mutation ($id: ID!) { markMedicationReady(id: $id) { id } }',
      variables: async (world) => ({ id: await world.newPrescription() }),
    },
    cancelPrescription: {
      allowed: ['clinician', 'admin'],
      operation: 'mutation ($id: ID!) { cancelPrescription(id: $id) { id } }',
      variables: async (world) => ({ id: await world.newPrescription() }),
    },
    recordSpecimenCollection: {
      allowed: ['clinician', 'admin'],
      operation:
        'mutation ($input: SpecimenCollectionInput!) { recordSpecimenCollection(input: $input) { id minutes } }',
      variables: (world) => ({
        input: { patientId: world.patientId, kind: 'BLOOD', collectedAt: issuedNow() },
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
    updateNotificationPreferences: {
      allowed: ['patient', 'admin'],
      operation:
        'mutation ($id: ID!, $input: NotificationPreferencesInput!) { updateNotificationPreferences(patientId: $id, input: $input) { patientId } }',
      variables: (world) => ({ id: world.patientId, input: { timeZone: 'America/Chicago' } }),
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
    // Billing holds a patient while a payment is sorted out (decision 0016).
    hold: {
      ...queueAction('hold', 'WAITING', reasoned('Payment to sort out')),
      allowed: [...QUEUE_OPERATORS, 'billing'],
    },
    release: { ...queueAction('release', 'HELD'), allowed: [...QUEUE_OPERATORS, 'billing'] },
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
    clinicalAlertRaised: {
      allowed: ['clinician', 'admin'],
      operation: 'subscription { clinicalAlertRaised { id } }',
      variables: () => ({}),
      trigger: (world) => world.criticalLabResult(),
    },
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

/**
 * The root fields open to third-party apps, with the scopes that open each (any one of them); the
 * app must also act in a role the field allows. Every other root field is closed to apps whatever
 * scopes they hold. The matrix test runs each as an app in the first staff role the field allows, with
 * and without them; with them, record rules may still refuse (an app sees only its own webhooks), but
 * never for want of a scope.
 */
export const THIRD_PARTY_SCOPES: Partial<Record<string, readonly Scope[]>> = {
  facilities: ['queue:read', 'appointments:read'],
  facility: ['queue:read', 'appointments:read'],
  queueEntries: ['queue:read'],
  queueEntry: ['queue:read'],
  checkIn: ['queue:write'],
  appointment: ['appointments:read'],
  appointments: ['appointments:read'],
  bookAppointment: ['appointments:write'],
  cancelAppointment: ['appointments:write'],
  patient: ['patients:read'],
  patients: ['patients:read'],
  // An app credentialed with the admin role manages its own outbound webhooks (docs/webhooks.md).
  webhookEndpoints: ['webhooks:manage'],
  webhookDeliveries: ['webhooks:manage'],
  registerWebhookEndpoint: ['webhooks:manage'],
  rotateWebhookSecret: ['webhooks:manage'],
  setWebhookEndpointEnabled: ['webhooks:manage'],
  deleteWebhookEndpoint: ['webhooks:manage'],
  replayWebhookEvent: ['webhooks:manage'],
};
