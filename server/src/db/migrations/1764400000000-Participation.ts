import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two-way loop: notifications and follows, feedback with answers,
 * comment moderation, proposal revisions, and the columns that mark votes and
 * feedback entered on a resident's behalf (the meetings migration adds their
 * foreign keys to meetings).
 */
export class Participation1764400000000 implements MigrationInterface {
  name = 'Participation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind varchar(40) NOT NULL,
        actor_id uuid REFERENCES users(id),
        proposal_id uuid REFERENCES proposals(id),
        need_id uuid REFERENCES needs(id),
        subject_id uuid,
        title varchar(200),
        status varchar(40),
        excerpt varchar(200),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_actor_idx ON notifications (actor_id)`);
    await q.query(`CREATE INDEX notifications_proposal_idx ON notifications (proposal_id)`);
    await q.query(`CREATE INDEX notifications_need_idx ON notifications (need_id)`);

    await q.query(`
      CREATE TABLE proposal_follows (
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, user_id)
      )`);
    await q.query(`CREATE INDEX proposal_follows_user_idx ON proposal_follows (user_id)`);
    // Authors, voters and commenters of existing proposals follow them, as new ones will.
    await q.query(`
      INSERT INTO proposal_follows (proposal_id, user_id)
      SELECT id, author_id FROM proposals
      UNION SELECT proposal_id, user_id FROM votes
      UNION SELECT proposal_id, author_id FROM comments
      ON CONFLICT DO NOTHING`);

    await q.query(`
      CREATE TABLE feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        proposal_id uuid REFERENCES proposals(id),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('RECEIVED','ACKNOWLEDGED','ADDRESSED','DECLINED')),
        response text,
        responded_by uuid REFERENCES users(id),
        responded_at timestamptz(3),
        first_responded_at timestamptz(3),
        recorded_by uuid REFERENCES users(id),
        meeting_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CHECK ((status = 'RECEIVED') = (response IS NULL)),
        CHECK ((response IS NULL) = (first_responded_at IS NULL))
      )`);
    await q.query(`CREATE INDEX feedback_fund_created_idx ON feedback (fund_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX feedback_proposal_idx ON feedback (proposal_id)`);
    await q.query(`CREATE INDEX feedback_author_idx ON feedback (author_id)`);
    await q.query(`CREATE INDEX feedback_responded_by_idx ON feedback (responded_by)`);
    await q.query(`CREATE INDEX feedback_recorded_by_idx ON feedback (recorded_by)`);
    await q.query(`CREATE INDEX feedback_meeting_idx ON feedback (meeting_id)`);

    await q.query(`
      CREATE TABLE feedback_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        feedback_id uuid NOT NULL REFERENCES feedback(id),
        status varchar(16) NOT NULL,
        body text NOT NULL,
        responder_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX feedback_responses_feedback_idx ON feedback_responses (feedback_id, created_at)`);
    await q.query(`CREATE INDEX feedback_responses_responder_idx ON feedback_responses (responder_id)`);

    await q.query(`ALTER TABLE comments ADD COLUMN hidden_at timestamptz(3)`);
    await q.query(`ALTER TABLE comments ADD COLUMN hidden_by uuid REFERENCES users(id)`);
    await q.query(`ALTER TABLE comments ADD COLUMN hidden_reason varchar(500)`);
    await q.query(`CREATE INDEX comments_hidden_by_idx ON comments (hidden_by)`);
    // The rate limit counts a user's recent comments.
    await q.query(`CREATE INDEX comments_author_created_idx ON comments (author_id, created_at)`);

    await q.query(`
      CREATE TABLE comment_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comment_id uuid NOT NULL REFERENCES comments(id),
        reporter_id uuid NOT NULL REFERENCES users(id),
        reason varchar(500) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (comment_id, reporter_id)
      )`);
    await q.query(`CREATE INDEX comment_reports_reporter_idx ON comment_reports (reporter_id)`);

    await q.query(`
      CREATE TABLE comment_moderations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comment_id uuid NOT NULL REFERENCES comments(id),
        moderator_id uuid NOT NULL REFERENCES users(id),
        action varchar(8) NOT NULL CHECK (action IN ('HIDE','RESTORE')),
        reason varchar(500) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX comment_moderations_comment_idx ON comment_moderations (comment_id, created_at)`);
    await q.query(`CREATE INDEX comment_moderations_moderator_idx ON comment_moderations (moderator_id)`);

    await q.query(`
      CREATE TABLE proposal_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        number int NOT NULL CHECK (number > 0),
        editor_id uuid NOT NULL REFERENCES users(id),
        reason varchar(1000) NOT NULL,
        changes jsonb NOT NULL,
        cited_comment_ids uuid[] NOT NULL DEFAULT '{}',
        cited_feedback_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (proposal_id, number)
      )`);
    await q.query(`CREATE INDEX proposal_revisions_editor_idx ON proposal_revisions (editor_id)`);

    await q.query(`ALTER TABLE votes ADD COLUMN recorded_by uuid REFERENCES users(id)`);
    await q.query(`ALTER TABLE votes ADD COLUMN meeting_id uuid`);
    await q.query(`CREATE INDEX votes_recorded_by_idx ON votes (recorded_by)`);
    await q.query(`CREATE INDEX votes_meeting_idx ON votes (meeting_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes DROP COLUMN meeting_id, DROP COLUMN recorded_by`);
    for (const table of [
      'proposal_revisions',
      'comment_moderations',
      'comment_reports',
      'feedback_responses',
      'feedback',
      'proposal_follows',
      'notifications',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP INDEX IF EXISTS comments_author_created_idx`);
    await q.query(`ALTER TABLE comments DROP COLUMN hidden_reason, DROP COLUMN hidden_by, DROP COLUMN hidden_at`);
  }
}
