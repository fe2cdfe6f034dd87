import { AUDIT_SCHEMA } from '@clinicflow/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum MembershipChange {
  JOINED = 'JOINED',
  LEFT = 'LEFT',
}
registerEnumType(MembershipChange, {
  name: 'MembershipChange',
  description: 'Whether a person joined or left a live-subscription group',
  valuesConfig: {
    JOINED: { description: 'Subscribed: from now on the group delivers its events to them' },
    LEFT: { description: 'Unsubscribed or disconnected: no more events' },
  },
});

/**
 * One row of the platform's append-only `audit.subscription_member`: a person joining or leaving a
 * live-subscription group. The audit log names a live event's reader by its group; these rows say who
 * was in the group then. Written by the gateway through `recordSubscriptionMembership`; never changed.
 */
@ObjectType({ description: 'A person joining or leaving a live-subscription group, for the audit log' })
@Entity({ schema: AUDIT_SCHEMA, name: 'subscription_member' })
export class SubscriptionMembership {
  @Field(() => ID, { description: 'Stable identifier of this record' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Field({ description: 'The group, as the audit log names its reads: subscription-group:<key>' })
  @Column({ name: 'group_subject', type: 'text' })
  groupSubject!: string;

  @Field(() => MembershipChange, { description: 'Joined or left' })
  @Column({ type: 'text' })
  change!: MembershipChange;

  @Field({ description: 'When, by the gateway that served the subscription' })
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Field({ description: "The member's token subject" })
  @Column({ type: 'text' })
  subject!: string;

  @Field({ description: "The member's role" })
  @Column({ type: 'text' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'Through which app: the OAuth client id, when there is one' })
  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId!: string | null;

  @Field(() => String, { nullable: true, description: "From where: the member's address, when the gateway had it" })
  @Column({ type: 'text', nullable: true })
  ip!: string | null;
}
