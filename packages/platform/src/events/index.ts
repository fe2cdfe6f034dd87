export { createLiveEvents, type LiveEvents, type LivePubSub } from './pubsub';
export { createDurableEvents, publishInTransaction } from './durable-events';
