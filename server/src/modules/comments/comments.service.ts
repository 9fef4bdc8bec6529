import type { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { canComment, isParticipant } from '../proposals/proposals.policy.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import type { Actor } from '../users/actor.js';
import { Comment } from './comment.entity.js';

export interface AddCommentData {
  proposalId: string;
  parentId?: string | null;
  body: string;
}

export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubsub: AppPubSub,
    private readonly proposals: ProposalsService,
  ) {}

  /** Any participant comments on a proposal they can see while its discussion is open; replies stay on the same proposal. */
  add(actor: Actor, data: AddCommentData): Promise<Comment> {
    if (!isParticipant(actor)) throw forbidden('Your organization must be verified before it can comment');
    return inTransaction(this.dataSource, this.pubsub, async (em, emit) => {
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
      if (!canComment(actor, proposal)) throw conflict(`Discussion is closed: the proposal is ${proposal.status}`);
      if (data.parentId) {
        const parent = await em.findOneBy(Comment, { id: data.parentId });
        if (!parent) throw notFound('Parent comment');
        if (parent.proposalId !== proposal.id) throw badInput('parentId', 'The parent comment is on another proposal');
      }
      const comment = await em.save(
        em.create(Comment, {
          proposalId: proposal.id,
          authorId: actor.user.id,
          parentId: data.parentId ?? null,
          body: data.body.trim(),
        }),
      );
      emit({ topic: Topic.CommentAdded, payload: { commentId: comment.id, proposalId: proposal.id } });
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return comment;
    });
  }
}
