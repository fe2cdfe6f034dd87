import { type DocumentNode, Kind, parse, visit } from 'graphql';

/**
 * The GraphQL operations the FHIR API runs through the gateway, as the caller. They are fixed server
 * side; page sizes travel as variables, so the cost limit counts them like any client's variables.
 */
const fragments: Record<string, string> = {
  FhirPatient: /* GraphQL */ `
    fragment FhirPatient on Patient {
      id
      mrn
      givenName
      familyName
      birthDate
      gender
      phone
      email
      preferredLanguage
    }
  `,
  FhirLabResult: /* GraphQL */ `
    fragment FhirLabResult on LabResult {
      id
      loincCode
      display
      valueQuantity
      valueText
      unit
      referenceRange
      abnormalFlag
      status
      issuedAt
      createdAt
      patient {
        id
      }
    }
  `,
  FhirReading: /* GraphQL */ `
    fragment FhirReading on Reading {
      id
      code
      loincCode
      unit
      value
      recordedAt
      receivedAt
      patient {
        id
      }
    }
  `,
  FhirQueueEntry: /* GraphQL */ `
    fragment FhirQueueEntry on QueueEntry {
      id
      token
      status
      arrivedAt
      completedAt
      updatedAt
      service {
        name
      }
      patient {
        id
      }
    }
  `,
  FhirAppointment: /* GraphQL */ `
    fragment FhirAppointment on Appointment {
      id
      startsAt
      slotMinutes
      status
      source
      externalId
      cancelReason
      createdAt
      service {
        name
      }
    }
  `,
  FhirPrescription: /* GraphQL */ `
    fragment FhirPrescription on Prescription {
      id
      rxnormCode
      medicationDisplay
      dosageText
      quantity
      prescriber
      status
      prescribedAt
      updatedAt
      patient {
        id
      }
    }
  `,
  FhirCoverage: /* GraphQL */ `
    fragment FhirCoverage on Coverage {
      id
      payer
      memberId
    }
  `,
  PageEnd: /* GraphQL */ `
    fragment PageEnd on PageInfo {
      hasNextPage
      endCursor
    }
  `,
};

/** An operation with the fragments it spreads (GraphQL refuses a document with unused ones). */
const operation = (text: string) => {
  const used = [...new Set([...text.matchAll(/\.\.\.(\w+)/g)].map((match) => match[1]!))];
  return parse([text, ...used.map((name) => fragments[name])].join('\n'));
};

export const PatientById = operation(`
  query FhirPatientById($id: ID!) { patient(id: $id) { ...FhirPatient } }
`);

export const PatientSearch = operation(`
  query FhirPatientSearch($search: String, $first: Int!, $after: String) {
    patients(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo { ...PageEnd }
      edges { node { ...FhirPatient } }
    }
  }
`);

export const LabResultById = operation(`
  query FhirLabResultById($id: ID!) { labResult(id: $id) { ...FhirLabResult } }
`);

export const PatientLabResults = operation(`
  query FhirPatientLabResults($patientId: ID!, $first: Int!, $after: String) {
    patient(id: $patientId) {
      id
      labResults(first: $first, after: $after) {
        totalCount
        pageInfo { ...PageEnd }
        edges { node { ...FhirLabResult } }
      }
    }
  }
`);

export const ReadingById = operation(`
  query FhirReadingById($id: ID!) { reading(id: $id) { ...FhirReading } }
`);

export const PatientReadings = operation(`
  query FhirPatientReadings($patientId: ID!, $code: VitalSign, $first: Int!, $after: String) {
    patient(id: $patientId) {
      id
      readings(code: $code, first: $first, after: $after) {
        totalCount
        pageInfo { ...PageEnd }
        edges { node { ...FhirReading } }
      }
    }
  }
`);

export const QueueEntryById = operation(`
  query FhirQueueEntryById($id: ID!) { queueEntry(id: $id) { ...FhirQueueEntry } }
`);

export const AppointmentById = operation(`
  query FhirAppointmentById($id: ID!) { appointment(id: $id) { ...FhirAppointment patient { id } } }
`);

export const PatientVisits = operation(`
  query FhirPatientVisits($patientId: ID!, $withAppointments: Boolean!) {
    patient(id: $patientId) {
      id
      queueEntries {
        ...FhirQueueEntry
        appointment @include(if: $withAppointments) { ...FhirAppointment }
      }
    }
  }
`);

export const PrescriptionById = operation(`
  query FhirPrescriptionById($id: ID!) { prescription(id: $id) { ...FhirPrescription } }
`);

export const PatientPrescriptions = operation(`
  query FhirPatientPrescriptions($patientId: ID!, $status: [PrescriptionStatus!], $first: Int!, $after: String) {
    patient(id: $patientId) {
      id
      prescriptions(status: $status, first: $first, after: $after) {
        totalCount
        pageInfo { ...PageEnd }
        edges { node { ...FhirPrescription } }
      }
    }
  }
`);

export const CoverageById = operation(`
  query FhirCoverageById($id: ID!) { coverage(id: $id) { ...FhirCoverage patient { id } } }
`);

export const PatientCoverages = operation(`
  query FhirPatientCoverages($patientId: ID!) { patient(id: $patientId) { id coverages { ...FhirCoverage } } }
`);

/**
 * A patient's export in one operation: the query planner fetches the patient, then each subgraph's
 * part at once. A part the caller may not read comes back null with a FORBIDDEN error at its path.
 */
export const PatientExport = operation(`
  query FhirExport($id: ID!, $first: Int!) {
    patient(id: $id) {
      ...FhirPatient
      queueEntries { ...FhirQueueEntry appointment { ...FhirAppointment } }
      labResults(first: $first) { totalCount pageInfo { ...PageEnd } edges { node { ...FhirLabResult } } }
      readings(first: $first) { totalCount pageInfo { ...PageEnd } edges { node { ...FhirReading } } }
      prescriptions(first: $first) { totalCount pageInfo { ...PageEnd } edges { node { ...FhirPrescription } } }
      coverages { ...FhirCoverage }
    }
  }
`);

/**
 * The same operation under another name. The export and its further pages run under `FhirExport*`
 * names, which the gateway passes on to the subgraphs, so the audit log records each read of an
 * export as part of an export (`AuditEvent.operationName`).
 */
const renamed = (document: DocumentNode, name: string): DocumentNode =>
  visit(document, { OperationDefinition: (node) => ({ ...node, name: { kind: Kind.NAME, value: name } }) });

export const ExportLabResults = renamed(PatientLabResults, 'FhirExportLabResults');
export const ExportReadings = renamed(PatientReadings, 'FhirExportReadings');
export const ExportPrescriptions = renamed(PatientPrescriptions, 'FhirExportPrescriptions');
