import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks: a fund's public activity (the Atom feed's events)
 * POSTed, signed, to partner platforms, with retries and a delivery log.
 */
export class Webhooks1764600000300 implements MigrationInterface {
  name = 'Webhooks1764600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        url varchar(2000) NOT NULL,
        secret varchar(100) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        -- The last audit entry whose activity was queued for it: it hears of what happens after it was made.
        cursor bigint NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX webhooks_fund_idx ON webhooks (fund_id)`);
    await q.query(`CREATE INDEX webhooks_created_by_idx ON webhooks (created_by)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        payload jsonb NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        last_status_code int,
        last_error varchar(500),
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (webhook_id, seq)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, id DESC)`);
    for (const table of ['webhooks']) {
      await q.query(
        `CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row('secret')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhooks`);
  }
}
