import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { EventBus, Relay } from './event-bus.js';
import type { StoredEvent } from './outbox.js';

/**
 * Carries committed events between instances over Redis pub/sub, which is
 * at-most-once: a message published while a subscriber is disconnected is
 * gone. The bus makes up for it from the outbox, so nothing here retries or
 * queues: a publish while Redis is away is dropped at once (no offline queue,
 * so writers never wait for Redis), and reconnecting triggers a catch-up.
 */
export async function connectRedisRelay(
  url: string,
  /** One channel per database: instances of one platform share it, other platforms on the same Redis do not. */
  channel: string,
  bus: EventBus,
  logger: Logger,
): Promise<Relay> {
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Keep trying, at most every 2 s: Redis coming back must be noticed soon.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    autoResubscribe: false, // subscribed again on 'ready' below, followed by a catch-up
  };
  const publisher = new Redis(url, { ...options, connectionName: 'commonweal-pub' });
  const subscriber = new Redis(url, { ...options, connectionName: 'commonweal-sub' });
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // ioredis reports every failed reconnect as an error event; one line per outage is enough.
    let down = false;
    client.on('error', (error: Error) => {
      if (!down)
        logger.warn(
          { err: error, client: name },
          'Redis unavailable: live events between instances go through the outbox',
        );
      down = true;
    });
    client.on('ready', () => {
      if (down) logger.info({ client: name }, 'Redis is back');
      down = false;
    });
  }

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

  // Redis being away at start-up is an outage like any other: the server starts and the bus polls.
  await Promise.all([publisher.connect().catch(() => undefined), subscriber.connect().catch(() => undefined)]);

  return {
    send(events) {
      if (publisher.status !== 'ready') return;
      publisher.publish(channel, JSON.stringify(events)).catch(() => undefined);
    },
    connected: () => subscribed && subscriber.status === 'ready',
    async close() {
      const ended = (client: Redis) =>
        client.status === 'end' ? undefined : new Promise<void>((resolve) => client.once('end', () => resolve()));
      const both = Promise.all([ended(publisher), ended(subscriber)]);
      publisher.disconnect();
      subscriber.disconnect();
      await both;
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
