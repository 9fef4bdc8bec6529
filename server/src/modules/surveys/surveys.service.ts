import { LIMITS, NotificationKind, ProposalStatus, Role, SurveyQuestionKind, SurveyStatus } from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { Fund } from '../funds/fund.entity.js';
import { notifyFollowers } from '../notifications/notify.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { assertId } from '../shared/ids.js';
import { inTransaction } from '../shared/transaction.js';
import { hasRole, type Actor } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Survey, SurveyAnswer, SurveyQuestion, SurveyResponse } from './survey.entity.js';
import { canViewSurvey, surveyMachine } from './surveys.policy.js';

export interface SurveyQuestionData {
  kind: SurveyQuestionKind;
  prompt: string;
  options?: readonly string[] | null;
  required?: boolean | null;
}

export interface CreateSurveyData {
  fundId: string;
  proposalId?: string | null;
  title: string;
  description?: string | null;
  questions: readonly SurveyQuestionData[];
}

export interface SurveyAnswerData {
  questionId: string;
  optionIndexes?: readonly number[] | null;
  scale?: number | null;
  text?: string | null;
}

/** An answer checked against its question, ready to write. */
interface CheckedAnswer {
  questionId: string;
  optionIndexes: number[];
  scale: number | null;
  text: string | null;
}

const CHOICE_KINDS: readonly SurveyQuestionKind[] = [
  SurveyQuestionKind.SINGLE_CHOICE,
  SurveyQuestionKind.MULTIPLE_CHOICE,
];
const STATUS_ORDER: Record<SurveyStatus, number> = {
  [SurveyStatus.OPEN]: 0,
  [SurveyStatus.DRAFT]: 1,
  [SurveyStatus.CLOSED]: 2,
};

/** Open surveys first, then drafts, then closed ones; newest first within each. */
export function openFirst(surveys: Survey[]): Survey[] {
  return surveys.sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.createdAt.getTime() - a.createdAt.getTime(),
  );
}

function checkQuestions(questions: readonly SurveyQuestionData[]): Array<Omit<SurveyQuestion, 'id' | 'surveyId'>> {
  if (questions.length < LIMITS.surveyQuestions.min || questions.length > LIMITS.surveyQuestions.max) {
    throw badInput(
      'questions',
      `A survey has ${LIMITS.surveyQuestions.min} to ${LIMITS.surveyQuestions.max} questions`,
    );
  }
  return questions.map((q, i) => {
    const field = `questions.${i}`;
    const prompt = q.prompt.trim();
    if (prompt.length < LIMITS.questionPrompt.min || prompt.length > LIMITS.questionPrompt.max) {
      throw badInput(
        `${field}.prompt`,
        `prompt must be ${LIMITS.questionPrompt.min} to ${LIMITS.questionPrompt.max} characters`,
      );
    }
    const options = (q.options ?? []).map((o) => o.trim());
    if (CHOICE_KINDS.includes(q.kind)) {
      if (options.length < LIMITS.questionOptions.min || options.length > LIMITS.questionOptions.max) {
        throw badInput(
          `${field}.options`,
          `A choice question has ${LIMITS.questionOptions.min} to ${LIMITS.questionOptions.max} options`,
        );
      }
      options.forEach((o, j) => {
        if (o.length < LIMITS.questionOption.min || o.length > LIMITS.questionOption.max) {
          throw badInput(
            `${field}.options.${j}`,
            `An option must be ${LIMITS.questionOption.min} to ${LIMITS.questionOption.max} characters`,
          );
        }
        if (options.indexOf(o) !== j) throw badInput(`${field}.options.${j}`, 'Options must differ from each other');
      });
    } else if (options.length > 0) {
      throw badInput(`${field}.options`, 'Only choice questions have options');
    }
    return { position: i + 1, kind: q.kind, prompt, options, required: q.required ?? true };
  });
}

/**
 * Checks answers against the questions; every problem is BAD_USER_INPUT naming
 * `answers.<i>.<field>` (or `answers` for a missing required answer). Empty
 * answers (nothing chosen, blank text) count as unanswered.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: readonly SurveyAnswerData[],
): CheckedAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const checked: CheckedAnswer[] = [];
  answers.forEach((a, i) => {
    const field = `answers.${i}`;
    const question = byId.get(a.questionId.toLowerCase());
    if (!question) throw badInput(`${field}.questionId`, 'No such question in this survey');
    if (seen.has(question.id)) throw badInput(`${field}.questionId`, 'This question is answered twice');
    seen.add(question.id);
    const optionIndexes = [...(a.optionIndexes ?? [])];
    const scale = a.scale ?? null;
    const text = a.text?.trim() || null;
    const isChoice = CHOICE_KINDS.includes(question.kind);
    if (!isChoice && optionIndexes.length > 0) throw badInput(`${field}.optionIndexes`, 'This question has no options');
    if (question.kind !== SurveyQuestionKind.SCALE && scale !== null) {
      throw badInput(`${field}.scale`, 'This question takes no scale');
    }
    if (question.kind !== SurveyQuestionKind.FREE_TEXT && text !== null) {
      throw badInput(`${field}.text`, 'This question takes no text');
    }
    if (isChoice) {
      if (question.kind === SurveyQuestionKind.SINGLE_CHOICE && optionIndexes.length > 1) {
        throw badInput(`${field}.optionIndexes`, 'Choose one option only');
      }
      optionIndexes.forEach((index, j) => {
        if (!Number.isInteger(index) || index < 0 || index >= question.options.length) {
          throw badInput(`${field}.optionIndexes`, `Option ${index} does not exist`);
        }
        if (optionIndexes.indexOf(index) !== j) throw badInput(`${field}.optionIndexes`, 'An option is chosen twice');
      });
    }
    if (scale !== null && (!Number.isInteger(scale) || scale < LIMITS.scale.min || scale > LIMITS.scale.max)) {
      throw badInput(`${field}.scale`, `scale must be from ${LIMITS.scale.min} to ${LIMITS.scale.max}`);
    }
    if (text !== null && text.length > LIMITS.surveyTextAnswer.max) {
      throw badInput(`${field}.text`, `text must be at most ${LIMITS.surveyTextAnswer.max} characters`);
    }
    if (optionIndexes.length > 0 || scale !== null || text !== null) {
      checked.push({ questionId: question.id, optionIndexes: optionIndexes.sort((x, y) => x - y), scale, text });
    }
  });
  const answered = new Set(checked.map((a) => a.questionId));
  const missing = questions.find((q) => q.required && !answered.has(q.id));
  if (missing) throw badInput('answers', `Question ${missing.position} needs an answer`);
  if (checked.length === 0) throw badInput('answers', 'Answer at least one question');
  return checked;
}

export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
  ) {}

  /** A fund's surveys the viewer may see (drafts for the fund's side only), open first. */
  async list(
    viewer: Actor | null,
    fundId: string,
    filter: { proposalId?: string | null; status?: SurveyStatus | null } = {},
  ): Promise<Survey[]> {
    if (!(await this.dataSource.getRepository(Fund).existsBy({ id: fundId }))) throw notFound('Fund');
    const qb = this.dataSource
      .getRepository(Survey)
      .createQueryBuilder('s')
      .where('s.fund_id = :fundId', { fundId })
      .orderBy('s.created_at', 'DESC');
    if (filter.proposalId) qb.andWhere('s.proposal_id = :proposalId', { proposalId: filter.proposalId });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (!isFundSide(viewer)) qb.andWhere(`s.status <> :draft`, { draft: SurveyStatus.DRAFT });
    return openFirst(await qb.getMany());
  }

  /** The fund's side drafts a survey with its questions, for the fund or a proposal that is past DRAFT. */
  create(actor: Actor, data: CreateSurveyData): Promise<Survey> {
    if (!isFundSide(actor)) throw forbidden('Only GOVERNMENT or FUND_ADMIN create surveys');
    const title = data.title.trim();
    if (title.length < LIMITS.surveyTitle.min || title.length > LIMITS.surveyTitle.max) {
      throw badInput('title', `title must be ${LIMITS.surveyTitle.min} to ${LIMITS.surveyTitle.max} characters`);
    }
    const description = data.description?.trim() || null;
    if (description && description.length > LIMITS.surveyDescription.max) {
      throw badInput('description', `description must be at most ${LIMITS.surveyDescription.max} characters`);
    }
    const questions = checkQuestions(data.questions);
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      if (data.proposalId) {
        const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
        if (proposal.fundId !== data.fundId) throw badInput('proposalId', 'That proposal belongs to another fund');
        if (proposal.status === ProposalStatus.DRAFT) {
          throw conflict('A DRAFT proposal cannot have surveys yet; open its consultation first');
        }
      }
      const survey = await em.save(
        em.create(Survey, {
          fundId: data.fundId,
          proposalId: data.proposalId ?? null,
          title,
          description,
          status: SurveyStatus.DRAFT,
          createdById: actor.user.id,
          openedAt: null,
          closedAt: null,
        }),
      );
      await em.insert(
        SurveyQuestion,
        questions.map((q) => ({ ...q, surveyId: survey.id })),
      );
      return survey;
    });
  }

  /** DRAFT -> OPEN; the followers of its proposal hear of it. */
  open(actor: Actor, surveyId: string, now = new Date()): Promise<Survey> {
    return this.move(actor, surveyId, 'open', async (survey, em, emit) => {
      survey.openedAt = now;
      if (survey.proposalId) {
        await notifyFollowers(em, emit, survey.proposalId, {
          kind: NotificationKind.SURVEY_OPENED,
          actorId: actor.user.id,
          subjectId: survey.id,
          title: survey.title,
        });
      }
    });
  }

  /** OPEN -> CLOSED: no more responses; results stay public. */
  close(actor: Actor, surveyId: string, now = new Date()): Promise<Survey> {
    return this.move(actor, surveyId, 'close', (survey) => {
      survey.closedAt = now;
    });
  }

  /** A resident answers an open survey, once. */
  submit(actor: Actor, surveyId: string, answers: readonly SurveyAnswerData[]): Promise<SurveyResponse> {
    if (!hasRole(actor, Role.RESIDENT)) throw forbidden('Only residents answer surveys');
    return this.respond(actor, surveyId, actor.user.id, null, answers);
  }

  /** The fund's side enters a paper response on behalf of a named resident; it is that resident's one response. */
  async recordAssisted(
    actor: Actor,
    surveyId: string,
    residentId: string,
    answers: readonly SurveyAnswerData[],
  ): Promise<SurveyResponse> {
    if (!isFundSide(actor)) throw forbidden('Only GOVERNMENT or FUND_ADMIN record paper responses');
    const resident = await this.dataSource.getRepository(User).findOneBy({ id: assertId(residentId, 'residentId') });
    if (!resident) throw notFound('User');
    if (resident.role !== Role.RESIDENT) throw badInput('residentId', 'Only residents answer surveys');
    return this.respond(actor, surveyId, resident.id, actor.user.id, answers);
  }

  /** Locks and returns a survey the actor may see; NOT_FOUND otherwise, so drafts do not reveal they exist. */
  async findVisible(
    em: EntityManager,
    actor: Actor | null,
    surveyId: string,
    lock: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
  ): Promise<Survey> {
    const survey = await em.findOne(Survey, { where: { id: surveyId }, lock: { mode: lock } });
    if (!survey || !canViewSurvey(actor, survey)) throw notFound('Survey');
    return survey;
  }

  private respond(
    actor: Actor,
    surveyId: string,
    respondentId: string,
    recordedById: string | null,
    answers: readonly SurveyAnswerData[],
  ): Promise<SurveyResponse> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      // A shared lock: responses do not block each other, but a close waits for them (and they for it).
      const survey = await this.findVisible(em, actor, surveyId, 'pessimistic_read');
      if (survey.status !== SurveyStatus.OPEN) throw conflict(`This survey is ${survey.status}, not OPEN`);
      const already = () => conflict('This resident has already answered this survey');
      if (await em.existsBy(SurveyResponse, { surveyId, respondentId })) throw already();
      const questions = await em.find(SurveyQuestion, { where: { surveyId }, order: { position: 'ASC' } });
      const checked = checkAnswers(questions, answers);
      // The unique index settles racing submits: the loser inserts nothing.
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO survey_responses (survey_id, respondent_id, recorded_by) VALUES ($1, $2, $3)
         ON CONFLICT (survey_id, respondent_id) DO NOTHING RETURNING id`,
        [surveyId, respondentId, recordedById],
      );
      if (inserted.length === 0) throw already();
      const responseId = inserted[0]!.id;
      await em.insert(
        SurveyAnswer,
        checked.map((a) => ({ ...a, responseId, surveyId })),
      );
      emit({ topic: Topic.SurveyResultsUpdated, payload: { surveyId } });
      return em.findOneByOrFail(SurveyResponse, { id: responseId });
    });
  }

  private move(
    actor: Actor,
    surveyId: string,
    action: 'open' | 'close',
    apply: (survey: Survey, em: EntityManager, emit: (event: DomainEvent) => void) => void | Promise<void>,
  ): Promise<Survey> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const survey = await this.findVisible(em, actor, surveyId);
      survey.status = surveyMachine.transition(actor, survey, action);
      await apply(survey, em, emit);
      const saved = await em.save(survey);
      emit({ topic: Topic.SurveyResultsUpdated, payload: { surveyId } });
      return saved;
    });
  }
}
