import { SurveyQuestionKind, SurveyStatus } from '@commonweal/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { isFundSide } from '../proposals/proposals.policy.js';
import { byKey, groupByKey, idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { Survey, SurveyQuestion, SurveyResponse } from './survey.entity.js';
import type { SurveyQuestionResult, SurveyResults, SurveyTextAnswer } from './survey.type.js';
import { canSeeTextAnswers, canViewSurvey } from './surveys.policy.js';
import { openFirst } from './surveys.service.js';

const SCALE_POINTS = [1, 2, 3, 4, 5] as const;

/** `${questionId}|${n}` -> count */
type Counts = Map<string, number>;

function countsOf(rows: Array<{ question_id: string; k: number | string; n: string }>): Counts {
  return new Map(rows.map((r) => [`${r.question_id}|${Number(r.k)}`, Number(r.n)]));
}

/** Builds one question's aggregate from the grouped counts. */
function questionResult(
  q: SurveyQuestion,
  answered: Map<string, number>,
  optionCounts: Counts,
  scaleCounts: Counts,
  texts: Map<string, SurveyTextAnswer[]> | null,
): SurveyQuestionResult {
  const isChoice = q.kind === SurveyQuestionKind.SINGLE_CHOICE || q.kind === SurveyQuestionKind.MULTIPLE_CHOICE;
  let scaleDistribution: number[] | null = null;
  let scaleMean: number | null = null;
  if (q.kind === SurveyQuestionKind.SCALE) {
    scaleDistribution = SCALE_POINTS.map((k) => scaleCounts.get(`${q.id}|${k}`) ?? 0);
    const n = scaleDistribution.reduce((a, b) => a + b, 0);
    const sum = scaleDistribution.reduce((a, count, i) => a + count * (i + 1), 0);
    scaleMean = n === 0 ? null : sum / n;
  }
  return {
    questionId: q.id,
    question: q,
    kind: q.kind,
    answeredCount: answered.get(q.id) ?? 0,
    options: isChoice
      ? q.options.map((label, index) => ({ index, label, count: optionCounts.get(`${q.id}|${index}`) ?? 0 }))
      : [],
    scaleMean,
    scaleDistribution,
    textAnswers: q.kind === SurveyQuestionKind.FREE_TEXT && texts ? (texts.get(q.id) ?? []) : null,
  };
}

export function createSurveyLoaders(ds: DataSource, viewer: Actor | null) {
  const questions = new DataLoader<string, SurveyQuestion[]>(async (surveyIds) =>
    groupByKey(
      surveyIds,
      await ds
        .getRepository(SurveyQuestion)
        .find({ where: { surveyId: In([...surveyIds]) }, order: { position: 'ASC' } }),
      (q) => q.surveyId,
    ),
  );

  /** Each survey's aggregate as this viewer may see it: a handful of grouped statements per batch of surveys. */
  const results = new DataLoader<string, SurveyResults>(async (surveyIds) => {
    const withText = canSeeTextAnswers(viewer);
    const [questionLists, responses, answered, options, scales, texts] = await Promise.all([
      questions.loadMany(surveyIds),
      ds.query(
        `SELECT survey_id, count(*) AS n, count(recorded_by) AS assisted FROM survey_responses
          WHERE survey_id = ANY($1) GROUP BY survey_id`,
        [surveyIds],
      ) as Promise<Array<{ survey_id: string; n: string; assisted: string }>>,
      ds.query(`SELECT question_id, count(*) AS n FROM survey_answers WHERE survey_id = ANY($1) GROUP BY question_id`, [
        surveyIds,
      ]) as Promise<Array<{ question_id: string; n: string }>>,
      ds.query(
        `SELECT a.question_id, o.k, count(*) AS n
           FROM survey_answers a CROSS JOIN LATERAL unnest(a.option_indexes) AS o(k)
          WHERE a.survey_id = ANY($1) GROUP BY a.question_id, o.k`,
        [surveyIds],
      ) as Promise<Array<{ question_id: string; k: number; n: string }>>,
      ds.query(
        `SELECT question_id, scale AS k, count(*) AS n FROM survey_answers
          WHERE survey_id = ANY($1) AND scale IS NOT NULL GROUP BY question_id, scale`,
        [surveyIds],
      ) as Promise<Array<{ question_id: string; k: number; n: string }>>,
      withText
        ? (ds.query(
            `SELECT a.question_id, a.text, r.recorded_by IS NOT NULL AS assisted, r.created_at
               FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
              WHERE a.survey_id = ANY($1) AND a.text IS NOT NULL
              ORDER BY r.created_at, r.id`,
            [surveyIds],
          ) as Promise<Array<{ question_id: string; text: string; assisted: boolean; created_at: Date }>>)
        : Promise.resolve(null),
    ]);
    const responseMap = new Map(responses.map((r) => [r.survey_id, r]));
    const answeredMap = new Map(answered.map((r) => [r.question_id, Number(r.n)]));
    const optionCounts = countsOf(options);
    const scaleCounts = countsOf(scales);
    let textMap: Map<string, SurveyTextAnswer[]> | null = null;
    if (texts) {
      textMap = new Map();
      for (const t of texts) {
        const list = textMap.get(t.question_id) ?? [];
        list.push({ text: t.text, assisted: t.assisted, createdAt: t.created_at });
        textMap.set(t.question_id, list);
      }
    }
    return surveyIds.map((surveyId, i) => {
      const qs = questionLists[i];
      if (qs instanceof Error) return qs;
      const r = responseMap.get(surveyId);
      return {
        id: surveyId,
        surveyId,
        responseCount: Number(r?.n ?? 0),
        assistedResponseCount: Number(r?.assisted ?? 0),
        questions: (qs ?? []).map((q) => questionResult(q, answeredMap, optionCounts, scaleCounts, textMap)),
      };
    });
  });

  return {
    /** Surveys the viewer may see, by id (null for drafts, unless the viewer is the fund's side). */
    byId: idLoader(async (ids) =>
      (await ds.getRepository(Survey).findBy({ id: In(ids) })).filter((s) => canViewSurvey(viewer, s)),
    ),
    /** The surveys about each proposal that the viewer may see, open first. */
    byProposalId: new DataLoader<string, Survey[]>(async (proposalIds) => {
      const qb = ds
        .getRepository(Survey)
        .createQueryBuilder('s')
        .where('s.proposal_id = ANY(:proposalIds)', { proposalIds })
        .orderBy('s.created_at', 'DESC');
      if (!isFundSide(viewer)) qb.andWhere('s.status <> :draft', { draft: SurveyStatus.DRAFT });
      return groupByKey(proposalIds, await qb.getMany(), (s) => s.proposalId).map(openFirst);
    }),
    questions,
    results,
    /** The viewer's own response to each survey, online or entered for them (null without a query for anonymous viewers). */
    viewerResponse: new DataLoader<string, SurveyResponse | null>(async (surveyIds) => {
      if (!viewer) return surveyIds.map(() => null);
      const rows = await ds
        .getRepository(SurveyResponse)
        .findBy({ respondentId: viewer.user.id, surveyId: In([...surveyIds]) });
      return byKey(surveyIds, rows, (r) => r.surveyId);
    }),
  };
}
