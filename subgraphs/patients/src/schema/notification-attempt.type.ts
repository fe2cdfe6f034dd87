import { Field, ID, ObjectType } from 'type-graphql';
import { AttemptStatus } from '../domain/notification-attempts';
import { NotificationChannel } from '../domain/notification.entity';

/** One provider's part in one send of a notification: the delivery history keeps every one. */
@ObjectType({ description: "One provider's part in one send of a notification, and how it ended" })
export class NotificationAttempt {
  /** The notification it is part of (not a field: it is read below its notification). */
  notificationId!: string;

  @Field(() => ID, { description: 'The send attempt it belongs to (one attempt may ask several providers in turn)' })
  attemptId!: string;

  @Field({ description: 'The provider asked: twilio, sms-fallback or sendgrid' })
  provider!: string;

  @Field(() => NotificationChannel, { description: 'The channel the provider sends on' })
  channel!: NotificationChannel;

  @Field(() => AttemptStatus, { description: 'How it ended: refused, unconfirmed, sent, delivered or failed' })
  status!: AttemptStatus;

  @Field(() => String, {
    nullable: true,
    description: "Why it was refused, unconfirmed or failed, in the provider's codes",
  })
  reason!: string | null;

  @Field({ description: 'When the provider was asked, or first reported on it' })
  startedAt!: Date;

  @Field({ description: 'When its status last changed' })
  updatedAt!: Date;
}
