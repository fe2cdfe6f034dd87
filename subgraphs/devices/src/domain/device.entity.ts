import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VitalSign } from './vital-sign';

export enum DeviceKind {
  PULSE_OXIMETER = 'pulse_oximeter',
  BLOOD_PRESSURE_MONITOR = 'blood_pressure_monitor',
  THERMOMETER = 'thermometer',
  SCALE = 'scale',
  MULTI_PARAMETER_MONITOR = 'multi_parameter_monitor',
}
registerEnumType(DeviceKind, {
  name: 'DeviceKind',
  description: 'What sort of device it is, which decides the vital signs it can measure',
  valuesConfig: {
    PULSE_OXIMETER: { description: 'Measures oxygen saturation and heart rate' },
    BLOOD_PRESSURE_MONITOR: { description: 'Measures systolic and diastolic blood pressure and heart rate' },
    THERMOMETER: { description: 'Measures body temperature' },
    SCALE: { description: 'Measures body weight' },
    MULTI_PARAMETER_MONITOR: { description: 'A bedside monitor that measures every vital sign' },
  },
});

/** The vital signs each kind of device can report; anything else it sends is a fault. */
export const MEASURES: Record<DeviceKind, VitalSign[]> = {
  [DeviceKind.PULSE_OXIMETER]: [VitalSign.OXYGEN_SATURATION, VitalSign.HEART_RATE],
  [DeviceKind.BLOOD_PRESSURE_MONITOR]: [
    VitalSign.SYSTOLIC_BLOOD_PRESSURE,
    VitalSign.DIASTOLIC_BLOOD_PRESSURE,
    VitalSign.HEART_RATE,
  ],
  [DeviceKind.THERMOMETER]: [VitalSign.BODY_TEMPERATURE],
  [DeviceKind.SCALE]: [VitalSign.BODY_WEIGHT],
  [DeviceKind.MULTI_PARAMETER_MONITOR]: Object.values(VitalSign),
};

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A medical device that measures vital signs, such as a pulse oximeter' })
@Entity({ name: 'device' })
export class Device {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: "The manufacturer's serial number, unique across the clinic" })
  @Column({ type: 'text', unique: true })
  serial!: string;

  @Field(() => DeviceKind, { description: 'What sort of device it is' })
  @Column({ type: 'text' })
  kind!: DeviceKind;

  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId!: string | null;

  /** Readings the device sends are recorded for this patient; null while it is unassigned. */
  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the device last sent a reading' })
  @Column({ name: 'last_seen_at', type: 'timestamptz', precision: 3, nullable: true })
  lastSeenAt!: Date | null;

  @Field({ description: 'When the device was registered' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
