import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { buildContext, tokenFrom, viewerFor, type Context, type ContextDeps } from './graphql/context.js';
import { AppError, createErrorFormatter, toGraphQLError } from './graphql/errors.js';
import { checkOperation, limitRules, queryLimitsOf } from './graphql/limits.js';
import { createAppPubSub, type AppPubSub } from './graphql/pubsub.js';
import { buildAppSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';
import { ledgerCsvRouter } from './modules/ledger/ledger.http.js';
import { surveyCsvRouter } from './modules/surveys/surveys.http.js';
import { createServices, type Services } from './services.js';

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  pubsub?: AppPubSub;
}

export interface App {
  httpServer: Server;
  services: Services;
  pubsub: AppPubSub;
  /** Starts listening; resolves with the port actually bound (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds the HTTP + WebSocket application without listening, so tests can
 * start it in-process. API at /graphql (HTTP and graphql-ws on one port),
 * probes at /healthz and /readyz, the built client at /.
 */
export async function createApp({ config, dataSource, logger, pubsub = createAppPubSub() }: AppDeps): Promise<App> {
  const services = createServices(dataSource, pubsub, config);
  const deps: ContextDeps = { dataSource, pubsub, services, logger };
  const schema = await buildAppSchema(pubsub);
  const formatError = createErrorFormatter(logger, config.isProduction);
  const limits = queryLimitsOf(config);
  const rules = limitRules(limits);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { viewerToken: string | null }>(
    {
      schema,
      onConnect: async (ctx) => {
        const token = tokenFrom(ctx.connectionParams?.['authorization']);
        try {
          await viewerFor(deps, token);
        } catch {
          return false; // closes with 4403 Forbidden: a bad token is refused at connection_init
        }
        ctx.extra.viewerToken = token;
        return true;
      },
      // Apollo's validation does not run here: the same parse limits and rules apply to every WebSocket operation.
      onSubscribe: (_ctx, _id, payload) => {
        const checked = checkOperation(schema, payload.query, limits, rules);
        if ('errors' in checked) return checked.errors;
        return {
          schema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      context: async (ctx) => buildContext(deps, await viewerFor(deps, ctx.extra.viewerToken ?? null)),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => toFormatted(e, formatError)),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, formatError),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: !config.isProduction,
    hideSchemaDetailsFromClientErrors: limits.hideSchema,
    includeStacktraceInErrorResponses: false,
    validationRules: rules,
    parseOptions: { maxTokens: limits.maxTokens },
    // Batched HTTP operations stay off (Apollo's default): one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
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
  app.use(surveyCsvRouter(deps));
  app.get('/config.json', (_req, res) => {
    res.json({ demoMode: config.demoMode });
  });

  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return buildContext(deps, await viewerFor(deps, tokenFrom(req.headers.authorization)));
        } catch (error) {
          throw error instanceof AppError ? toGraphQLError(error) : error;
        }
      },
    }),
  );

  if (existsSync(config.CLIENT_DIST)) {
    app.use(express.static(config.CLIENT_DIST, { index: false, maxAge: '1h' }));
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
    pubsub,
    listen: (port, host = config.HOST) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      await apollo.stop();
      wsServer.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

type Formatter = ReturnType<typeof createErrorFormatter>;

function toFormatted(error: GraphQLError, formatError: Formatter) {
  return formatError(error.toJSON(), error);
}

/** Subscription events get the same error formatting as HTTP responses. */
function formatResult(result: ExecutionResult, formatError: Formatter): FormattedExecutionResult | void {
  if (!result.errors?.length) return;
  return { ...result, errors: result.errors.map((e) => toFormatted(e, formatError)) };
}
