/**
 * `npm run bench`: creates a fresh database, lets the built server migrate
 * it, seeds the data set, runs the sections in order (1 feed vs floor, 2 SQL
 * statements, 3-5 live from live.ts, 5a donations, 6 growth), prints the
 * tables and rewrites docs/benchmarks.md. Every server it starts is stopped
 * and the database dropped at the end (BENCH_KEEP=1 keeps it).
 *
 * Environment: DATABASE_URL (a PostgreSQL server URL; default
 * postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (default
 * redis://127.0.0.1:6379; given to the instances that ask for it, never to
 * the others), BENCH_QUICK=1 (a tenth of the data, short runs),
 * BENCH_SECTIONS (see below), BENCH_KEEP=1.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startServer, type StartedServer } from '../support/server.js';
import { donations, feedVsFloor, growth, statementsPerRequest } from './http.js';
import { describeMachine, printTables, writeReport } from './report.js';
import { scaleFor, seedDatabase } from './seed.js';
import type { BenchContext, BenchRow } from './types.js';
import { databaseUrlFor, timed, withClient } from './util.js';

const quick = process.env['BENCH_QUICK'] === '1';
const keep = process.env['BENCH_KEEP'] === '1';
/**
 * BENCH_SECTIONS=1,2,live,5a,6 runs only those (and leaves docs/benchmarks.md alone): for profiling one section.
 * Parts of the live sections run alone too: 3a (1,000 subscribers), 3b (10,000), 4, 5b.
 */
const only = process.env['BENCH_SECTIONS']?.split(',').map((s) => s.trim());
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
// Instances inherit this process's environment: Redis goes only to those that ask for it.
delete process.env['REDIS_URL'];

/** How every instance runs: production mode, quiet, without the demo seed, and with limits no load test trips. */
const INSTANCE_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  MUTATIONS_PER_MINUTE: '1000000',
  DONATIONS_PER_IP_PER_HOUR: '1000000',
  COMMENT_RATE_LIMIT_PER_MINUTE: '10000',
  WS_MAX_CONNECTIONS_PER_IP: '100000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
};

interface LiveModule {
  runLiveBenchmarks(ctx: BenchContext): Promise<BenchRow[]>;
}

/** Sections 3-5 (live) come from live.ts; a missing file is reported, not fatal. */
async function liveSections(ctx: BenchContext): Promise<BenchRow[]> {
  const specifier = './live.js'; // not a literal import: this file compiles and runs without it
  let live: LiveModule;
  try {
    live = (await import(specifier)) as LiveModule;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return [{ section: '3-5. Live', case: 'live section missing (tests/bench/live.ts)', figures: {}, met: false }];
  }
  return live.runLiveBenchmarks(ctx);
}

/** Runs one section; a failure becomes a row saying so, and the next section still runs. */
async function runSection(name: string, work: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  console.log(`\n== ${name}`);
  try {
    const { result, ms } = await timed(work);
    console.log(`   done in ${(ms / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.error(`   ${name} failed:`, error);
    const message = error instanceof Error ? error.message : String(error);
    return [{ section: name, case: 'failed', figures: { error: message.split('\n')[0]!.slice(0, 200) }, met: false }];
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const scale = scaleFor(quick);
  const databaseName = `cw_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlFor(adminUrl, databaseName);
  const jwtSecret = randomBytes(32).toString('hex');
  const running = new Set<StartedServer>();

  const startInstance = async (env: Record<string, string> = {}): Promise<StartedServer> => {
    const server = await startServer({ databaseUrl, jwtSecret, env: { ...INSTANCE_ENV, ...env } });
    running.add(server);
    const stop = server.stop;
    return {
      ...server,
      stop: async () => {
        running.delete(server);
        await stop();
      },
    };
  };

  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${databaseName}"`));
  try {
    console.log(`bench: ${quick ? 'quick' : 'full'} run on database ${databaseName}`);
    // The server migrates an empty database when it starts.
    await (await startInstance()).stop();
    const { result: seeding, ms: seedMs } = await timed(() => seedDatabase(databaseUrl, jwtSecret, scale));
    const { seeded, world } = seeding;
    console.log(`seeded ${JSON.stringify(seeded.counts)} in ${(seedMs / 1000).toFixed(1)} s`);

    const LIVE_PARTS = ['3a', '3b', '4', '5b'];
    const liveParts = only?.filter((id) => LIVE_PARTS.includes(id)) ?? [];
    const runs = (part: string) => !only || only.includes('live') || liveParts.includes(part);
    const ctx: BenchContext = { seeded, databaseUrl, redisUrl, startInstance, quick, runs };
    const sections: Array<[id: string, name: string, run: () => Promise<BenchRow[]>]> = [
      ['1', '1. Feed vs its floor', () => feedVsFloor(ctx)],
      ['2', '2. SQL statements per request', () => statementsPerRequest(ctx, world)],
      ['live', '3-5. Live', () => liveSections(ctx)],
      ['5a', '5a. Writes: donations', () => donations(ctx)],
      ['6', '6. Growth', () => growth(ctx, world, scale)],
    ];
    const rows: BenchRow[] = [];
    for (const [id, name, run] of sections) {
      const wanted = !only || only.includes(id) || (id === 'live' && liveParts.length > 0);
      if (wanted) rows.push(...(await runSection(name, run)));
    }
    printTables(rows);
    const wallSeconds = (performance.now() - started) / 1000;
    if (only) {
      console.log(
        `\nBENCH_SECTIONS=${only.join(',')}: docs/benchmarks.md left as it is (${(wallSeconds / 60).toFixed(1)} min)`,
      );
      return;
    }
    const file = join(REPO_ROOT, 'docs', 'benchmarks.md');
    writeReport(
      file,
      {
        date: new Date(),
        quick,
        machine: await describeMachine(databaseUrl),
        seedSeconds: seedMs / 1000,
        wallSeconds,
        counts: seeded.counts,
        grownProposals: scale.grownProposals,
        loadAverages: [loadAtStart, loadavg()[0]!],
      },
      rows,
    );
    console.log(`\nwrote ${file} (${(wallSeconds / 60).toFixed(1)} min)`);
  } finally {
    await Promise.allSettled([...running].map((server) => server.stop()));
    if (keep) console.log(`kept database ${databaseUrl}`);
    else await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

await main();
