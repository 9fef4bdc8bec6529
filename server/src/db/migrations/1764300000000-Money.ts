import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Online fundraising (campaigns, idempotent donations) and two-key disbursements. */
export class Money1764300000000 implements MigrationInterface {
  name = 'Money1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        proposal_id uuid REFERENCES proposals(id),
        title varchar(120) NOT NULL,
        description text NOT NULL,
        goal_minor bigint NOT NULL CHECK (goal_minor > 0),
        ends_at timestamptz(3),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_fund_idx ON campaigns (fund_id, created_at)`);
    await q.query(`CREATE INDEX campaigns_proposal_idx ON campaigns (proposal_id)`);
    await q.query(`CREATE INDEX campaigns_created_by_idx ON campaigns (created_by)`);

    await q.query(`
      CREATE TABLE donations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        donor_name varchar(60) NOT NULL,
        anonymous boolean NOT NULL,
        user_id uuid REFERENCES users(id),
        idempotency_key varchar(100) NOT NULL UNIQUE,
        payment_reference varchar(200) NOT NULL,
        ledger_entry_id uuid REFERENCES ledger_entries(id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX donations_campaign_idx ON donations (campaign_id, created_at)`);
    await q.query(`CREATE INDEX donations_user_idx ON donations (user_id)`);
    await q.query(`CREATE INDEX donations_ledger_entry_idx ON donations (ledger_entry_id)`);

    await q.query(`
      CREATE TABLE disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        payee_organization_id uuid NOT NULL REFERENCES organizations(id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        memo varchar(500) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING_APPROVAL','APPROVED','REJECTED')),
        requested_by uuid NOT NULL REFERENCES users(id),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz(3),
        note text,
        ledger_entry_id uuid REFERENCES ledger_entries(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (decided_by IS NULL OR decided_by <> requested_by),
        CHECK ((status = 'APPROVED') = (ledger_entry_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX disbursements_proposal_idx ON disbursements (proposal_id, created_at)`);
    await q.query(`CREATE INDEX disbursements_payee_idx ON disbursements (payee_organization_id)`);
    await q.query(`CREATE INDEX disbursements_requested_by_idx ON disbursements (requested_by)`);
    await q.query(`CREATE INDEX disbursements_decided_by_idx ON disbursements (decided_by)`);
    await q.query(`CREATE INDEX disbursements_ledger_entry_idx ON disbursements (ledger_entry_id)`);
    await q.query(`CREATE INDEX disbursements_status_idx ON disbursements (status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS disbursements`);
    await q.query(`DROP TABLE IF EXISTS donations`);
    await q.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
