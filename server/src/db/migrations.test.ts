import { createTestDatabase, type TestDatabase } from '../test-support/db.js';

describe('the migrated schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('indexes every foreign key (an index led by the key’s columns)', async () => {
    const unindexed: Array<{ table_name: string; columns: string }> = await db.dataSource.query(`
      SELECT c.conrelid::regclass::text AS table_name,
             string_agg(a.attname, ', ' ORDER BY k.ord) AS columns
        FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
       WHERE c.contype = 'f'
         AND NOT EXISTS (
           SELECT 1 FROM pg_index i
            WHERE i.indrelid = c.conrelid
              AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
              AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
       GROUP BY c.conrelid, c.conname`);
    expect(unindexed).toEqual([]);
  });

  it('can be rolled back and re-applied', async () => {
    const migrations = db.dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ n: number }> = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables[0]!.n).toBe(0);
    expect(await db.dataSource.runMigrations({ transaction: 'each' })).toHaveLength(migrations);
  });
});
