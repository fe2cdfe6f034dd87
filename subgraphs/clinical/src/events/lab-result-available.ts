/** Published after a lab result is committed; the subscription re-reads the result by id. */
export interface LabResultAvailable {
  labResultId: string;
  patientId: string;
}

export const labResultAvailableTopic = (patientId: string) => `clinical.lab-result-available.${patientId}`;
