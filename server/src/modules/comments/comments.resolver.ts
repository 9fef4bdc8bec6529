import { ModerationAction, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type CommentAddedEvent } from '../../graphql/pubsub.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { hasRole, PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Comment, CommentModeration, CommentReport } from './comment.entity.js';
import { ReportedComment } from './comment.type.js';
import { canReadHidden, isHidden } from './comments.service.js';
import { AddCommentInput } from './comments.inputs.js';

@Resolver(() => Comment)
export class CommentsResolver {
  @Authorized(PARTICIPANT)
  @Mutation(() => Comment)
  addComment(@Arg('input', () => AddCommentInput) input: AddCommentInput, @Ctx() ctx: Context): Promise<Comment> {
    return ctx.services.comments.add(ctx.viewer!, input);
  }

  @Subscription(() => Comment, {
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { proposalId: string }, Context>) => {
      const proposalId = assertId(args.proposalId, 'proposalId');
      if (!(await context.loaders.proposals.byId.load(proposalId))) throw notFound('Proposal');
      return context.subscribe(Topic.CommentAdded, proposalId);
    },
  })
  async commentAdded(
    @Root() event: CommentAddedEvent,
    @Arg('proposalId', () => ID) _proposalId: string,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    ctx.renewLoaders(event);
    await required(ctx.loaders.proposals.byId.load(event.proposalId), 'Proposal');
    return required(ctx.loaders.comments.byId.load(event.commentId), 'Comment');
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Comment, { description: 'Report a comment to the moderators, once, with a reason.' })
  reportComment(
    @Arg('commentId', () => ID) commentId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    return ctx.services.comments.report(ctx.viewer!, assertId(commentId, 'commentId'), reason);
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Comment, { description: 'FUND_ADMIN hides a comment, with a reason; its author still sees it.' })
  hideComment(
    @Arg('commentId', () => ID) commentId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    return ctx.services.comments.moderate(ctx.viewer!, assertId(commentId, 'commentId'), ModerationAction.HIDE, reason);
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Comment, { description: 'FUND_ADMIN restores a hidden comment, with a reason.' })
  restoreComment(
    @Arg('commentId', () => ID) commentId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    return ctx.services.comments.moderate(
      ctx.viewer!,
      assertId(commentId, 'commentId'),
      ModerationAction.RESTORE,
      reason,
    );
  }

  @Authorized(Role.FUND_ADMIN)
  @Query(() => [ReportedComment], { description: "FUND_ADMIN: reported comments on the fund's proposals." })
  moderationQueue(@Arg('fundId', () => ID) fundId: string, @Ctx() ctx: Context): Promise<ReportedComment[]> {
    return ctx.services.comments.moderationQueue(ctx.viewer!, assertId(fundId, 'fundId'));
  }

  @FieldResolver(() => String, {
    description: 'Empty when hidden by a moderator, except for its author and FUND_ADMIN.',
  })
  body(@Root() comment: Comment, @Ctx() ctx: Context): string {
    return isHidden(comment) && !canReadHidden(ctx.viewer, comment) ? '' : comment.body;
  }

  @FieldResolver(() => Boolean, { description: 'Hidden by a moderator.' })
  hidden(@Root() comment: Comment): boolean {
    return isHidden(comment);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was hidden: for its author and FUND_ADMIN.' })
  hiddenReason(@Root() comment: Comment, @Ctx() ctx: Context): string | null {
    return canReadHidden(ctx.viewer, comment) ? comment.hiddenReason : null;
  }

  @FieldResolver(() => Boolean)
  viewerReported(@Root() comment: Comment, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.comments.viewerReported.load(comment.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'FUND_ADMIN only.' })
  reportCount(@Root() comment: Comment, @Ctx() ctx: Context): Promise<number> | null {
    return hasRole(ctx.viewer, Role.FUND_ADMIN) ? ctx.loaders.comments.reportCount.load(comment.id) : null;
  }

  @FieldResolver(() => [CommentReport], { description: 'FUND_ADMIN only; empty for others.' })
  async reports(@Root() comment: Comment, @Ctx() ctx: Context): Promise<CommentReport[]> {
    return hasRole(ctx.viewer, Role.FUND_ADMIN) ? ctx.loaders.comments.reports.load(comment.id) : [];
  }

  @FieldResolver(() => [CommentModeration], {
    description: 'Hide and restore history: FUND_ADMIN only; empty for others.',
  })
  async moderation(@Root() comment: Comment, @Ctx() ctx: Context): Promise<CommentModeration[]> {
    return hasRole(ctx.viewer, Role.FUND_ADMIN) ? ctx.loaders.comments.moderations.load(comment.id) : [];
  }

  @FieldResolver(() => Proposal)
  proposal(@Root() comment: Comment, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(comment.proposalId), 'Proposal');
  }

  @FieldResolver(() => User)
  author(@Root() comment: Comment, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(comment.authorId), 'User');
  }

  @FieldResolver(() => Comment, { nullable: true })
  parent(@Root() comment: Comment, @Ctx() ctx: Context): Promise<Comment | null> | null {
    return comment.parentId ? ctx.loaders.comments.byId.load(comment.parentId) : null;
  }
}

@Resolver(() => CommentReport)
export class CommentReportResolver {
  @FieldResolver(() => User)
  reporter(@Root() report: CommentReport, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(report.reporterId), 'User');
  }
}

@Resolver(() => CommentModeration)
export class CommentModerationResolver {
  @FieldResolver(() => User)
  moderator(@Root() m: CommentModeration, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(m.moderatorId), 'User');
  }
}
