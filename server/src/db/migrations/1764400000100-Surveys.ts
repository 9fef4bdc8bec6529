import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys: a fund's or a proposal's questionnaire, its questions, and one
 * response per resident (the unique index settles racing submits), each
 * answer a row so results aggregate in SQL.
 */
export class Surveys1764400000100 implements MigrationInterface {
  name = 'Surveys1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds(id),
        proposal_id uuid REFERENCES proposals(id),
        title varchar(120) NOT NULL,
        description text,
        status varchar(8) NOT NULL CHECK (status IN ('DRAFT','OPEN','CLOSED')),
        created_by uuid NOT NULL REFERENCES users(id),
        opened_at timestamptz(3),
        closed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CHECK ((status = 'DRAFT') = (opened_at IS NULL)),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX surveys_fund_created_idx ON surveys (fund_id, created_at DESC)`);
    await q.query(`CREATE INDEX surveys_proposal_idx ON surveys (proposal_id)`);
    await q.query(`CREATE INDEX surveys_created_by_idx ON surveys (created_by)`);

    await q.query(`
      CREATE TABLE survey_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES surveys(id),
        position int NOT NULL CHECK (position > 0),
        kind varchar(16) NOT NULL CHECK (kind IN ('SINGLE_CHOICE','MULTIPLE_CHOICE','SCALE','FREE_TEXT')),
        prompt varchar(500) NOT NULL,
        options text[] NOT NULL DEFAULT '{}',
        required boolean NOT NULL DEFAULT true,
        UNIQUE (survey_id, position)
      )`);

    await q.query(`
      CREATE TABLE survey_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES surveys(id),
        respondent_id uuid NOT NULL REFERENCES users(id),
        recorded_by uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    // One response per resident per survey, whoever recorded it.
    await q.query(
      `CREATE UNIQUE INDEX survey_responses_one_per_resident ON survey_responses (survey_id, respondent_id)`,
    );
    await q.query(`CREATE INDEX survey_responses_respondent_idx ON survey_responses (respondent_id)`);
    await q.query(`CREATE INDEX survey_responses_recorded_by_idx ON survey_responses (recorded_by)`);

    await q.query(`
      CREATE TABLE survey_answers (
        response_id uuid NOT NULL REFERENCES survey_responses(id),
        question_id uuid NOT NULL REFERENCES survey_questions(id),
        survey_id uuid NOT NULL REFERENCES surveys(id),
        option_indexes int[] NOT NULL DEFAULT '{}',
        scale smallint CHECK (scale BETWEEN 1 AND 5),
        text varchar(2000),
        PRIMARY KEY (response_id, question_id)
      )`);
    await q.query(`CREATE INDEX survey_answers_survey_question_idx ON survey_answers (survey_id, question_id)`);
    await q.query(`CREATE INDEX survey_answers_question_idx ON survey_answers (question_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['survey_answers', 'survey_responses', 'survey_questions', 'surveys']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
