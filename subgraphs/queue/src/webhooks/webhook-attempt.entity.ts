import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType('WebhookDelivery', { description: 'One attempt to deliver an event to a webhook endpoint' })
@Entity({ name: 'webhook_attempt' })
export class WebhookAttempt {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier of the attempt' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The endpoint it was sent to' })
  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Field(() => ID, { description: 'The event delivered: the `id` in the body, the same on every attempt and replay' })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Field({ description: "The event's type, e.g. token.called" })
  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Field(() => Int, {
    description: 'Which attempt of the delivery this was: 1 for the first, counting again from 1 on a replay',
  })
  @Column({ type: 'integer' })
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when it did not answer" })
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Field(() => Int, { description: 'Milliseconds from sending to the answer (or to giving up)' })
  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed; null when it was delivered' })
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Field({ description: 'True when the receiver answered 2xx' })
  @Column({ type: 'boolean' })
  delivered!: boolean;

  @Field({ description: 'When the attempt was made' })
  @Column({ name: 'attempted_at', type: 'timestamptz', precision: 3 })
  attemptedAt!: Date;
}
