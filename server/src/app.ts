import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { clientAddress } from './client-address.js';
import type { Config } from './config.js';
import { buildContext, tokenFrom, viewerFor, type Context, type ContextDeps } from './graphql/context.js';
import { attachWebSocketServer } from './graphql/ws.js';
import { AppError, createErrorFormatter, toGraphQLError } from './graphql/errors.js';
import { limitRules, nulCharacterAt, nulCharacterError, queryLimitsOf } from './graphql/limits.js';
import { codeLabel, createMetrics } from './graphql/metrics.js';
import { buildAppSchema } from './graphql/schema.js';
import { EventBus } from './events/event-bus.js';
import { connectRedisRelay } from './events/redis-relay.js';
import { connectRedis, disconnectRedis } from './redis.js';
import type { Logger } from './logger.js';
import { currentAuditScope, runInAuditScope } from './modules/audit/audit-scope.js';
import { ledgerCsvRouter } from './modules/ledger/ledger.http.js';
import { CompiledOperations } from './graphql/jit.js';
import { PublicQueryCache } from './graphql/public-cache.js';
import { countStatementsIn, SQL_COUNT_HEADER, statementsSoFar } from './db/sql-count.js';
import { activityRouter } from './modules/activity/activity.http.js';
import { sharingRouter } from './modules/sharing/sharing.http.js';
import { surveyCsvRouter } from './modules/surveys/surveys.http.js';
import { createServices, type Services } from './services.js';

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}

export interface App {
  httpServer: Server;
  services: Services;
  events: EventBus;
  /** Starts listening; resolves with the port actually bound (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds the HTTP + WebSocket application without listening, so tests can
 * start it in-process. API at /graphql (HTTP and graphql-ws on one port),
 * probes at /healthz and /readyz, the built client at /.
 */
export async function createApp({ config, dataSource, logger }: AppDeps): Promise<App> {
  const events = new EventBus(dataSource, logger, {
    pollMs: config.EVENTS_POLL_MS,
    sweepMs: config.EVENTS_SWEEP_MS,
    retentionSeconds: config.EVENTS_RETENTION_SECONDS,
  });
  // One command connection for the rate limits and for publishing events; the relay adds its subscriber.
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, 'commonweal', logger) : null;
  const channel = `commonweal:events:${String(dataSource.driver.database ?? 'default')}`;
  events.start(config.REDIS_URL && redis ? connectRedisRelay(config.REDIS_URL, channel, events, logger, redis) : null);
  const services = createServices(dataSource, events, config, { redis, logger });
  services.webhooks.start();
  const deps: ContextDeps = { dataSource, events, services, logger };
  const schema = await buildAppSchema();
  const operations = new CompiledOperations(schema);
  const formatError = createErrorFormatter(logger, config.isProduction);
  const metrics = createMetrics();
  const publicCache = new PublicQueryCache(
    dataSource,
    { entries: config.PUBLIC_CACHE_ENTRIES, maxAgeMs: config.PUBLIC_CACHE_MAX_AGE_MS },
    metrics.publicCache,
  );
  const limits = queryLimitsOf(config);
  const rules = limitRules(limits);

  const app = express();
  app.disable('x-powered-by');
  // The proxies clientAddress trusts, so Express's own req.ip and req.protocol read the same hops.
  app.set('trust proxy', config.TRUST_PROXY);
  // Security headers (helmet's defaults: a same-origin CSP, HSTS, nosniff, frame-ancestors 'none' ...).
  app.use(helmet());
  // Other origins only from the allow-list; without one, browsers allow the server's own origin only.
  app.use(cors({ origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false }));
  const httpServer = createHttpServer(app);

  const ws = attachWebSocketServer({
    httpServer,
    schema,
    operations,
    deps,
    config,
    limits,
    rules,
    formatError,
    logger,
    metrics,
  });

  const apollo = new ApolloServer<Context>({
    gateway: operations.apolloGateway(),
    formatError,
    introspection: !config.isProduction,
    hideSchemaDetailsFromClientErrors: limits.hideSchema,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it drains this server, then the database, then exits 0.
    stopOnTerminationSignals: false,
    validationRules: rules,
    parseOptions: { maxTokens: limits.maxTokens },
    // Batched HTTP operations stay off (Apollo's default): one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    plugins: [
      // No cache hints are used; Apollo's default cache-control plugin would still hook every field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await ws.dispose()) }) },
      metrics.plugin,
      ...(config.SQL_COUNT_HEADER ? [sqlCountPlugin] : []),
      {
        // One structured line per operation: request id, type, time, error codes (never variables).
        requestDidStart: async ({ contextValue }) => {
          const started = performance.now();
          return {
            willSendResponse: async ({ response, operation }) => {
              const body = response.body.kind === 'single' ? response.body.singleResult : null;
              contextValue.logger?.info(
                {
                  operation: operation?.operation ?? null,
                  ms: performance.now() - started,
                  errors: body?.errors?.map((e) => codeLabel(e.extensions?.['code'])) ?? [],
                },
                'graphql request',
              );
            },
          };
        },
      },
      {
        // NUL characters are refused up front (PostgreSQL cannot store them); then every mutation counts
        // against its caller (mutations are HTTP only: the WebSocket refuses them).
        requestDidStart: async () => ({
          didResolveOperation: async ({ operation, contextValue, document, request }) => {
            const nul = nulCharacterAt(document, request.variables);
            if (nul) throw nulCharacterError(nul);
            if (operation?.operation !== 'mutation') return;
            try {
              await services.rateLimits.mutation({ userId: contextValue.viewer?.user.id ?? null, ip: contextValue.ip });
            } catch (error) {
              throw error instanceof AppError ? toGraphQLError(error) : error;
            }
          },
        }),
      },
      // Last: an anonymous query is answered from the cache only after every check above passed.
      publicCache.plugin(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.use(ledgerCsvRouter({ dataSource, ledger: services.ledger, logger }));
  app.use(activityRouter({ activity: services.activity, dataSource, publicUrl: config.PUBLIC_URL }));
  app.use(surveyCsvRouter(deps));
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.get('/config.json', (_req, res) => {
    res.json({ demoMode: config.demoMode });
  });

  app.use(
    '/graphql',
    // Benchmarks and the statement-counting tests: each request tallies its SQL statements (sqlCountPlugin sends the tally).
    (_req, _res, next) => (config.SQL_COUNT_HEADER ? countStatementsIn(next) : next()),
    // Each request runs in its own audit scope; the context fills in the actor once the token is checked.
    (_req, _res, next) => runInAuditScope({ requestId: randomUUID(), actorId: null, actorRole: null }, next),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const viewer = await viewerFor(deps, tokenFrom(req.headers.authorization));
          const scope = currentAuditScope();
          if (scope) {
            scope.actorId = viewer?.user.id ?? null;
            scope.actorRole = viewer?.effectiveRole ?? null;
          }
          return buildContext(deps, viewer, clientAddress(req, config.TRUST_PROXY), scope?.requestId);
        } catch (error) {
          throw error instanceof AppError ? toGraphQLError(error) : error;
        }
      },
    }),
  );

  // A body the JSON parser refuses (too large, not JSON) gets a GraphQL-shaped error, never an HTML stack.
  app.use('/graphql', (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = (error as { status?: number }).status;
    if (!status || status >= 500) return next(error);
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    res.status(status).json({
      errors: [
        {
          message: tooLarge ? 'The request body is too large' : 'The request body is not valid JSON',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  if (existsSync(config.CLIENT_DIST)) {
    app.use(express.static(config.CLIENT_DIST, { index: false, maxAge: '1h' }));
    // Public pages with their previews (Open Graph tags, card images) and short links.
    app.use(
      sharingRouter({
        sharing: services.sharing,
        dataSource,
        clientDist: config.CLIENT_DIST,
        publicUrl: config.PUBLIC_URL,
        logger,
      }),
    );
    // The client routes in the browser: every other GET gets the app shell.
    app.get(/^(?!\/graphql).*/, (_req, res) => {
      res.sendFile(join(config.CLIENT_DIST, 'index.html'));
    });
  } else {
    logger.warn({ dir: config.CLIENT_DIST }, 'client not built: serving the API only');
  }

  return {
    httpServer,
    services,
    events,
    listen: (port, host = config.HOST) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      await services.webhooks.stop();
      await apollo.stop();
      ws.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await events.close();
      if (redis) await disconnectRedis(redis);
    },
  };
}

/** SQL_COUNT_HEADER=true: the response names how many SQL statements the operation ran. */
const sqlCountPlugin: ApolloServerPlugin<Context> = {
  requestDidStart: async () => ({
    willSendResponse: async ({ response }) => {
      const statements = statementsSoFar();
      if (statements !== null) response.http.headers.set(SQL_COUNT_HEADER, String(statements));
    },
  }),
};
