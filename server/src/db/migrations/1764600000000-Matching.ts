import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What organizations offer (matching needs and proposals to resources):
 * one declaration per organization, audited like every other table.
 */
export class Matching1764600000000 implements MigrationInterface {
  name = 'Matching1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL UNIQUE REFERENCES organizations(id),
        categories varchar[] NOT NULL CHECK (cardinality(categories) >= 1),
        kinds varchar[] NOT NULL DEFAULT '{}',
        neighborhood_ids uuid[] NOT NULL DEFAULT '{}',
        yearly_budget_min_minor bigint CHECK (yearly_budget_min_minor >= 0),
        yearly_budget_max_minor bigint CHECK (yearly_budget_max_minor >= 0),
        currency varchar(3),
        updated_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CHECK (yearly_budget_min_minor IS NULL OR yearly_budget_max_minor IS NULL
               OR yearly_budget_min_minor <= yearly_budget_max_minor),
        CHECK ((yearly_budget_min_minor IS NULL AND yearly_budget_max_minor IS NULL) = (currency IS NULL))
      )`);
    await q.query(`CREATE INDEX organization_offers_categories_idx ON organization_offers USING gin (categories)`);
    await q.query(`CREATE INDEX organization_offers_updated_by_idx ON organization_offers (updated_by)`);
    await q.query(
      `CREATE TRIGGER organization_offers_audit AFTER INSERT OR UPDATE OR DELETE ON organization_offers
       FOR EACH ROW EXECUTE FUNCTION audit_row()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS organization_offers`);
  }
}
