import { publishEvent } from '@clinicflow/platform';
import type { Appointment as FhirAppointment } from '../adapters/fhir/fhir-types';
import type { EntityManager } from 'typeorm';
import type { Stored } from '../adapters/fhir/fhir-client';
import type { Jobs } from './sync-events';

/** An appointment was booked, changed or cancelled in the EHR (published by the sync poller). */
export const EHR_APPOINTMENT_CHANGED = 'ehr.appointment-changed';

/** The identifier system of our services in the EHR's `Appointment.serviceType` codings. */
export const SERVICE_SYSTEM = 'urn:clinicflow:service';

/**
 * One version of an EHR appointment, for the queue (which books, moves or cancels its own) and for
 * notifications (which tells the patient). Keyed by the EHR appointment, so consumers apply its
 * versions in the order the EHR made them.
 */
export interface EhrAppointmentChanged {
  ehrAppointmentId: string;
  versionId: string;
  /** The ClinicFlow patient. */
  patientId: string;
  /** The queue's service, from the EHR's serviceType coding in SERVICE_SYSTEM. */
  serviceId: string;
  /** booked, cancelled, or the EHR's other status (arrived, fulfilled, noshow...). */
  status: string;
  startsAt: string;
  cancelReason: string | null;
}

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
  await publishEvent(jobs, manager, EHR_APPOINTMENT_CHANGED, data, { key: appointment.id });
}
