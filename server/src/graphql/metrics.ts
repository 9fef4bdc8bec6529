import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Context } from './context.js';
import { RESPONSE_CODES } from './errors.js';

/** Error codes are a closed set; anything else counts as OTHER, so clients cannot grow the label space. */
export const codeLabel = (code: unknown): string =>
  typeof code === 'string' && RESPONSE_CODES.has(code) ? code : 'OTHER';

/**
 * The server's Prometheus metrics (prom-client), in a registry of their own
 * so several apps in one process (tests) do not collide. Labels are bounded:
 * operation type, outcome and error code, never names chosen by clients.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'commonweal_' });
  const requests = new Counter({
    name: 'commonweal_graphql_requests_total',
    help: 'GraphQL operations over HTTP, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'commonweal_graphql_request_duration_seconds',
    help: 'GraphQL operation latency over HTTP',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'commonweal_graphql_errors_total',
    help: 'GraphQL errors sent to clients (HTTP and WebSocket), by code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const publicCache = new Counter({
    name: 'commonweal_public_cache_lookups_total',
    help: 'Anonymous queries looked up in the public query cache, by result (hit, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const sockets = new Gauge({
    name: 'commonweal_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
  });
  let countSubscriptions = (): number => 0;
  new Gauge({
    name: 'commonweal_active_subscriptions',
    help: 'Active GraphQL subscriptions',
    registers: [registry],
    collect() {
      this.set(countSubscriptions());
    },
  });

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const stop = duration.startTimer();
      let type = 'unknown';
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? 'unknown';
        },
        async willSendResponse({ response }) {
          stop({ type });
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const failed = body?.errors?.length ? body.errors : [];
          for (const e of failed) errors.inc({ code: codeLabel(e.extensions?.['code']) });
          requests.inc({ type, outcome: failed.length > 0 ? 'error' : 'ok' });
        },
      };
    },
  };

  return {
    registry,
    plugin,
    errors,
    publicCache,
    sockets,
    /** Tells the gauge how to count active subscriptions when scraped. */
    countSubscriptionsWith(count: () => number): void {
      countSubscriptions = count;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
