import type { CodeableConcept, Observation, ObservationReferenceRange, Quantity } from './fhir-types';
import { FhirProfile, FhirSystem } from './fhir-systems';
import type { LabResultNode, ReadingNode, VitalSign } from './graphql-shapes';
import { patientReference } from './patient-resource';

/** Observation ids carry where the observation came from: a lab result or a device reading. */
export const LAB_PREFIX = 'lab-';
export const VITAL_PREFIX = 'vital-';

export type ObservationCategory = 'laboratory' | 'vital-signs';

const category = (code: ObservationCategory, display: string): CodeableConcept[] => [
  { coding: [{ system: FhirSystem.observationCategory, code, display }], text: display },
];

export const LAB_STATUS: Record<LabResultNode['status'], 'preliminary' | 'final' | 'corrected' | 'cancelled'> = {
  PRELIMINARY: 'preliminary',
  FINAL: 'final',
  CORRECTED: 'corrected',
  CANCELLED: 'cancelled',
};

const INTERPRETATION: Record<NonNullable<LabResultNode['abnormalFlag']>, { code: string; display: string }> = {
  NORMAL: { code: 'N', display: 'Normal' },
  LOW: { code: 'L', display: 'Low' },
  HIGH: { code: 'H', display: 'High' },
  CRITICALLY_LOW: { code: 'LL', display: 'Critical low' },
  CRITICALLY_HIGH: { code: 'HH', display: 'Critical high' },
  ABNORMAL: { code: 'A', display: 'Abnormal' },
};

const quantity = (value: number, unit: string): Quantity => ({ value, unit, system: FhirSystem.ucum, code: unit });

/** "70-99" becomes low and high in the result's unit; any other wording stays text. */
function referenceRange(range: string, unit: string | null): ObservationReferenceRange {
  const bounds = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(range);
  if (!bounds || !unit) return { text: range };
  return { low: quantity(Number(bounds[1]), unit), high: quantity(Number(bounds[2]), unit), text: range };
}

/** A laboratory result as a FHIR R4 Observation (category laboratory, coded in LOINC, units in UCUM). */
export function labObservation(result: LabResultNode): Observation {
  return {
    resourceType: 'Observation',
    id: `${LAB_PREFIX}${result.id}`,
    meta: { lastUpdated: result.createdAt },
    status: LAB_STATUS[result.status],
    category: category('laboratory', 'Laboratory'),
    code: {
      coding: [{ system: FhirSystem.loinc, code: result.loincCode, display: result.display }],
      text: result.display,
    },
    subject: patientReference(result.patient.id),
    issued: result.issuedAt,
    ...(result.valueQuantity !== null
      ? { valueQuantity: result.unit ? quantity(result.valueQuantity, result.unit) : { value: result.valueQuantity } }
      : result.valueText !== null
        ? { valueString: result.valueText }
        : { dataAbsentReason: { text: 'No value reported' } }),
    ...(result.abnormalFlag
      ? {
          interpretation: [{ coding: [{ system: FhirSystem.interpretation, ...INTERPRETATION[result.abnormalFlag] }] }],
        }
      : {}),
    ...(result.referenceRange ? { referenceRange: [referenceRange(result.referenceRange, result.unit)] } : {}),
  };
}

interface VitalCoding {
  /** The device's LOINC code for it (as the devices subgraph reports it). */
  loinc: string;
  display: string;
  /** The base FHIR vital-signs profile for this sign, where R4 defines one. */
  profile: string;
  /** Further codes the profile asks for besides the device's own LOINC code. */
  extraCodes?: { code: string; display: string }[];
}

export const VITAL_CODING: Record<VitalSign, VitalCoding> = {
  HEART_RATE: { loinc: '8867-4', display: 'Heart rate', profile: 'http://hl7.org/fhir/StructureDefinition/heartrate' },
  OXYGEN_SATURATION: {
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    profile: 'http://hl7.org/fhir/StructureDefinition/oxygensat',
    extraCodes: [{ code: '2708-6', display: 'Oxygen saturation in Arterial blood' }],
  },
  BODY_TEMPERATURE: {
    loinc: '8310-5',
    display: 'Body temperature',
    profile: 'http://hl7.org/fhir/StructureDefinition/bodytemp',
  },
  SYSTOLIC_BLOOD_PRESSURE: { loinc: '8480-6', display: 'Systolic blood pressure', profile: FhirProfile.vitalSigns },
  DIASTOLIC_BLOOD_PRESSURE: { loinc: '8462-4', display: 'Diastolic blood pressure', profile: FhirProfile.vitalSigns },
  BODY_WEIGHT: {
    loinc: '29463-7',
    display: 'Body weight',
    profile: 'http://hl7.org/fhir/StructureDefinition/bodyweight',
  },
};

/** A device reading as a FHIR R4 vital-signs Observation, with the profile R4 defines for it. */
export function vitalObservation(reading: ReadingNode): Observation {
  const coding = VITAL_CODING[reading.code];
  return {
    resourceType: 'Observation',
    id: `${VITAL_PREFIX}${reading.id}`,
    meta: { lastUpdated: reading.receivedAt, profile: [coding.profile] },
    status: 'final',
    category: category('vital-signs', 'Vital Signs'),
    code: {
      coding: [
        { system: FhirSystem.loinc, code: reading.loincCode, display: coding.display },
        ...(coding.extraCodes ?? []).map((extra) => ({ system: FhirSystem.loinc, ...extra })),
      ],
      text: coding.display,
    },
    subject: patientReference(reading.patient.id),
    effectiveDateTime: reading.recordedAt,
    issued: reading.receivedAt,
    valueQuantity: quantity(reading.value, reading.unit),
  };
}

/** The LOINC codes an Observation carries, for searches by code. */
export const observationCodes = (observation: Observation): string[] =>
  (observation.code.coding ?? []).flatMap((coding) => (coding.code ? [coding.code] : []));
