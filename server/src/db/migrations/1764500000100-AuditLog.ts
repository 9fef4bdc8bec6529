import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose every change is audited, with the columns never copied into
 * the log (secrets, and what would name an anonymous donor).
 */
export const AUDITED: Readonly<Record<string, readonly string[]>> = {
  users: ['password_hash', 'email'],
  organizations: [],
  memberships: [],
  funds: [],
  neighborhoods: [],
  needs: [],
  need_supports: [],
  proposals: [],
  votes: [],
  comments: [],
  comment_reports: [],
  comment_moderations: [],
  proposal_revisions: [],
  progress_updates: [],
  sponsorships: [],
  bids: [],
  partnerships: [],
  campaigns: [],
  donations: ['user_id'],
  ledger_entries: [],
  disbursements: [],
  feedback: [],
  feedback_responses: [],
  surveys: [],
  survey_questions: [],
  survey_responses: [],
  meetings: [],
  meeting_rsvps: [],
};

/**
 * An append-only audit log written by triggers, so no change escapes it
 * (ORM saves and raw SQL alike). Who and which request come from
 * transaction-local settings the server sets at the start of every
 * transaction (`commonweal.actor_id`, `commonweal.actor_role`,
 * `commonweal.request_id`); changes made outside a request (the seed,
 * maintenance) are recorded with no actor.
 */
export class AuditLog1764500000100 implements MigrationInterface {
  name = 'AuditLog1764500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        actor_role varchar(24),
        request_id varchar(64),
        action varchar(8) NOT NULL CHECK (action IN ('insert','update','delete')),
        entity varchar(40) NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - coalesce(TG_ARGV, '{}'::text[]) END;
        new_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN to_jsonb(NEW) - coalesce(TG_ARGV, '{}'::text[]) END;
        row_ jsonb := coalesce(new_row, old_row);
      BEGIN
        IF TG_OP = 'UPDATE' AND (old_row - 'updated_at') = (new_row - 'updated_at') THEN
          RETURN NULL; -- nothing that matters changed
        END IF;
        INSERT INTO audit_log (actor_id, actor_role, request_id, action, entity, entity_id, before, after)
        VALUES (
          nullif(current_setting('commonweal.actor_id', true), '')::uuid,
          nullif(current_setting('commonweal.actor_role', true), ''),
          nullif(current_setting('commonweal.request_id', true), ''),
          lower(TG_OP),
          TG_TABLE_NAME,
          coalesce(
            row_->>'id',
            concat_ws(':', row_->>'proposal_id', row_->>'need_id', row_->>'meeting_id', row_->>'user_id')
          ),
          old_row,
          new_row
        );
        RETURN NULL;
      END $$`);
    for (const [table, hidden] of Object.entries(AUDITED)) {
      const args = hidden.map((c) => `'${c}'`).join(', ');
      await q.query(
        `CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audit_row(${args})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(AUDITED)) await q.query(`DROP TRIGGER IF EXISTS ${table}_audit ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS audit_row`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only`);
  }
}
