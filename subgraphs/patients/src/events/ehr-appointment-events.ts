import { EHR_APPOINTMENT_CHANGED, type EhrAppointmentChanged, publishContract } from '@clinicflow/platform';
import type { Appointment as FhirAppointment } from '../adapters/fhir/fhir-types';
import type { EntityManager } from 'typeorm';
import type { Stored } from '../adapters/fhir/fhir-client';
import type { Jobs } from './sync-events';

/** The identifier system of our services in the EHR's `Appointment.serviceType` codings. */
export const SERVICE_SYSTEM = 'urn:clinicflow:service';

/** The EHR patient id an appointment is for, if one of its participants is a Patient. */
export function ehrPatientOf(appointment: FhirAppointment): string | null {
  const reference = appointment.participant
    ?.map((participant) => participant.actor?.reference)
    .find((value) => value?.startsWith('Patient/'));
  return reference ? reference.slice('Patient/'.length) : null;
}

export function serviceOf(appointment: FhirAppointment): string | null {
  for (const concept of appointment.serviceType ?? []) {
    const code = concept.coding?.find((coding) => coding.system === SERVICE_SYSTEM)?.code;
    if (code) return code;
  }
  return null;
}

/**
 * Publishes one version of an EHR appointment, for the queue (which books, moves or cancels its own),
 * keyed by the EHR appointment.
 */
export async function publishEhrAppointment(
  jobs: Jobs,
  manager: EntityManager,
  appointment: Stored<FhirAppointment>,
  patientId: string,
  serviceId: string,
): Promise<void> {
  const data: EhrAppointmentChanged = {
    ehrAppointmentId: appointment.id,
    versionId: appointment.meta.versionId,
    patientId,
    serviceId,
    status: appointment.status,
    startsAt: appointment.start ?? appointment.meta.lastUpdated,
    cancelReason: appointment.cancelationReason?.text ?? appointment.cancelationReason?.coding?.[0]?.code ?? null,
  };
  await publishContract(jobs, manager, EHR_APPOINTMENT_CHANGED, data, { key: appointment.id });
}
