import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { connectRedis, disconnectRedis } from '../redis.js';
import type { EventBus, Relay } from './event-bus.js';
import type { StoredEvent } from './outbox.js';

/**
 * Carries committed events between instances over Redis pub/sub, which is
 * at-most-once: a message published while a subscriber is disconnected is
 * gone. The bus makes up for it from the outbox, so nothing here retries or
 * queues: a publish while Redis is away is dropped at once (no offline queue,
 * so writers never wait for Redis), and reconnecting triggers a catch-up.
 */
export function connectRedisRelay(
  url: string,
  /** One channel per database: instances of one platform share it, other platforms on the same Redis do not. */
  channel: string,
  bus: EventBus,
  logger: Logger,
  /** The instance's command connection (shared with the rate limits; closed by its owner). */
  publisher: Redis,
): Relay {
  // A connection in subscriber mode can do nothing else: it is the relay's own.
  const subscriber = connectRedis(url, 'commonweal-events-sub', logger);

  let subscribed = false;
  subscriber.on('message', (_channel: string, message: string) => {
    for (const event of parse(message)) bus.receive(event);
  });
  // Subscribe on every (re)connection; whatever was published while we were away is in the outbox.
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel)
      .then(() => {
        subscribed = true;
        void bus.catchUp();
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not subscribe to Redis'));
  });
  subscriber.on('close', () => (subscribed = false));

  return {
    send(events) {
      if (publisher.status !== 'ready') return;
      publisher.publish(channel, JSON.stringify(events)).catch(() => undefined);
    },
    connected: () => subscribed && subscriber.status === 'ready',
    async close() {
      await disconnectRedis(subscriber);
    },
  };
}

function parse(message: string): StoredEvent[] {
  try {
    const value: unknown = JSON.parse(message);
    return Array.isArray(value) ? (value as StoredEvent[]).filter(isEvent) : [];
  } catch {
    return [];
  }
}

const isEvent = (e: unknown): e is StoredEvent =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as StoredEvent).stream === 'string' &&
  typeof (e as StoredEvent).topic === 'string' &&
  Number.isSafeInteger((e as StoredEvent).seq) &&
  typeof (e as StoredEvent).payload === 'object';
