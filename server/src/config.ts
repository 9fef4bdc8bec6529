import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseTrustProxy } from './client-address.js';

/** The repository root: server/dist/config.js (or server/src/config.ts) -> ../../ */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default(join(REPO_ROOT, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 60 * 60),
  /** Query limits (graphql-armor rules on HTTP and WebSocket alike); the defaults leave room above what the client sends. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(10000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(10),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(10),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(4000),
  /** WebSocket limits: the largest message, the wait for connection_init, subscriptions per socket, sockets per address. */
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(25),
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(50),
  /** Browser origins other than the server's own that may call the API (comma-separated); empty: same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /**
   * Which proxies may name the client in X-Forwarded-For, as Express's "trust proxy": a hop count (`1`) or a
   * comma-separated list of addresses and subnets (`loopback, 10.0.0.0/8`); empty: none, the socket's peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Sign-in: failures before an account is locked (then 1x, 2x, 4x … the lock-out), failures per address per hour. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(60),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  /** Mutations per signed-in user (or per address when anonymous) per minute; donations per address per hour. */
  MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  DONATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Comments one user may post per minute; beyond it addComment answers RATE_LIMITED. */
  COMMENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Redis for live events between instances (pub/sub); unset: one instance, events stay in-process. */
  REDIS_URL: z.url().optional(),
  /** The event outbox: polled this often while Redis is down, swept this often while it is up, kept this long. */
  EVENTS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  EVENTS_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
  EVENTS_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 60 * 60),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * The public address of the site (e.g. https://fund.example.org), for the absolute links in shared pages'
   * previews; unset: the address the request came to (through TRUST_PROXY's proxies).
   */
  PUBLIC_URL: z.url().optional(),
  /** Outbound webhooks: queue looked at this often; attempts before giving up; first retry wait (doubles); answer timeout. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(20).default(2000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Activity is sent once it is this old, so an entry of a transaction still committing is not skipped. */
  WEBHOOK_SETTLE_MS: z.coerce.number().int().min(0).default(5000),
  /** Anonymous queries' answers kept while the database has not changed (graphql/public-cache.ts); 0 turns it off. */
  PUBLIC_CACHE_ENTRIES: z.coerce.number().int().min(0).default(200),
  /** ... and for at most this long, for what changes with the clock alone (a campaign's end). */
  PUBLIC_CACHE_MAX_AGE_MS: z.coerce.number().int().min(1).default(5000),
  /** Benchmarks only: each /graphql response names the SQL statements it ran in an x-sql-statements header. */
  SQL_COUNT_HEADER: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  CLIENT_DIST: z.string().default(join(REPO_ROOT, 'client', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'JWT_SECRET'> {
  jwtSecret: string;
  /** Seed the demo fund into an empty database on start. */
  seedDemo: boolean;
  /** Demo mode: the sign-in page lists the demo accounts. */
  demoMode: boolean;
  isProduction: boolean;
}

/**
 * Reads every environment variable once, validates it, and fails with one
 * clear message naming each bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const { JWT_SECRET, ...rest } = parsed.data;
  const isProduction = rest.NODE_ENV === 'production';
  if (isProduction && !JWT_SECRET) throw new Error('Invalid configuration: JWT_SECRET is required in production');
  const seedDemo = rest.SEED_DEMO === 'true' || (rest.SEED_DEMO === 'auto' && !isProduction);
  return {
    ...rest,
    jwtSecret: JWT_SECRET ?? persistedSecret(rest.DATA_DIR),
    seedDemo,
    demoMode: seedDemo,
    isProduction,
  };
}

/** For the default run: a random secret generated once and kept in the data folder. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
