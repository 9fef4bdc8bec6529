import 'reflect-metadata';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { seedDemo } from './db/seed.js';
import { createLogger } from './logger.js';

/** Boot: config -> database (migrated) -> demo seed -> schema -> HTTP + WebSocket. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, logger);
  const app = await createApp({ config, dataSource: database.dataSource, logger });
  if (config.seedDemo) {
    const seeded = await seedDemo(database.dataSource, app.services);
    logger.info(seeded ? 'demo data seeded' : 'database not empty: demo seed skipped');
  }
  const port = await app.listen(config.PORT);
  logger.info({ port, url: `http://localhost:${port}/` }, 'Commonweal is up');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
