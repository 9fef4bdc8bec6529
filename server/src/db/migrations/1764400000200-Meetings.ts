import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation meetings (the offline channel): the meetings, residents'
 * RSVPs, and the foreign keys from votes and feedback entered on a resident's
 * behalf at a meeting (their columns and indexes came with Participation).
 */
export class Meetings1764400000200 implements MigrationInterface {
  name = 'Meetings1764400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        proposal_id uuid REFERENCES proposals(id),
        kind varchar(24) NOT NULL CHECK (kind IN ('SYMPOSIUM','PUBLIC_CONSULTATION')),
        title varchar(120) NOT NULL,
        description text,
        location varchar(200) NOT NULL,
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3),
        status varchar(16) NOT NULL CHECK (status IN ('SCHEDULED','HELD','CANCELLED')),
        created_by uuid NOT NULL REFERENCES users(id),
        cancelled_by uuid REFERENCES users(id),
        cancelled_at timestamptz(3),
        cancel_reason varchar(500),
        minutes text,
        minutes_by uuid REFERENCES users(id),
        minutes_published_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CHECK (ends_at IS NULL OR ends_at > starts_at),
        CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
        CHECK ((status = 'HELD') = (minutes IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX meetings_fund_starts_idx ON meetings (fund_id, starts_at)`);
    await q.query(`CREATE INDEX meetings_proposal_idx ON meetings (proposal_id, starts_at)`);
    await q.query(`CREATE INDEX meetings_created_by_idx ON meetings (created_by)`);
    await q.query(`CREATE INDEX meetings_cancelled_by_idx ON meetings (cancelled_by)`);
    await q.query(`CREATE INDEX meetings_minutes_by_idx ON meetings (minutes_by)`);

    await q.query(`
      CREATE TABLE meeting_rsvps (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        user_id uuid NOT NULL REFERENCES users(id),
        response varchar(12) NOT NULL CHECK (response IN ('GOING','MAYBE','NOT_GOING')),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_rsvps_user_idx ON meeting_rsvps (user_id)`);

    await q.query(`ALTER TABLE votes ADD CONSTRAINT votes_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meetings(id)`);
    await q.query(
      `ALTER TABLE feedback ADD CONSTRAINT feedback_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meetings(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE feedback DROP CONSTRAINT IF EXISTS feedback_meeting_fk`);
    await q.query(`ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_meeting_fk`);
    await q.query(`DROP TABLE IF EXISTS meeting_rsvps`);
    await q.query(`DROP TABLE IF EXISTS meetings`);
  }
}
