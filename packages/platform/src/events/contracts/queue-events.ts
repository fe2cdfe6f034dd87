import { z } from 'zod';
import { eventContract } from './event-contract';

/**
 * A patient joined a facility's queue, keyed by patient: clinical scopes the patient's clinical alerts
 * to that facility. Ids and the time only.
 */
export const PATIENT_CHECKED_IN = eventContract(
  'queue.patient-checked-in',
  z.object({
    patientId: z.uuid(),
    facilityId: z.uuid(),
    queueEntryId: z.uuid(),
    /** ISO 8601 */
    checkedInAt: z.iso.datetime({ offset: true }),
  }),
);
export type PatientCheckedIn = z.infer<typeof PATIENT_CHECKED_IN.schema>;
