import { HL7_APPOINTMENT, type Hl7Appointment, publishContract } from '@clinicflow/platform';
import { cannotApply, Hl7ErrorCode } from '../hl7-errors';
import { component, instant, required, requiredSegment } from '../hl7-fields';
import type { ApplyContext } from './apply-context';

/**
 * SIU S12 (booked), S14 (modified) and S15 (cancelled): the appointment (SCH-2, else SCH-1) of the
 * patient the MRN names, at the start time AIS-4 (else SCH-11.4), for the queue service the sender's
 * mapping gives its service code (AIS-3.1). The queue books, moves or cancels it from the event.
 */
export async function applySiu(context: ApplyContext, trigger: 'S12' | 'S14' | 'S15'): Promise<void> {
  const patientId = await context.knownPatient();
  const sch = requiredSegment(context.message, 'SCH');
  const ais = requiredSegment(context.message, 'AIS');
  const appointment = required(component(sch, 2) || component(sch, 1), 'SCH-2 (or SCH-1)');
  const serviceCode = required(component(ais, 3), 'AIS-3.1');
  const service = context.config.appointments.services[serviceCode];
  if (!service) {
    throw cannotApply(
      Hl7ErrorCode.TableValueNotFound,
      `AIS-3: service ${serviceCode} is not mapped to a queue service for this sender`,
    );
  }
  const start = component(ais, 4) || component(sch, 11, 4);
  const event: Hl7Appointment = {
    appointmentId: `hl7:${context.sender}:${appointment}`,
    versionId: component(context.message.header, 10),
    patientId,
    facilityCode: service.facility,
    serviceTokenPrefix: service.tokenPrefix,
    status: trigger === 'S15' ? 'cancelled' : 'booked',
    startsAt: instant(required(start, 'AIS-4'), 'AIS-4', context.config.utcOffset).toISOString(),
    cancelReason: trigger === 'S15' ? component(sch, 6, 2) || 'Cancelled in the scheduling system' : null,
  };
  await publishContract(context.jobs, context.manager, HL7_APPOINTMENT, event, { key: event.appointmentId });
}
