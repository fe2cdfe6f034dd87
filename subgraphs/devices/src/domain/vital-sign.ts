import { registerEnumType } from 'type-graphql';
import type { VitalsField } from './vitals';

/** The vital signs devices report. The values are the LOINC codes, which is what the database stores. */
export enum VitalSign {
  HEART_RATE = '8867-4',
  OXYGEN_SATURATION = '59408-5',
  BODY_TEMPERATURE = '8310-5',
  SYSTOLIC_BLOOD_PRESSURE = '8480-6',
  DIASTOLIC_BLOOD_PRESSURE = '8462-4',
  BODY_WEIGHT = '29463-7',
}

export interface VitalSignSpec {
  display: string;
  /** UCUM unit every reading of this vital sign is recorded in. */
  unit: string;
  /** Plausible range: a value outside it is a device or typing fault, never a patient's state. */
  min: number;
  max: number;
  /** Where the latest reading shows in `Patient.latestVitals`. */
  vitalsField: VitalsField;
}

export const VITAL_SIGNS: Record<VitalSign, VitalSignSpec> = {
  [VitalSign.HEART_RATE]: { display: 'heart rate', unit: '/min', min: 20, max: 300, vitalsField: 'heartRate' },
  [VitalSign.OXYGEN_SATURATION]: {
    display: 'oxygen saturation',
    unit: '%',
    min: 50,
    max: 100,
    vitalsField: 'oxygenSaturation',
  },
  [VitalSign.BODY_TEMPERATURE]: {
    display: 'body temperature',
    unit: 'Cel',
    min: 30,
    max: 45,
    vitalsField: 'bodyTemperature',
  },
  [VitalSign.SYSTOLIC_BLOOD_PRESSURE]: {
    display: 'systolic blood pressure',
    unit: 'mm[Hg]',
    min: 50,
    max: 260,
    vitalsField: 'systolicBloodPressure',
  },
  [VitalSign.DIASTOLIC_BLOOD_PRESSURE]: {
    display: 'diastolic blood pressure',
    unit: 'mm[Hg]',
    min: 30,
    max: 160,
    vitalsField: 'diastolicBloodPressure',
  },
  [VitalSign.BODY_WEIGHT]: { display: 'body weight', unit: 'kg', min: 0.5, max: 400, vitalsField: 'bodyWeight' },
};

const describe = (code: VitalSign) => {
  const spec = VITAL_SIGNS[code];
  return {
    description: `${spec.display.charAt(0).toUpperCase()}${spec.display.slice(1)} (LOINC ${code}, ${spec.unit}, plausible ${spec.min}-${spec.max})`,
  };
};

registerEnumType(VitalSign, {
  name: 'VitalSign',
  description: 'A vital sign a device measures; each is a LOINC code with a fixed UCUM unit',
  valuesConfig: {
    HEART_RATE: describe(VitalSign.HEART_RATE),
    OXYGEN_SATURATION: describe(VitalSign.OXYGEN_SATURATION),
    BODY_TEMPERATURE: describe(VitalSign.BODY_TEMPERATURE),
    SYSTOLIC_BLOOD_PRESSURE: describe(VitalSign.SYSTOLIC_BLOOD_PRESSURE),
    DIASTOLIC_BLOOD_PRESSURE: describe(VitalSign.DIASTOLIC_BLOOD_PRESSURE),
    BODY_WEIGHT: describe(VitalSign.BODY_WEIGHT),
  },
});
