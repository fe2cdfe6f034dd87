import type { MedicationRequest } from './fhir-types';
import { FhirSystem } from './fhir-systems';
import type { PrescriptionNode } from './graphql-shapes';
import { patientReference } from './patient-resource';

/** Our prescription statuses are R4's MedicationRequest.status codes. */
export const MEDICATION_REQUEST_STATUS: Record<
  PrescriptionNode['status'],
  'active' | 'on-hold' | 'cancelled' | 'completed'
> = {
  ACTIVE: 'active',
  ON_HOLD: 'on-hold',
  CANCELLED: 'cancelled',
  COMPLETED: 'completed',
};

/**
 * A prescription as an R4 MedicationRequest: an order, the medication coded in RxNorm, the dosage as
 * the text written for the patient, the quantity to dispense, and the prescriber by their ClinicFlow
 * user id (ClinicFlow keeps no Practitioner records).
 */
export function medicationRequestResource(prescription: PrescriptionNode): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: prescription.id,
    meta: { lastUpdated: prescription.updatedAt },
    status: MEDICATION_REQUEST_STATUS[prescription.status],
    intent: 'order',
    medicationCodeableConcept: {
      coding: [{ system: FhirSystem.rxnorm, code: prescription.rxnormCode, display: prescription.medicationDisplay }],
      text: prescription.medicationDisplay,
    },
    subject: patientReference(prescription.patient.id),
    authoredOn: prescription.prescribedAt,
    requester: { identifier: { system: FhirSystem.user, value: prescription.prescriber } },
    dosageInstruction: [{ text: prescription.dosageText }],
    dispenseRequest: { quantity: { value: prescription.quantity } },
  };
}
