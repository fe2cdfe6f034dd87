import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the estimate refresh last settled for a service (see estimate-refresh.ts): the minutes each
 * place in line was last announced to add, and the schedule alert while the waits of booked patients
 * run past their slots. Not part of the schema itself: `Service.scheduleAlert` reads it.
 */
@Entity({ name: 'service_estimate' })
export class ServiceEstimate {
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  /** The minutes per place ahead that the last ESTIMATES_UPDATED event announced (or the default). */
  @Column({ name: 'minutes_per_place', type: 'double precision' })
  minutesPerPlace!: number;

  @Column({ name: 'alert_longest_wait_minutes', type: 'integer', nullable: true })
  alertLongestWaitMinutes!: number | null;

  @Column({ name: 'alert_slot_minutes', type: 'integer', nullable: true })
  alertSlotMinutes!: number | null;

  @Column({ name: 'alert_since', type: 'timestamptz', precision: 3, nullable: true })
  alertSince!: Date | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz', precision: 3 })
  refreshedAt!: Date;
}
