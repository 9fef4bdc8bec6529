import { SurveyQuestionKind } from '@commonweal/shared';
import { stringify } from 'csv-stringify';
import { Router } from 'express';
import { In } from 'typeorm';
import { tokenFrom, viewerFor, type ContextDeps } from '../../graphql/context.js';
import { AppError } from '../../graphql/errors.js';
import { User } from '../users/user.entity.js';
import { Survey, SurveyAnswer, SurveyQuestion } from './survey.entity.js';
import { canExport } from './surveys.policy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 500;

/** Spreadsheets run cells that start like a formula: quote them so a resident's text stays text. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(q: SurveyQuestion, a: SurveyAnswer | undefined): string | number {
  if (!a) return '';
  switch (q.kind) {
    case SurveyQuestionKind.SINGLE_CHOICE:
    case SurveyQuestionKind.MULTIPLE_CHOICE:
      return a.optionIndexes.map((i) => safeCell(q.options[i] ?? String(i))).join('; ');
    case SurveyQuestionKind.SCALE:
      return a.scale ?? '';
    case SurveyQuestionKind.FREE_TEXT:
      return a.text ? safeCell(a.text) : '';
  }
}

/**
 * /api/surveys/:id/responses.csv — every response (oldest first, in batches)
 * with one column per question, for GOVERNMENT and FUND_ADMIN only: a
 * Bearer token is required (401 without or with a bad one, 403 for others).
 * Respondents are not named; paper responses are marked with who entered them.
 */
export function surveyCsvRouter(deps: ContextDeps): Router {
  const router = Router();

  router.get('/api/surveys/:id/responses.csv', async (req, res) => {
    const token = tokenFrom(req.headers.authorization);
    if (!token) {
      res.status(401).json({ error: 'Sign in first (Authorization: Bearer <token>)' });
      return;
    }
    let viewer;
    try {
      viewer = await viewerFor(deps, token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      res.status(401).json({ error: error.message });
      return;
    }
    if (!canExport(viewer)) {
      res.status(403).json({ error: 'Only GOVERNMENT or FUND_ADMIN export survey responses' });
      return;
    }
    if (!UUID.test(req.params.id)) {
      res.status(400).json({ error: 'Not a survey id' });
      return;
    }
    const ds = deps.dataSource;
    const survey = await ds.getRepository(Survey).findOneBy({ id: req.params.id.toLowerCase() });
    if (!survey) {
      res.status(404).json({ error: 'Survey not found' });
      return;
    }
    const questions = await ds
      .getRepository(SurveyQuestion)
      .find({ where: { surveyId: survey.id }, order: { position: 'ASC' } });

    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="survey-${survey.id}.csv"`);
    const csv = stringify({ bom: true });
    csv.pipe(res);
    csv.write([
      'response_id',
      'submitted_at',
      'assisted',
      'recorded_by',
      ...questions.map((q) => `Q${q.position}. ${safeCell(q.prompt)}`),
    ]);
    try {
      let after: { createdAt: Date; id: string } | null = null;
      for (;;) {
        const batch: Array<{ id: string; created_at: Date; recorded_by: string | null }> = await ds.query(
          `SELECT id, created_at, recorded_by FROM survey_responses
            WHERE survey_id = $1 ${after ? 'AND (created_at, id) > ($3, $4)' : ''}
            ORDER BY created_at, id LIMIT $2`,
          after ? [survey.id, BATCH, after.createdAt, after.id] : [survey.id, BATCH],
        );
        if (batch.length === 0) break;
        const ids = batch.map((r) => r.id);
        const [answers, recorders] = await Promise.all([
          ds.getRepository(SurveyAnswer).findBy({ responseId: In(ids) }),
          ds.getRepository(User).findBy({ id: In([...new Set(batch.flatMap((r) => r.recorded_by ?? []))]) }),
        ]);
        const names = new Map(recorders.map((u) => [u.id, u.displayName]));
        const byResponse = new Map<string, Map<string, SurveyAnswer>>();
        for (const a of answers) {
          const map = byResponse.get(a.responseId) ?? new Map<string, SurveyAnswer>();
          map.set(a.questionId, a);
          byResponse.set(a.responseId, map);
        }
        for (const r of batch) {
          const line = [
            r.id,
            r.created_at.toISOString(),
            r.recorded_by ? 'yes' : 'no',
            r.recorded_by ? safeCell(names.get(r.recorded_by) ?? r.recorded_by) : '',
            ...questions.map((q) => cell(q, byResponse.get(r.id)?.get(q.id))),
          ];
          if (!csv.write(line)) await new Promise((resolve) => csv.once('drain', resolve));
        }
        if (batch.length < BATCH) break;
        const last = batch.at(-1)!;
        after = { createdAt: last.created_at, id: last.id };
      }
      csv.end();
    } catch (error) {
      deps.logger.error({ err: error }, 'survey csv export failed');
      csv.destroy(error as Error);
    }
  });

  return router;
}
