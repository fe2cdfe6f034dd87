import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event as it was delivered, kept so that it can be sent again (by its id) with the same body. */
@Entity({ name: 'webhook_event' })
export class WebhookEvent {
  /** The durable event's id: the `id` of every delivery of it, replays included. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}
