import { HL7_ADT, type Hl7Adt, publishContract } from '@clinicflow/platform';
import { cannotApply, Hl7ErrorCode } from '../hl7-errors';
import { calendarDate, component, required, requiredSegment } from '../hl7-fields';
import { PatientLink } from '../patient-link.entity';
import type { ApplyContext } from './apply-context';

/** HL7 table 0001 (administrative sex) to FHIR's administrative gender. */
const GENDERS: Record<string, Hl7Adt['gender']> = {
  F: 'female',
  M: 'male',
  O: 'other',
  A: 'other',
  U: 'unknown',
  N: 'unknown',
  '': 'unknown',
};

/**
 * ADT A01 (admit), A04 (register), A08 (update) and A03 (discharge): the MRN gets its ClinicFlow
 * patient id here (kept in `hl7_patient`, so results and orders find it), and the patients subgraph
 * applies the change from the event. A discharge of a patient never registered is refused.
 */
export async function applyAdt(context: ApplyContext, trigger: Hl7Adt['trigger']): Promise<void> {
  const pid = requiredSegment(context.message, 'PID');
  const mrn = context.mrn();
  const familyName = required(component(pid, 5, 1), 'PID-5.1');
  const givenName = required(component(pid, 5, 2), 'PID-5.2');
  const birthDate = calendarDate(required(component(pid, 7), 'PID-7'), 'PID-7');
  const gender = GENDERS[component(pid, 8).toUpperCase()];
  if (!gender)
    throw cannotApply(Hl7ErrorCode.TableValueNotFound, 'PID-8 is not an HL7 administrative sex (F, M, O, A, U, N)');

  const patientId = trigger === 'A03' ? await context.knownPatient() : await linkPatient(context, mrn);
  context.patientId = patientId;
  const event: Hl7Adt = { trigger, patientId, mrn, givenName, familyName, birthDate, gender };
  await publishContract(context.jobs, context.manager, HL7_ADT, event, { key: patientId });
}

/** The MRN's patient id, made (a new UUID) the first time the MRN is seen. */
async function linkPatient(context: ApplyContext, mrn: string): Promise<string> {
  await context.manager
    .createQueryBuilder()
    .insert()
    .into(PatientLink)
    .values({ mrn, patientId: () => 'gen_random_uuid()' })
    .orIgnore()
    .execute();
  const link = await context.manager.findOneByOrFail(PatientLink, { mrn });
  return link.patientId;
}
