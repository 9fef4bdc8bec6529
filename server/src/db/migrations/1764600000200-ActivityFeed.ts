import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The activity feed reads the newest audit entries of proposals, disbursements and campaigns. */
export class ActivityFeed1764600000200 implements MigrationInterface {
  name = 'ActivityFeed1764600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX audit_log_activity_idx ON audit_log (id DESC) WHERE entity IN ('proposals', 'disbursements', 'campaigns')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_activity_idx`);
  }
}
