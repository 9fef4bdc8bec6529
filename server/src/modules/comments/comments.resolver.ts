import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
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
import { PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Comment } from './comment.entity.js';
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
      return context.pubsub.subscribe(Topic.CommentAdded, proposalId);
    },
  })
  async commentAdded(
    @Root() event: CommentAddedEvent,
    @Arg('proposalId', () => ID) _proposalId: string,
    @Ctx() ctx: Context,
  ): Promise<Comment> {
    ctx.renewLoaders();
    await required(ctx.loaders.proposals.byId.load(event.proposalId), 'Proposal');
    return required(ctx.loaders.comments.byId.load(event.commentId), 'Comment');
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
