import { FEEDBACK_ACTION_FOR, FeedbackStatus, LIMITS, NotificationKind } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { Fund } from '../funds/fund.entity.js';
import { follow, notify } from '../notifications/notify.js';
import { isFundSide, isParticipant } from '../proposals/proposals.policy.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import { assertFundSide, residentOf, type Actor, type OnBehalf } from '../users/actor.js';
import { Feedback, FeedbackResponse } from './feedback.entity.js';
import { canViewFeedback, feedbackMachine } from './feedback.policy.js';

export interface SubmitFeedbackData {
  fundId: string;
  proposalId?: string | null;
  body: string;
}

export interface FeedbackFilter {
  fundId: string;
  status?: FeedbackStatus | null;
  proposalId?: string | null;
  /** Only the viewer's own. */
  mine?: boolean | null;
}

/** How quickly and how fully a fund answers its residents: public figures. */
export interface Responsiveness {
  total: number;
  answered: number;
  /** answered / total, 0 when there is no feedback. */
  answeredShare: number;
  /** Median time from submission to first answer, over answered items; null before any answer. */
  medianFirstResponseSeconds: number | null;
  /** Items still open (RECEIVED or ACKNOWLEDGED) submitted more than 7 days ago. */
  openOlderThan7Days: number;
}

/** Feedback lists are newest first and capped; the oldest answered items drop off the public list first. */
export const FEEDBACK_LIST_LIMIT = 200;

export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
  ) {}

  /**
   * Any participant gives feedback on the fund or on a proposal they can see.
   * With `onBehalf`, the fund's side enters feedback collected on paper at a
   * meeting as the named resident's, marked with who recorded it.
   */
  submit(actor: Actor, data: SubmitFeedbackData, onBehalf?: OnBehalf): Promise<Feedback> {
    if (onBehalf) assertFundSide(actor, 'records feedback collected on paper');
    else if (!isParticipant(actor)) throw forbidden('Your organization must be verified before it can give feedback');
    const body = data.body.trim();
    if (body.length < LIMITS.feedbackBody.min || body.length > LIMITS.feedbackBody.max) {
      throw badInput('body', `body must be ${LIMITS.feedbackBody.min} to ${LIMITS.feedbackBody.max} characters`);
    }
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      await onBehalf?.stillOpen?.(em);
      if (onBehalf) emit({ topic: Topic.MeetingUpdated, payload: { meetingId: onBehalf.meetingId } });
      const author = onBehalf ? await residentOf(em, onBehalf.residentId) : actor;
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      if (data.proposalId) {
        const proposal = await this.proposals.findVisible(em, author, data.proposalId, 'pessimistic_read');
        if (proposal.fundId !== data.fundId) throw badInput('proposalId', 'That proposal belongs to another fund');
        await follow(em, author.user.id, proposal.id);
      }
      return em.save(
        em.create(Feedback, {
          fundId: data.fundId,
          proposalId: data.proposalId ?? null,
          authorId: author.user.id,
          body,
          status: FeedbackStatus.RECEIVED,
          recordedById: onBehalf ? actor.user.id : null,
          meetingId: onBehalf?.meetingId ?? null,
        }),
      );
    });
  }

  /** The fund's side answers: RECEIVED -> ACKNOWLEDGED -> ADDRESSED or DECLINED, always with a response. The author hears of it. */
  respond(actor: Actor, feedbackId: string, status: FeedbackStatus, response: string): Promise<Feedback> {
    const action = FEEDBACK_ACTION_FOR[status];
    if (action === null) throw badInput('status', 'Answer with ACKNOWLEDGED, ADDRESSED or DECLINED');
    const text = response.trim();
    if (text.length < LIMITS.feedbackResponse.min || text.length > LIMITS.feedbackResponse.max) {
      throw badInput(
        'response',
        `response must be ${LIMITS.feedbackResponse.min} to ${LIMITS.feedbackResponse.max} characters`,
      );
    }
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const feedback = await em.findOne(Feedback, { where: { id: feedbackId }, lock: { mode: 'pessimistic_write' } });
      if (!feedback || !canViewFeedback(actor, feedback)) throw notFound('Feedback');
      feedback.status = feedbackMachine.transition(actor, feedback, action);
      const now = new Date();
      feedback.response = text;
      feedback.respondedById = actor.user.id;
      feedback.respondedAt = now;
      feedback.firstRespondedAt ??= now;
      const saved = await em.save(feedback);
      await em.save(em.create(FeedbackResponse, { feedbackId, status, body: text, responderId: actor.user.id }));
      const proposal = feedback.proposalId
        ? await this.proposals.findVisible(em, actor, feedback.proposalId, 'pessimistic_read')
        : null;
      await notify(em, emit, [feedback.authorId], {
        kind: NotificationKind.FEEDBACK_ANSWERED,
        actorId: actor.user.id,
        proposalId: proposal?.id ?? null,
        subjectId: feedback.id,
        title: proposal?.title ?? null,
        status,
        excerpt: text,
      });
      return saved;
    });
  }

  /** Feedback the viewer may read: the fund's side all, authors their own, everyone the answered. */
  list(viewer: Actor | null, filter: FeedbackFilter): Promise<Feedback[]> {
    const viewerId = viewer?.user.id ?? null;
    if (filter.mine && !viewerId) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(Feedback)
      .createQueryBuilder('f')
      .where('f.fund_id = :fundId', { fundId: filter.fundId });
    if (!isFundSide(viewer)) {
      qb.andWhere(`(f.status <> 'RECEIVED' OR f.author_id = :viewerId)`, { viewerId });
    }
    if (filter.mine) qb.andWhere('f.author_id = :viewerId', { viewerId });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.proposalId) qb.andWhere('f.proposal_id = :proposalId', { proposalId: filter.proposalId });
    return qb.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC').limit(FEEDBACK_LIST_LIMIT).getMany();
  }

  async findVisible(viewer: Actor | null, id: string): Promise<Feedback | null> {
    const feedback = await this.dataSource.getRepository(Feedback).findOneBy({ id });
    return feedback && canViewFeedback(viewer, feedback) ? feedback : null;
  }
}

/** The responsiveness figures of each fund, in one statement. */
export async function responsivenessOf(ds: DataSource, fundIds: readonly string[]): Promise<Responsiveness[]> {
  const rows: Array<{
    fund_id: string;
    total: number;
    answered: number;
    median: number | null;
    stale: number;
  }> = await ds.query(
    `SELECT fund_id,
            count(*)::int AS total,
            count(first_responded_at)::int AS answered,
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_responded_at - created_at))
              FILTER (WHERE first_responded_at IS NOT NULL))::int AS median,
            count(*) FILTER (WHERE status IN ('RECEIVED', 'ACKNOWLEDGED')
                               AND created_at < clock_timestamp() - interval '7 days')::int AS stale
       FROM feedback WHERE fund_id = ANY($1) GROUP BY fund_id`,
    [fundIds],
  );
  const byFund = new Map(rows.map((r) => [r.fund_id, r]));
  return fundIds.map((id) => {
    const r = byFund.get(id);
    if (!r) return { total: 0, answered: 0, answeredShare: 0, medianFirstResponseSeconds: null, openOlderThan7Days: 0 };
    return {
      total: r.total,
      answered: r.answered,
      answeredShare: r.total === 0 ? 0 : r.answered / r.total,
      medianFirstResponseSeconds: r.median,
      openOlderThan7Days: r.stale,
    };
  });
}
