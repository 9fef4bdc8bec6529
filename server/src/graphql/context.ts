import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { loadActor, type Actor } from '../modules/users/actor.js';
import type { Services } from '../services.js';
import { AppError, unauthenticated } from './errors.js';
import { Loaders, sharedLoadersFor } from './loaders.js';
import type { EventBus, EventPosition } from '../events/event-bus.js';
import type { PubSubChannels } from './pubsub.js';

export interface Context {
  viewer: Actor | null;
  readonly loaders: Loaders;
  /**
   * A subscription's events: one stream (topic and key). The position of the
   * event being resolved is kept in `event`, and sent to the client with the
   * result, so the client can tell when it missed one.
   */
  subscribe<C extends keyof PubSubChannels>(
    topic: C,
    key: string,
  ): AsyncIterableIterator<PubSubChannels[C][1] & { seq: number }>;
  event: EventPosition | null;
  dataSource: DataSource;
  services: Services;
  requestId: string;
  /** The caller's network address (rate limits count per address). */
  ip: string;
  logger: Logger;
  /**
   * Replaces the loaders with fresh ones: subscriptions call it for every
   * event so nothing is served from a stale cache. Given the event, what
   * does not depend on the viewer is loaded once for all its subscribers.
   */
  renewLoaders(event?: object): void;
}

export interface ContextDeps {
  dataSource: DataSource;
  events: EventBus;
  services: Services;
  logger: Logger;
}

/** "Bearer <token>" or a bare token; null when absent. */
export function tokenFrom(authorization: unknown): string | null {
  if (typeof authorization !== 'string' || authorization.trim() === '') return null;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return (match?.[1] ?? authorization).trim();
}

/** Resolves the viewer of a token: null without one, UNAUTHENTICATED for a bad, expired or orphaned one. */
export async function viewerFor(deps: ContextDeps, token: string | null): Promise<Actor | null> {
  if (!token) return null;
  const userId = await deps.services.auth.verifyToken(token);
  const actor = await loadActor(deps.dataSource.manager, userId);
  if (!actor) throw new AppError(unauthenticated().code, 'Your account no longer exists; sign in again');
  return actor;
}

/** The one context builder, for HTTP requests and WebSocket operations alike. */
export function buildContext(
  deps: ContextDeps,
  viewer: Actor | null,
  ip: string,
  requestId: string = randomUUID(),
): Context {
  // Loaders and the child logger are made when first used: an idle subscription
  // (thousands of them per instance) keeps neither between its events.
  let loaders: Loaders | null = null;
  let logger: Logger | null = null;
  const context: Context = {
    viewer,
    get loaders() {
      return (loaders ??= new Loaders(deps.dataSource, viewer));
    },
    subscribe: (topic, key) => {
      loaders = null; // what the subscribe step loaded is not needed while waiting for events
      return deps.events.subscribe(topic, key, (position) => (context.event = position));
    },
    event: null,
    dataSource: deps.dataSource,
    services: deps.services,
    requestId,
    ip,
    get logger() {
      return (logger ??= deps.logger.child({ requestId }));
    },
    renewLoaders(event) {
      const shared = event ? sharedLoadersFor(deps.dataSource, event) : undefined;
      loaders = new Loaders(deps.dataSource, viewer, shared);
    },
  };
  return context;
}
