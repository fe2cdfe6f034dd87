export { createLiveEvents, type LiveEvents, type LivePubSub } from './pubsub';
export { createDurableEvents, DURABLE_EVENTS_SCHEMA, publishInTransaction, transactionDb } from './durable-events';
export {
  isEventEnvelope,
  publishEvent,
  type EventEnvelope,
  type EventHeader,
  type PublishedEvent,
  type PublishOptions,
} from './published-events';
export {
  DEAD_LETTER_SUFFIX,
  deadLetterQueueOf,
  DEFAULT_RETRY,
  defineConsumer,
  eventDeliveries,
  startConsumers,
  type Consumer,
  type ConsumerOptions,
  type Delivery,
  type RetryPolicy,
  type RunningConsumers,
} from './consumers';
export {
  DeadLetters,
  DISCARD_REASON_LENGTH,
  summarizePayload,
  type DeadLetter,
  type DeadLetterStatus,
  type PayloadReference,
} from './dead-letters';
export { scrubMessage, type FailureRecord } from './failure-record';
export * from './contracts';
