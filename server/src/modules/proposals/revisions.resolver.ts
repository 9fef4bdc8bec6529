import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Comment } from '../comments/comment.entity.js';
import { Feedback } from '../feedback/feedback.entity.js';
import { required } from '../shared/loader-utils.js';
import { PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Proposal } from './proposal.entity.js';
import { ReviseProposalInput } from './proposals.inputs.js';
import { ProposalRevision } from './revision.entity.js';

const present = <T>(values: (T | null)[]): T[] => values.filter((v): v is T => v !== null);

@Resolver(() => ProposalRevision)
export class RevisionsResolver {
  @Authorized(PARTICIPANT)
  @Mutation(() => Proposal, {
    description:
      'The author or FUND_ADMIN edits a DRAFT, or revises a proposal in CONSULTATION (recorded with a reason).',
  })
  reviseProposal(@Arg('input', () => ReviseProposalInput) input: ReviseProposalInput, @Ctx() ctx: Context) {
    return ctx.services.revisions.revise(ctx.viewer!, input);
  }

  @FieldResolver(() => User)
  editor(@Root() r: ProposalRevision, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(r.editorId), 'User');
  }

  @FieldResolver(() => [Comment], { description: 'The comments that prompted it (hidden ones show as hidden).' })
  async citedComments(@Root() r: ProposalRevision, @Ctx() ctx: Context): Promise<Comment[]> {
    return present(await ctx.loaders.comments.byId.loadMany(r.citedCommentIds).then(rejectErrors));
  }

  @FieldResolver(() => [Feedback], { description: 'The feedback that prompted it, as far as the viewer may read it.' })
  async citedFeedback(@Root() r: ProposalRevision, @Ctx() ctx: Context): Promise<Feedback[]> {
    return present(await ctx.loaders.feedback.byId.loadMany(r.citedFeedbackIds).then(rejectErrors));
  }
}

function rejectErrors<T>(values: Array<T | Error>): T[] {
  for (const value of values) if (value instanceof Error) throw value;
  return values as T[];
}

@Resolver(() => Proposal)
export class ProposalRevisionsResolver {
  @FieldResolver(() => [ProposalRevision], {
    description: '"You said, we changed": revisions made during consultation, oldest first.',
  })
  revisions(@Root() p: Proposal, @Ctx() ctx: Context): Promise<ProposalRevision[]> {
    return ctx.loaders.proposals.revisions.load(p.id);
  }
}
