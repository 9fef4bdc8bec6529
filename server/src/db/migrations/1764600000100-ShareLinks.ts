import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Short links to public pages (proposals, campaigns, needs, the fund), one per page, made on first request. */
export class ShareLinks1764600000100 implements MigrationInterface {
  name = 'ShareLinks1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE share_links (
        code varchar(16) PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('PROPOSAL','CAMPAIGN','NEED','FUND')),
        target_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (kind, target_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS share_links`);
  }
}
