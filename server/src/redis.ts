import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A Redis connection as every part of the server uses it: commands fail at
 * once while Redis is away (no offline queue: nobody waits for it, each user
 * has its own fallback), reconnects are tried at most every 2 s, and an
 * outage is logged once, not once per attempt.
 */
export function connectRedis(url: string, name: string, logger: Logger): Redis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    autoResubscribe: false, // subscribers subscribe again on 'ready' themselves
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error, client: name }, 'Redis unavailable');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ client: name }, 'Redis is back');
    down = false;
  });
  // Redis being away at start-up is an outage like any other: the server starts without it.
  client.connect().catch(() => undefined);
  return client;
}

/** Closes a connection and waits until it is closed. */
export async function disconnectRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'reconnecting' || client.status === 'wait') {
    client.disconnect(); // no socket open: nothing to wait for (and no 'end' may come)
    return;
  }
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.disconnect();
  await ended;
}
