import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookEventType } from './webhook-event-type';

@ObjectType({ description: "A third party's URL that receives signed event deliveries" })
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpoint {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: "The third-party app (OAuth client id) that owns it; null when the clinic's admins registered it",
  })
  @Column({ name: 'owner_client_id', type: 'text', nullable: true })
  ownerClientId!: string | null;

  @Field({ description: 'Where deliveries are POSTed: an https URL' })
  @Column({ type: 'text' })
  url!: string;

  @Field(() => String, { nullable: true, description: "The owner's note on what the endpoint is for" })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => [WebhookEventType], { description: 'The events delivered to it' })
  @Column({ type: 'text', array: true })
  events!: WebhookEventType[];

  @Field(() => ID, { nullable: true, description: "Only this facility's events; null for every facility's" })
  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId!: string | null;

  @Field({ description: 'False once disabled: nothing is delivered to it until it is enabled again' })
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** The signing secret, sealed with WEBHOOK_SECRET_KEY (secret-box.ts); shown once, never read back. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed!: string;

  @Field({ description: 'When the signing secret was generated or last rotated' })
  @Column({ name: 'secret_rotated_at', type: 'timestamptz', precision: 3 })
  secretRotatedAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Field({ description: 'When it was registered' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
