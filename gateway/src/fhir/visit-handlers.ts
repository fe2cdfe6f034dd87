import type { Appointment, Encounter } from './fhir-types';
import { appointmentResource } from './appointment-resource';
import { visitEncounter } from './encounter-resource';
import { dataOrRefusal } from './execute-as-caller';
import { AppointmentById, PatientVisits, QueueEntryById } from './graphql-operations';
import { listPage } from './list-page';
import type { AppointmentNode, QueueEntryNode } from './graphql-shapes';
import { requiredPatientId } from './patient-compartment';
import { type FhirCall, PATIENT_PARAMETER, type ResourceHandler, type SearchPage } from './resource-handler';
import { dateTest, matchesAll, type SearchParameterDefinition, type SearchRequest } from './search-parameters';

const DATE_AND_STATUS: SearchParameterDefinition[] = [
  PATIENT_PARAMETER,
  { name: 'date', type: 'date', documentation: 'When the visit began, with eq, ne, gt, ge, lt, le prefixes' },
  { name: 'status', type: 'token', documentation: 'The FHIR status' },
];

/** The patient's recent visits (the graph keeps the latest 20 per patient in reach), with their appointments for staff. */
async function visitsOf(call: FhirCall, search: SearchRequest, resourceType: string): Promise<QueueEntryNode[]> {
  const { patient } = await dataOrRefusal(
    call.execute<{ patient: { queueEntries: QueueEntryNode[] } }>(call.caller, PatientVisits, {
      patientId: requiredPatientId(search, resourceType),
      withAppointments: resourceType === 'Appointment',
    }),
  );
  return patient.queueEntries;
}

/** A page of the patient's visits after the filters the graph cannot apply. */
function page<T extends Encounter | Appointment>(
  search: SearchRequest,
  resources: T[],
  when: (resource: T) => string,
): SearchPage {
  return listPage(
    search,
    resources.filter(
      (resource) =>
        matchesAll(search.params.get('date'), (value) => dateTest(value)(when(resource))) &&
        matchesAll(search.params.get('status'), (value) => value === resource.status),
    ),
  );
}

export const encounterHandler: ResourceHandler = {
  type: 'Encounter',
  documentation: 'Visits: a queue entry from check-in until served, as an ambulatory encounter (latest 20 per patient)',
  searchParameters: DATE_AND_STATUS,
  read: async (call, id) => {
    const { queueEntry } = await dataOrRefusal(
      call.execute<{ queueEntry: QueueEntryNode }>(call.caller, QueueEntryById, { id }),
    );
    return visitEncounter(queueEntry);
  },
  search: async (call, search) =>
    page(
      search,
      (await visitsOf(call, search, 'Encounter')).map(visitEncounter),
      (encounter) => encounter.period?.start ?? '',
    ),
};

export const appointmentHandler: ResourceHandler = {
  type: 'Appointment',
  documentation:
    "Appointments (read any by id; search those of the patient's recent visits), for the roles the graph shows appointments to",
  searchParameters: DATE_AND_STATUS,
  read: async (call, id) => {
    const { appointment } = await dataOrRefusal(
      call.execute<{ appointment: AppointmentNode & { patient: { id: string } } }>(call.caller, AppointmentById, {
        id,
      }),
    );
    return appointmentResource(appointment, appointment.patient.id);
  },
  search: async (call, search) => {
    const visits = await visitsOf(call, search, 'Appointment');
    const appointments = visits.flatMap((visit) =>
      visit.appointment ? [appointmentResource(visit.appointment, visit.patient.id)] : [],
    );
    return page(search, appointments, (appointment) => appointment.start ?? '');
  },
};
