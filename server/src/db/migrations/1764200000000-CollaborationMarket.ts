import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collaboration market (sponsorships, sealed bids, partnerships, progress
 * updates) and the ledger postings it needs: an append-only, hash-chained
 * ledger per fund that the database itself keeps append-only.
 */
export class CollaborationMarket1764200000000 implements MigrationInterface {
  name = 'CollaborationMarket1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        sequence int NOT NULL CHECK (sequence >= 1),
        kind varchar(16) NOT NULL CHECK (kind IN ('DONATION','SPONSORSHIP','DISBURSEMENT','REFUND','ADJUSTMENT')),
        direction varchar(3) NOT NULL CHECK (direction IN ('IN','OUT')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        balance_after_minor bigint NOT NULL CHECK (balance_after_minor >= 0),
        memo varchar(500) NOT NULL,
        counterparty varchar(200) NOT NULL,
        proposal_id uuid REFERENCES proposals(id),
        occurred_at timestamptz(3) NOT NULL,
        recorded_by uuid REFERENCES users(id),
        previous_hash char(64),
        hash char(64) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (fund_id, sequence),
        CHECK ((sequence = 1) = (previous_hash IS NULL))
      )`);
    await q.query(`CREATE INDEX ledger_entries_proposal_idx ON ledger_entries (proposal_id)`);
    await q.query(`CREATE INDEX ledger_entries_recorded_by_idx ON ledger_entries (recorded_by)`);
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_update_or_delete
      BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_truncate
      BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);

    await q.query(`
      CREATE TABLE sponsorships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        proposed_by uuid NOT NULL REFERENCES users(id),
        kind varchar(8) NOT NULL CHECK (kind IN ('FUNDS','IN_KIND','SERVICES')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        description text NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('PROPOSED','ACCEPTED','DECLINED','WITHDRAWN','FULFILLED')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz(3),
        note text,
        fulfilled_at timestamptz(3),
        ledger_entry_id uuid REFERENCES ledger_entries(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sponsorships_proposal_idx ON sponsorships (proposal_id, created_at)`);
    await q.query(`CREATE INDEX sponsorships_organization_idx ON sponsorships (organization_id, created_at)`);
    await q.query(`CREATE INDEX sponsorships_proposed_by_idx ON sponsorships (proposed_by)`);
    await q.query(`CREATE INDEX sponsorships_decided_by_idx ON sponsorships (decided_by)`);
    await q.query(`CREATE INDEX sponsorships_ledger_entry_idx ON sponsorships (ledger_entry_id)`);

    await q.query(`
      CREATE TABLE bids (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        submitted_by uuid NOT NULL REFERENCES users(id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        plan text NOT NULL,
        duration_days int NOT NULL CHECK (duration_days BETWEEN 1 AND 3650),
        status varchar(12) NOT NULL CHECK (status IN ('SUBMITTED','WITHDRAWN','AWARDED','NOT_AWARDED')),
        submitted_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX bids_proposal_idx ON bids (proposal_id, submitted_at)`);
    await q.query(`CREATE INDEX bids_organization_idx ON bids (organization_id, submitted_at)`);
    await q.query(`CREATE INDEX bids_submitted_by_idx ON bids (submitted_by)`);
    // One live bid per organization per proposal, and never more than one award per proposal.
    await q.query(
      `CREATE UNIQUE INDEX bids_one_live_per_org ON bids (proposal_id, organization_id) WHERE status = 'SUBMITTED'`,
    );
    await q.query(`CREATE UNIQUE INDEX bids_one_award_per_proposal ON bids (proposal_id) WHERE status = 'AWARDED'`);

    await q.query(`
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        kind varchar(10) NOT NULL CHECK (kind IN ('STRATEGIC','PROJECT')),
        title varchar(120) NOT NULL,
        commitments text NOT NULL,
        proposal_id uuid REFERENCES proposals(id),
        status varchar(10) NOT NULL CHECK (status IN ('PROPOSED','ACTIVE','ENDED','DECLINED')),
        starts_on timestamptz(3),
        ends_on timestamptz(3),
        proposed_by uuid REFERENCES users(id),
        proposed_by_fund boolean NOT NULL,
        responded_by uuid REFERENCES users(id),
        responded_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on > starts_on)
      )`);
    await q.query(`CREATE INDEX partnerships_fund_idx ON partnerships (fund_id, status, created_at)`);
    await q.query(`CREATE INDEX partnerships_organization_idx ON partnerships (organization_id, created_at)`);
    await q.query(`CREATE INDEX partnerships_proposal_idx ON partnerships (proposal_id)`);
    await q.query(`CREATE INDEX partnerships_proposed_by_idx ON partnerships (proposed_by)`);
    await q.query(`CREATE INDEX partnerships_responded_by_idx ON partnerships (responded_by)`);

    await q.query(`
      CREATE TABLE progress_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        percent_complete int NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX progress_updates_proposal_idx ON progress_updates (proposal_id, created_at)`);
    await q.query(`CREATE INDEX progress_updates_author_idx ON progress_updates (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS progress_updates`);
    await q.query(`DROP TABLE IF EXISTS partnerships`);
    await q.query(`DROP TABLE IF EXISTS bids`);
    await q.query(`DROP TABLE IF EXISTS sponsorships`);
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entries_append_only`);
  }
}
