import { LIMITS, ModerationAction, NotificationKind, Role } from '@commonweal/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound, rateLimited } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { follow, notify } from '../notifications/notify.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { canComment, canView, isParticipant } from '../proposals/proposals.policy.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import { hasRole, type Actor } from '../users/actor.js';
import { Comment, CommentModeration } from './comment.entity.js';

export interface AddCommentData {
  proposalId: string;
  parentId?: string | null;
  body: string;
}

/** A comment whose text others may not read: hidden by a moderator. */
export const isHidden = (c: Comment): boolean => c.hiddenAt !== null;

/** Moderators (FUND_ADMIN) and the author read a hidden comment's text; others see that it was hidden. */
export function canReadHidden(actor: Actor | null, c: Comment): boolean {
  return actor?.user.id === c.authorId || hasRole(actor, Role.FUND_ADMIN);
}

export interface ReportedComment {
  comment: Comment;
  reportCount: number;
}

function reasonOf(field: string, reason: string, limits: { min: number; max: number }): string {
  const text = reason.trim();
  if (text.length < limits.min || text.length > limits.max) {
    throw badInput(field, `${field} must be ${limits.min} to ${limits.max} characters`);
  }
  return text;
}

export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
    /** Comments one user may post per minute. */
    private readonly perMinute: number,
  ) {}

  /**
   * Any participant comments on a proposal they can see while its discussion
   * is open; replies stay on the same proposal. The commenter follows the
   * proposal; its author and the parent comment's author are notified.
   */
  add(actor: Actor, data: AddCommentData): Promise<Comment> {
    if (!isParticipant(actor)) throw forbidden('Your organization must be verified before it can comment');
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
      if (!canComment(actor, proposal)) throw conflict(`Discussion is closed: the proposal is ${proposal.status}`);
      const parent = data.parentId ? await em.findOneBy(Comment, { id: data.parentId }) : null;
      if (data.parentId && !parent) throw notFound('Parent comment');
      if (parent && parent.proposalId !== proposal.id) {
        throw badInput('parentId', 'The parent comment is on another proposal');
      }
      await this.assertWithinRate(em, actor);
      const comment = await em.save(
        em.create(Comment, {
          proposalId: proposal.id,
          authorId: actor.user.id,
          parentId: parent?.id ?? null,
          body: data.body.trim(),
        }),
      );
      await follow(em, actor.user.id, proposal.id);
      const about = {
        actorId: actor.user.id,
        proposalId: proposal.id,
        subjectId: comment.id,
        title: proposal.title,
        excerpt: comment.body,
      };
      if (parent) await notify(em, emit, [parent.authorId], { ...about, kind: NotificationKind.COMMENT_REPLIED });
      if (parent?.authorId !== proposal.authorId) {
        await notify(em, emit, [proposal.authorId], { ...about, kind: NotificationKind.PROPOSAL_COMMENTED });
      }
      emit({ topic: Topic.CommentAdded, payload: { commentId: comment.id, proposalId: proposal.id } });
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return comment;
    });
  }

  /**
   * At most `perMinute` comments per user in any minute. The per-user
   * advisory lock makes the count exact under concurrent posts, on any
   * number of server instances.
   */
  private async assertWithinRate(em: EntityManager, actor: Actor): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('comment-rate'), hashtext($1))`, [actor.user.id]);
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM comments WHERE author_id = $1 AND created_at > clock_timestamp() - interval '1 minute'`,
      [actor.user.id],
    );
    if (row.n >= this.perMinute) {
      throw rateLimited(`You can post ${this.perMinute} comments a minute; wait a moment and try again`);
    }
  }

  /** Any signed-in user reports a comment they can see, once. */
  report(actor: Actor, commentId: string, reason: string): Promise<Comment> {
    const text = reasonOf('reason', reason, LIMITS.reportReason);
    return this.dataSource.transaction(async (em) => {
      const comment = await this.visibleComment(em, actor, commentId);
      if (comment.authorId === actor.user.id) throw badInput('commentId', 'You cannot report your own comment');
      const inserted = await em.query(
        `INSERT INTO comment_reports (comment_id, reporter_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (comment_id, reporter_id) DO NOTHING RETURNING id`,
        [comment.id, actor.user.id, text],
      );
      if (inserted.length === 0) throw conflict('You have already reported this comment');
      return comment;
    });
  }

  /** FUND_ADMIN hides or restores a comment with a reason; its author hears of it. */
  moderate(actor: Actor, commentId: string, action: ModerationAction, reason: string): Promise<Comment> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN moderates comments');
    const text = reasonOf('reason', reason, LIMITS.moderationReason);
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const comment = await em.findOne(Comment, { where: { id: commentId }, lock: { mode: 'pessimistic_write' } });
      if (!comment) throw notFound('Comment');
      const hide = action === ModerationAction.HIDE;
      if (hide === isHidden(comment))
        throw conflict(hide ? 'The comment is already hidden' : 'The comment is not hidden');
      comment.hiddenAt = hide ? new Date() : null;
      comment.hiddenById = hide ? actor.user.id : null;
      comment.hiddenReason = hide ? text : null;
      const saved = await em.save(comment);
      await em.save(em.create(CommentModeration, { commentId, moderatorId: actor.user.id, action, reason: text }));
      const proposal = await this.proposals.findVisible(em, actor, comment.proposalId, 'pessimistic_read');
      await notify(em, emit, [comment.authorId], {
        kind: NotificationKind.COMMENT_MODERATED,
        actorId: actor.user.id,
        proposalId: proposal.id,
        subjectId: comment.id,
        title: proposal.title,
        status: action,
        excerpt: text,
      });
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }

  /** FUND_ADMIN's queue: comments on the fund's proposals with reports, most reported first. */
  async moderationQueue(actor: Actor, fundId: string): Promise<ReportedComment[]> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN moderates comments');
    const rows: Array<{ id: string; report_count: number }> = await this.dataSource.query(
      `SELECT c.id, count(r.id)::int AS report_count
         FROM comment_reports r JOIN comments c ON c.id = r.comment_id JOIN proposals p ON p.id = c.proposal_id
        WHERE p.fund_id = $1
        GROUP BY c.id
        ORDER BY (c.hidden_at IS NULL) DESC, count(r.id) DESC, max(r.created_at) DESC
        LIMIT 200`,
      [fundId],
    );
    const comments = await this.dataSource.getRepository(Comment).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(comments.map((c) => [c.id, c]));
    return rows.map((r) => ({ comment: byId.get(r.id)!, reportCount: r.report_count }));
  }

  /** A comment on a proposal the actor may see; NOT_FOUND otherwise, so comments on drafts do not reveal they exist. */
  private async visibleComment(em: EntityManager, actor: Actor, commentId: string): Promise<Comment> {
    const comment = await em.findOneBy(Comment, { id: commentId });
    const proposal = comment ? await em.findOneBy(Proposal, { id: comment.proposalId }) : null;
    if (!comment || !proposal || !canView(actor, proposal)) throw notFound('Comment');
    return comment;
  }
}
