import { Connection, type DeadLetter, type DeadLetterStatus, type PayloadReference } from '@clinicflow/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Where a failed delivery stands; the values are the platform's `DeadLetterStatus`. */
export enum FailedDeliveryStatus {
  WAITING = 'waiting',
  REPLAYED = 'replayed',
  DISCARDED = 'discarded',
}
registerEnumType(FailedDeliveryStatus, {
  name: 'FailedDeliveryStatus',
  description: 'Where a failed delivery stands',
  valuesConfig: {
    WAITING: { description: 'Waits in the dead-letter queue for staff to replay or discard it' },
    REPLAYED: { description: 'Queued again for its consumer, with a fresh set of attempts' },
    DISCARDED: { description: 'Given up on, with a reason' },
  },
});

@ObjectType({ description: 'A record an event was about, named by the payload field that held its id' })
export class DeliveryReference implements PayloadReference {
  @Field({ description: 'The payload field, such as `patientId`' })
  field!: string;

  @Field(() => ID, { description: 'The ClinicFlow id it held' })
  id!: string;
}

@ObjectType({
  description:
    "An event (or job) that a consumer failed to handle on every attempt, kept in the consumer's dead-letter queue. It shows which records the event was about by their ids only, never other payload values",
})
export class FailedDelivery implements DeadLetter {
  @Field(() => ID, { description: 'The failed delivery; pass it to replayDelivery or discardDelivery' })
  id!: string;

  @Field({ description: 'The consumer that failed, by its queue name (`<service>.<what it does>`)' })
  consumer!: string;

  @Field({ description: "The event's name; for a job sent straight to the consumer, the consumer's name" })
  event!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The event id consumers dedupe on: the same on every attempt and after a replay (for a job sent straight to the consumer, the failed job)',
  })
  eventId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The id the event's order is kept by (such as the patient's), when it has one",
  })
  key!: string | null;

  @Field(() => [DeliveryReference], { description: 'The ids in the payload, by field' })
  references!: DeliveryReference[];

  @Field(() => [String], { description: "The payload's other fields, by name only: their values are not shown" })
  withheldFields!: string[];

  @Field({
    description:
      "Why it failed: the last attempt's error message (e-mail addresses and phone numbers masked, at most 500 characters)",
  })
  error!: string;

  @Field(() => Int, { description: 'How many attempts were made before it was given up on' })
  attempts!: number;

  @Field({
    description:
      'When the first attempt started (when that attempt ended in a crash, the time the event was published or queued)',
  })
  firstAttemptAt!: Date;

  @Field({ description: 'When the last attempt started' })
  lastAttemptAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the event was published; null for a job sent straight to the consumer',
  })
  publishedAt!: Date | null;

  @Field(() => FailedDeliveryStatus, { description: 'Whether it waits, was replayed or was discarded' })
  status!: DeadLetterStatus;

  @Field(() => Date, { nullable: true, description: 'When it was replayed or discarded' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who replayed or discarded it (their user id)' })
  resolvedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was discarded' })
  discardReason!: string | null;

  @Field(() => ID, { nullable: true, description: "The new delivery a replay queued in the consumer's queue" })
  replayDeliveryId!: string | null;
}

@ObjectType({ description: 'A page of failed deliveries, the most recent failure first' })
export class FailedDeliveryConnection extends Connection(FailedDelivery) {}
