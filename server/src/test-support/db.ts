import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '../db/data-source.js';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the jest global setup should have set it');
  return url;
}

/** A fresh, migrated database for one test file, on the test PostgreSQL server. */
export async function createTestDatabase(logger?: TypeOrmLogger): Promise<TestDatabase> {
  const admin = new URL(serverUrl());
  const name = `cw_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ url: url.toString(), poolSize: 5, ...(logger ? { logger } : {}) });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
