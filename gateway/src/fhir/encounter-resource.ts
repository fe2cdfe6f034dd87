import type { Encounter } from './fhir-types';
import { FhirSystem } from './fhir-systems';
import type { QueueEntryNode } from './graphql-shapes';
import { patientReference } from './patient-resource';

/** Where a visit is, in FHIR's Encounter statuses. */
const ENCOUNTER_STATUS: Record<QueueEntryNode['status'], Encounter['status']> = {
  WAITING: 'arrived',
  CALLED: 'arrived',
  HELD: 'arrived',
  IN_SERVICE: 'in-progress',
  COMPLETED: 'finished',
  TRANSFERRED: 'finished',
  NO_SHOW: 'cancelled',
  CANCELLED: 'cancelled',
};

/** A visit (a queue entry, from check-in until served) as an ambulatory FHIR R4 Encounter. */
export function visitEncounter(entry: QueueEntryNode): Encounter {
  return {
    resourceType: 'Encounter',
    id: entry.id,
    meta: { lastUpdated: entry.updatedAt },
    identifier: [{ system: FhirSystem.queueToken, value: entry.token }],
    status: ENCOUNTER_STATUS[entry.status],
    class: { system: FhirSystem.actCode, code: 'AMB', display: 'ambulatory' },
    serviceType: { text: entry.service.name },
    subject: patientReference(entry.patient.id),
    period: { start: entry.arrivedAt, ...(entry.completedAt ? { end: entry.completedAt } : {}) },
    ...(entry.appointment ? { appointment: [{ reference: `Appointment/${entry.appointment.id}` }] } : {}),
  };
}
