/**
 * Starts the BUILT server (server/dist/main.js) as a child process on a free
 * port against a fresh database, and offers black-box helpers over HTTP and
 * WebSocket. Nothing here imports server code.
 *
 * Database: with DATABASE_URL set (a server URL such as
 * postgres://postgres@127.0.0.1:5432/postgres) a new database `cw_api_<random>`
 * is created on that server and dropped again by stop(); without it the server
 * starts its own embedded PostgreSQL in a fresh temp folder (DATA_DIR) on a
 * random port, and stop() removes the folder.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const TESTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(TESTS_DIR, '..');
export const SERVER_MAIN = join(REPO_ROOT, 'server', 'dist', 'main.js');
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');

export const DEMO_PASSWORD = 'commonweal-demo';
export const DEMO = {
  admin: 'admin@danzishi.example',
  gov: 'gov@danzishi.example',
  enterprise: 'enterprise@danzishi.example',
  ngo: 'ngo@danzishi.example',
  resident: 'resident@danzishi.example',
  resident2: 'resident2@danzishi.example',
} as const;
export type DemoAccount = keyof typeof DEMO;

export interface StartedServer {
  baseUrl: string;
  /** The database the server runs on (the embedded cluster's while the server runs, when embedded). */
  databaseUrl: string;
  graphqlUrl: string;
  wsUrl: string;
  /** The JWT_SECRET the server was started with (to forge expired tokens in tests). */
  jwtSecret: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal to the server process and resolves with how it exited (for shutdown tests). */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const address = srv.address();
      const found = typeof address === 'object' && address ? address.port : port;
      srv.close(() => resolvePort(found));
    });
  });
}

async function randomFreePortInRange(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = randomInt(min, max);
    try {
      return await freePort(candidate);
    } catch {
      // taken: try another
    }
  }
  throw new Error(`no free port between ${min} and ${max}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the built server on a fresh database with the demo seed. The suites
 * post many comments as a handful of demo accounts and open many sockets from
 * one address, so the comment, mutation, donation and sign-in-per-address
 * limits and the sockets-per-address cap are raised unless `env` says
 * otherwise (their own tests are server tests).
 */
export interface StartOptions {
  env?: Record<string, string>;
  /** A server URL: a fresh database is created on it for this server and dropped by stop(). */
  adminUrl?: string;
  /**
   * An existing database to use as it is (a restart after a crash, or a
   * second instance next to the first); stop() leaves it in place.
   */
  databaseUrl?: string;
  /** Instances sharing a database share the secret, so a token works on all of them. */
  jwtSecret?: string;
}

export async function startServer(options: StartOptions = {}): Promise<StartedServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(
      `${SERVER_MAIN} is missing: build the server first (npx turbo run build --filter=@commonweal/server)`,
    );
  }
  const port = await freePort();
  const jwtSecret = options.jwtSecret ?? randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS']; // the tests' --experimental-vm-modules is not for the server
  delete env['DATABASE_URL'];
  delete env['DATA_DIR'];
  delete env['EMBEDDED_PG_PORT'];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    CLIENT_DIST,
    COMMENT_RATE_LIMIT_PER_MINUTE: '10000',
    WS_MAX_CONNECTIONS_PER_IP: '10000',
    MUTATIONS_PER_MINUTE: '100000',
    DONATIONS_PER_IP_PER_HOUR: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    ...options.env,
  });

  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl: string;
  let dataDir: string | null = null;
  const adminUrl = options.adminUrl ?? process.env['DATABASE_URL'];
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
    env['DATABASE_URL'] = databaseUrl;
  } else if (adminUrl) {
    const name = `cw_api_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    env['DATABASE_URL'] = databaseUrl;
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'cw-api-'));
    chmodSync(dataDir, 0o755); // initdb runs as the postgres user when we are root
    env['DATA_DIR'] = dataDir;
    env['EMBEDDED_PG_PORT'] = String(await randomFreePortInRange(56000, 60000));
    // The embedded cluster's own account and database (server/src/db/embedded.ts), for tests that look inside.
    databaseUrl = `postgres://commonweal:commonweal-local@127.0.0.1:${env['EMBEDDED_PG_PORT']}/commonweal`;
  }

  let output = '';
  // SERVER_NODE_ARGS: extra Node flags for every server started, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
  // profile a benchmark section (a profile is written when the server exits).
  const nodeArgs = process.env['SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', SERVER_MAIN], {
    env,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      r();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;

  const cleanup = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        exitPromise.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 20_000))),
      ]);
      clearTimeout(timer);
      if (!stopped) {
        child.kill('SIGKILL');
        await exitPromise;
        killEmbeddedPostgres(dataDir);
      }
    }
    if (dropDatabase) await dropDatabase();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await cleanup();
      throw new Error(`server exited before it was ready (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await cleanup();
      throw new Error(`server not ready within 60 s:\n${output}`);
    }
    await sleep(200);
  }

  return {
    baseUrl,
    databaseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    jwtSecret,
    output: () => output,
    signal: async (sig) => {
      child.kill(sig);
      await exitPromise;
      return exited!;
    },
    stop: cleanup,
  };
}

/** Runs the ledger-verify CLI against a database, as an operator would: exit code and what it printed. */
export function ledgerVerify(databaseUrl: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS'];
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const cli = join(REPO_ROOT, 'server', 'dist', 'cli', 'ledger-verify.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli], { env, cwd: REPO_ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Last resort after SIGKILL: stop the embedded postmaster the server started. */
function killEmbeddedPostgres(dataDir: string | null): void {
  if (!dataDir) return;
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------- HTTP GraphQL

export interface GqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GqlResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
}

export async function gql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: { data?: T | null; errors?: GqlError[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 500)}`);
  }
  return { status: res.status, ...body };
}

/** The data of a response that must have succeeded; throws with the errors otherwise. */
export function ok<T>(res: GqlResponse<T>): T {
  if (res.errors?.length || !res.data) {
    throw new Error(`expected success, got ${res.status}: ${JSON.stringify(res.errors ?? res)}`);
  }
  return res.data;
}

/** The codes of a response's errors, e.g. ['FORBIDDEN']. */
export const codes = (res: GqlResponse): string[] => (res.errors ?? []).map((e) => String(e.extensions?.code));

export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await gql<{ login: { token: string } }>(
    url,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return ok(res).login.token;
}

/** HTTP helpers bound to one server. */
export function apiFor(server: Pick<StartedServer, 'graphqlUrl'>) {
  return {
    gql: <T = any>(query: string, variables?: Record<string, unknown>, token?: string | null) =>
      gql<T>(server.graphqlUrl, query, variables, token),
    login: (email: string, password = DEMO_PASSWORD) => login(server.graphqlUrl, email, password),
    /** Tokens for every demo account. */
    demoTokens: async (): Promise<Record<DemoAccount, string>> => {
      const entries = await Promise.all(
        (Object.keys(DEMO) as DemoAccount[]).map(async (k) => [k, await login(server.graphqlUrl, DEMO[k])] as const),
      );
      return Object.fromEntries(entries) as Record<DemoAccount, string>;
    },
  };
}
export type Api = ReturnType<typeof apiFor>;

/** A unique suffix for names and emails in one run. */
export const unique = (): string => randomBytes(4).toString('hex');

/** Seconds since the epoch, as JWTs count time. */
export const nowSeconds = (): number => Number(BigInt(Date.now()) / 1000n);

/** A HS256 JWT signed with `secret` (to forge expired or orphaned tokens). */
export function signJwt(secret: string, payload: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export { wsClient, subscribe, type Subscription } from './ws.js';
