import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `'RESIDENT','ENTERPRISE','SOCIAL_ORGANIZATION','GOVERNMENT','FUND_ADMIN'`;
const ORG_TYPES = `'ENTERPRISE','SOCIAL_ORGANIZATION','GOVERNMENT','FOUNDATION'`;
const CATEGORIES = `'ELDERLY_CARE','YOUTH_EDUCATION','PROPERTY_SERVICES','HEALTHCARE','CULTURE_RECREATION','ENVIRONMENT','DISABILITY_SUPPORT','EMERGENCY_RELIEF','OTHER'`;
const PROPOSAL_STATUSES = `'DRAFT','CONSULTATION','APPROVED','BIDDING','IN_PROGRESS','COMPLETED','REJECTED','WITHDRAWN'`;

/**
 * Accounts, organizations, funds, needs, proposals, votes and comments.
 * Enumerations are text with CHECK constraints (easier to extend than
 * PostgreSQL enum types); every foreign key and every list filter is indexed.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE funds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        region varchar(200) NOT NULL,
        description text,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE neighborhoods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        name varchar(120) NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('OLD','NEW')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (fund_id, name)
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash varchar NOT NULL,
        display_name varchar(60) NOT NULL,
        role varchar(32) NOT NULL CHECK (role IN (${ROLES})),
        neighborhood_id uuid REFERENCES neighborhoods(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (email = lower(email))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_neighborhood_idx ON users (neighborhood_id)`);

    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        type varchar(32) NOT NULL CHECK (type IN (${ORG_TYPES})),
        description text,
        verified boolean NOT NULL DEFAULT false,
        verified_by uuid REFERENCES users(id),
        verified_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name))`);
    await q.query(`CREATE INDEX organizations_type_idx ON organizations (type, name)`);
    await q.query(`CREATE INDEX organizations_verified_by_idx ON organizations (verified_by)`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        status varchar(16) NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX memberships_org_status_idx ON memberships (organization_id, status)`);
    await q.query(`CREATE INDEX memberships_decided_by_idx ON memberships (decided_by)`);

    await q.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        neighborhood_id uuid REFERENCES neighborhoods(id),
        author_id uuid NOT NULL REFERENCES users(id),
        title varchar(120) NOT NULL,
        description text NOT NULL,
        category varchar(32) NOT NULL CHECK (category IN (${CATEGORIES})),
        status varchar(16) NOT NULL CHECK (status IN ('OPEN','ADDRESSED','CLOSED')),
        support_count int NOT NULL DEFAULT 0 CHECK (support_count >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX needs_fund_created_idx ON needs (fund_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX needs_fund_status_created_idx ON needs (fund_id, status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX needs_neighborhood_idx ON needs (neighborhood_id)`);
    await q.query(`CREATE INDEX needs_author_idx ON needs (author_id)`);

    await q.query(`
      CREATE TABLE need_supports (
        need_id uuid NOT NULL REFERENCES needs(id),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (need_id, user_id)
      )`);
    await q.query(`CREATE INDEX need_supports_user_idx ON need_supports (user_id)`);

    await q.query(`
      CREATE TABLE proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        need_id uuid REFERENCES needs(id),
        author_id uuid NOT NULL REFERENCES users(id),
        organization_id uuid REFERENCES organizations(id),
        title varchar(120) NOT NULL,
        summary varchar(500) NOT NULL,
        body text NOT NULL,
        category varchar(32) NOT NULL CHECK (category IN (${CATEGORIES})),
        status varchar(16) NOT NULL CHECK (status IN (${PROPOSAL_STATUSES})),
        budget_minor bigint NOT NULL CHECK (budget_minor > 0),
        consultation_ends_at timestamptz,
        bidding_closes_at timestamptz,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX proposals_created_idx ON proposals (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX proposals_fund_created_idx ON proposals (fund_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX proposals_status_created_idx ON proposals (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX proposals_category_idx ON proposals (category)`);
    await q.query(`CREATE INDEX proposals_need_idx ON proposals (need_id)`);
    await q.query(`CREATE INDEX proposals_author_idx ON proposals (author_id)`);
    await q.query(`CREATE INDEX proposals_organization_idx ON proposals (organization_id)`);
    await q.query(`CREATE INDEX proposals_decided_by_idx ON proposals (decided_by)`);
    await q.query(`CREATE INDEX proposals_search_idx ON proposals USING gin ((title || ' ' || summary) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE votes (
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        user_id uuid NOT NULL REFERENCES users(id),
        choice varchar(8) NOT NULL CHECK (choice IN ('SUPPORT','OPPOSE')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, user_id)
      )`);
    await q.query(`CREATE INDEX votes_proposal_choice_idx ON votes (proposal_id, choice)`);
    await q.query(`CREATE INDEX votes_user_idx ON votes (user_id)`);

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        author_id uuid NOT NULL REFERENCES users(id),
        parent_id uuid REFERENCES comments(id),
        body text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX comments_proposal_created_idx ON comments (proposal_id, created_at, id)`);
    await q.query(`CREATE INDEX comments_parent_idx ON comments (parent_id)`);
    await q.query(`CREATE INDEX comments_author_idx ON comments (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'comments',
      'votes',
      'proposals',
      'need_supports',
      'needs',
      'memberships',
      'organizations',
      'users',
      'neighborhoods',
      'funds',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
