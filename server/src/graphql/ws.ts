import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { decodeJwt } from 'jose';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { clientAddress } from '../client-address.js';
import type { CompiledOperations } from './jit.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { buildContext, tokenFrom, viewerFor, type Context, type ContextDeps } from './context.js';
import type { EventPosition } from '../events/event-bus.js';
import type { Actor } from '../modules/users/actor.js';
import type { createErrorFormatter } from './errors.js';
import { cachedOperationChecker, nulCharacterAt, nulCharacterError, type QueryLimits } from './limits.js';
import { codeLabel, type Metrics } from './metrics.js';
import type { ValidationRule } from 'graphql';

type Formatter = ReturnType<typeof createErrorFormatter>;

/** Close codes this server uses beyond the graphql-ws protocol's own. */
export const WS_CLOSE = {
  /** The session token expired while the socket was open: sign in again. */
  tokenExpired: 4403,
  /** This address has too many sockets open. */
  tooManyConnections: 4429,
} as const;

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Runs each subscription's events through its compiled operation. */
  operations: CompiledOperations;
  deps: ContextDeps;
  config: Pick<
    Config,
    | 'WS_MAX_PAYLOAD_BYTES'
    | 'WS_CONNECTION_INIT_TIMEOUT_MS'
    | 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION'
    | 'WS_MAX_CONNECTIONS_PER_IP'
    | 'TRUST_PROXY'
  >;
  limits: QueryLimits;
  rules: readonly ValidationRule[];
  formatError: Formatter;
  logger: Logger;
  metrics: Metrics;
}

type Extra = {
  /**
   * Who the socket's token names, resolved once at connection_init: every
   * subscription of the socket runs as this viewer (a token's account cannot
   * change hands, and the token's expiry closes the socket).
   */
  viewer: Actor | null;
  expiry: { cancel(): void } | null;
};

/** setTimeout's longest delay (about 24.8 days); longer tokens are re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The graphql-ws server on /graphql, with the same limits as HTTP: a bad
 * token is refused at connection_init, a token that expires ends the socket,
 * every operation is parsed and validated with the HTTP limits, and sockets,
 * messages and subscriptions are capped.
 */
export function attachWebSocketServer(options: WebSocketOptions): { dispose(): Promise<void>; close(): void } {
  const { httpServer, schema, operations, deps, config, limits, rules, formatError, logger, metrics } = options;
  const checkOperationCached = cachedOperationChecker(schema, limits, rules);
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    // The ws default is 100 MiB: a frame above this closes the socket (1009) before it is buffered.
    maxPayload: config.WS_MAX_PAYLOAD_BYTES,
  });

  const perAddress = new Map<string, number>();
  // Active subscriptions are counted when scraped, from the connections' own bookkeeping.
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();
  metrics.countSubscriptionsWith(() => {
    let active = 0;
    for (const c of connections) active += Object.values(c.subscriptions).filter(Boolean).length;
    return active;
  });
  wsServer.on('connection', (socket, request) => {
    metrics.sockets.inc();
    socket.once('close', () => metrics.sockets.dec());
    const address = clientAddress(request, config.TRUST_PROXY);
    const open = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    if (open > config.WS_MAX_CONNECTIONS_PER_IP) {
      logger.warn({ address, open }, 'too many sockets from one address');
      socket.close(WS_CLOSE.tooManyConnections, 'Too many connections');
    }
  });

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      connectionInitWaitTimeout: config.WS_CONNECTION_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        const token = tokenFrom(ctx.connectionParams?.['authorization']);
        try {
          ctx.extra.viewer = await viewerFor(deps, token);
        } catch {
          return false; // closes with 4403 Forbidden: a bad token is refused at connection_init
        }
        connections.add(ctx);
        ctx.extra.expiry = token ? closeAtExpiry(ctx.extra.socket, token) : null;
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        ctx.extra.expiry?.cancel();
      },
      // Apollo's validation does not run here: the same parse limits and rules apply to every WebSocket operation.
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            new GraphQLError(`At most ${config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`, {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        const checked = checkOperationCached(payload.query);
        if ('errors' in checked) return checked.errors;
        const nul = nulCharacterAt(checked.document, payload.variables ?? undefined);
        if (nul) return [nulCharacterError(nul)];
        // Mutations go over HTTP, where the rate limits and CSRF prevention apply.
        if (getOperationAST(checked.document, payload.operationName)?.operation === 'mutation') {
          return [new GraphQLError('Send mutations over HTTP', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        return {
          schema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      // Every event of a subscription runs the same document for each subscriber: compiled once.
      subscribe: (args) => operations.subscribe(args),
      context: (ctx) =>
        buildContext(deps, ctx.extra.viewer ?? null, clientAddress(ctx.extra.request, config.TRUST_PROXY)),
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors) metrics.errors.inc({ code: codeLabel(e.extensions['code']) });
        return errors.map((e) => formatError(e.toJSON(), e));
      },
      onNext: (_ctx, _id, _payload, args, result) =>
        withEventPosition(formatResult(result, formatError) ?? result, (args.contextValue as Context).event),
    },
    wsServer,
  );

  return {
    dispose: async () => {
      await cleanup.dispose();
    },
    close: () => wsServer.close(),
  };
}

/** Ends the socket when its session token expires, so no subscription outlives the session. */
function closeAtExpiry(
  socket: { close(code: number, reason: string): void },
  token: string,
): { cancel(): void } | null {
  const exp = decodeJwt(token).exp;
  if (exp === undefined) return null;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const remaining = exp * 1000 - Date.now();
    if (remaining <= 0) return socket.close(WS_CLOSE.tokenExpired, 'Token expired');
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

/**
 * Tells the client which event of its stream a result answers
 * (`extensions.event.seq`: 1, 2, 3 … per stream, without gaps) and which
 * one it got before (`previous`), so it can notice one it never got and
 * reload what it shows.
 */
function withEventPosition(
  result: ExecutionResult | FormattedExecutionResult,
  event: EventPosition | null,
): ExecutionResult | FormattedExecutionResult {
  if (!event) return result;
  return { ...result, extensions: { ...result.extensions, event: { seq: event.seq, previous: event.previous } } };
}

/** Subscription events get the same error formatting as HTTP responses. */
function formatResult(result: ExecutionResult, formatError: Formatter): FormattedExecutionResult | void {
  if (!result.errors?.length) return;
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
}
