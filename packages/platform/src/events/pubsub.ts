import { PubSub } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import type { PubSub as TypeGraphqlPubSub } from 'type-graphql';

/**
 * Live events. Redis when REDIS_URL is set, so several gateway and subgraph replicas see every
 * event; in-process otherwise (one process, embedded mode). Publish only after the change commits.
 */
export interface LiveEvents {
  pubSub: LivePubSub;
  close(): Promise<void>;
}

/** Publishing is awaitable, so a caller can tell when Redis has taken the event. */
export interface LivePubSub extends TypeGraphqlPubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  subscribe(topic: string): AsyncIterableIterator<unknown>;
}

export function createLiveEvents(redisUrl?: string): LiveEvents {
  if (!redisUrl) {
    const local = new PubSub();
    return {
      pubSub: {
        publish: (topic: string, payload: unknown) => local.publish(topic, payload),
        subscribe: (topic: string) => local.asyncIterableIterator(topic),
      },
      close: async () => {},
    };
  }
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: true };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, options);
  const redis = new RedisPubSub({ publisher, subscriber });
  return {
    pubSub: {
      publish: (topic: string, payload: unknown) => redis.publish(topic, payload),
      subscribe: (topic: string) => redis.asyncIterator<unknown>(topic),
    },
    close: async () => {
      await redis.close();
    },
  };
}
