import { assertFacility, assertOwnPatient } from '@clinicflow/platform';
import type { QueueContext } from '../context';
import type { Appointment } from '../domain/appointment.entity';
import type { Patient } from '../domain/patient.ref';
import type { QueueEntry } from '../domain/queue-entry.entity';

/** Entities the gateway asks this subgraph to resolve, batched through the request's loaders. */
export const queueReferenceResolvers = {
  Patient: (reference: { id: string }, { caller }: QueueContext): Patient => {
    assertOwnPatient(caller, reference.id);
    return { id: reference.id };
  },
  QueueEntry: async (reference: { id: string }, { caller, loaders }: QueueContext): Promise<QueueEntry | null> => {
    const entry = await loaders.queueEntryById.load(reference.id);
    if (entry) {
      assertOwnPatient(caller, entry.patientId);
      assertFacility(caller, entry.facilityId);
    }
    return entry;
  },
  Facility: (reference: { id: string }, { loaders }: QueueContext) => loaders.facilityById.load(reference.id),
  Service: (reference: { id: string }, { loaders }: QueueContext) => loaders.serviceById.load(reference.id),
  ServicePoint: (reference: { id: string }, { loaders }: QueueContext) => loaders.servicePointById.load(reference.id),
  Appointment: async (reference: { id: string }, { caller, loaders }: QueueContext): Promise<Appointment | null> => {
    const appointment = await loaders.appointmentById.load(reference.id);
    if (appointment) {
      assertOwnPatient(caller, appointment.patientId);
      assertFacility(caller, appointment.facilityId);
    }
    return appointment;
  },
};
