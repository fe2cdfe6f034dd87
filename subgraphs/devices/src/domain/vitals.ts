import { Field, Float, ObjectType } from 'type-graphql';
import type { Reading } from './reading.entity';
import { VITAL_SIGNS } from './vital-sign';

@ObjectType({ description: "A patient's latest reading of each vital sign" })
export class Vitals {
  @Field(() => Float, { nullable: true, description: 'Latest heart rate, per minute (LOINC 8867-4)' })
  heartRate: number | null = null;

  @Field(() => Float, { nullable: true, description: 'Latest oxygen saturation by pulse oximetry, % (LOINC 59408-5)' })
  oxygenSaturation: number | null = null;

  @Field(() => Float, { nullable: true, description: 'Latest body temperature, degrees Celsius (LOINC 8310-5)' })
  bodyTemperature: number | null = null;

  @Field(() => Float, { nullable: true, description: 'Latest systolic blood pressure, mm[Hg] (LOINC 8480-6)' })
  systolicBloodPressure: number | null = null;

  @Field(() => Float, { nullable: true, description: 'Latest diastolic blood pressure, mm[Hg] (LOINC 8462-4)' })
  diastolicBloodPressure: number | null = null;

  @Field(() => Float, { nullable: true, description: 'Latest body weight, kg (LOINC 29463-7)' })
  bodyWeight: number | null = null;

  @Field(() => Date, { nullable: true, description: 'When the newest of these readings was taken' })
  recordedAt: Date | null = null;
}

export type VitalsField = Exclude<keyof Vitals, 'recordedAt'>;

/** Folds a patient's latest reading of each vital sign into one Vitals; null when there are none. */
export function vitalsFrom(latestReadings: Reading[]): Vitals | null {
  if (latestReadings.length === 0) return null;
  const vitals = new Vitals();
  for (const reading of latestReadings) {
    vitals[VITAL_SIGNS[reading.code].vitalsField] = reading.value;
    if (!vitals.recordedAt || reading.recordedAt > vitals.recordedAt) vitals.recordedAt = reading.recordedAt;
  }
  return vitals;
}
