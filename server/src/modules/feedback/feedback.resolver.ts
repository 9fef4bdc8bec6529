import { FeedbackStatus, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import { assertId, assertOptionalId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Feedback, FeedbackResponse } from './feedback.entity.js';
import { SubmitFeedbackInput } from './feedback.inputs.js';

@ObjectType({ description: "How fully and quickly the fund answers residents' feedback: public." })
export class FeedbackResponsiveness {
  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Items with at least one answer.' })
  answered: number;

  @Field(() => Float, { description: 'answered / total, from 0 to 1 (0 without feedback).' })
  answeredShare: number;

  @Field(() => Int, { nullable: true, description: 'Median seconds from submission to first answer; null before any.' })
  medianFirstResponseSeconds: number | null;

  @Field(() => Int, { description: 'Items still RECEIVED or ACKNOWLEDGED, submitted more than 7 days ago.' })
  openOlderThan7Days: number;
}

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => [Feedback], {
    description: 'Newest first, at most 200: the fund’s side sees all, authors their own, everyone the answered ones.',
  })
  feedback(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => FeedbackStatus, { nullable: true }) status: FeedbackStatus | null,
    @Arg('proposalId', () => ID, { nullable: true }) proposalId: string | null,
    @Arg('mine', () => Boolean, { nullable: true, description: "Only the viewer's own." }) mine: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Feedback[]> {
    return ctx.services.feedback.list(ctx.viewer, {
      fundId: assertId(fundId, 'fundId'),
      status,
      proposalId: assertOptionalId(proposalId, 'proposalId'),
      mine,
    });
  }

  @Query(() => Feedback, { nullable: true, description: 'One feedback item, if the viewer may read it.' })
  feedbackItem(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Feedback | null> {
    return ctx.services.feedback.findVisible(ctx.viewer, assertId(id, 'id'));
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Feedback)
  submitFeedback(@Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput, @Ctx() ctx: Context) {
    return ctx.services.feedback.submit(ctx.viewer!, input);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Feedback, {
    description: 'RECEIVED -> ACKNOWLEDGED -> ADDRESSED or DECLINED, always with a response.',
  })
  respondToFeedback(
    @Arg('feedbackId', () => ID) feedbackId: string,
    @Arg('status', () => FeedbackStatus) status: FeedbackStatus,
    @Arg('response') response: string,
    @Ctx() ctx: Context,
  ): Promise<Feedback> {
    return ctx.services.feedback.respond(ctx.viewer!, assertId(feedbackId, 'feedbackId'), status, response);
  }

  @FieldResolver(() => Fund)
  fund(@Root() f: Feedback, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(f.fundId), 'Fund');
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() f: Feedback, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return f.proposalId ? ctx.loaders.proposals.byId.load(f.proposalId) : null;
  }

  @FieldResolver(() => User)
  author(@Root() f: Feedback, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(f.authorId), 'User');
  }

  @FieldResolver(() => User, { nullable: true })
  respondedBy(@Root() f: Feedback, @Ctx() ctx: Context): Promise<User | null> | null {
    return f.respondedById ? ctx.loaders.users.byId.load(f.respondedById) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Entered by the fund’s side from a paper form at a meeting.' })
  assisted(@Root() f: Feedback): boolean {
    return f.recordedById !== null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who entered an assisted item: the fund’s side only.' })
  recordedBy(@Root() f: Feedback, @Ctx() ctx: Context): Promise<User | null> | null {
    return f.recordedById && isFundSide(ctx.viewer) ? ctx.loaders.users.byId.load(f.recordedById) : null;
  }

  @FieldResolver(() => [FeedbackResponse], { description: 'Every answer, oldest first.' })
  responses(@Root() f: Feedback, @Ctx() ctx: Context): Promise<FeedbackResponse[]> {
    return ctx.loaders.feedback.responses.load(f.id);
  }
}

@Resolver(() => FeedbackResponse)
export class FeedbackResponseResolver {
  @FieldResolver(() => User)
  responder(@Root() r: FeedbackResponse, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(r.responderId), 'User');
  }
}

/** Feedback as seen from a fund and a proposal. */
@Resolver(() => Fund)
export class FundFeedbackResolver {
  @FieldResolver(() => FeedbackResponsiveness)
  responsiveness(@Root() fund: Fund, @Ctx() ctx: Context): Promise<FeedbackResponsiveness> {
    return ctx.loaders.feedback.responsivenessByFundId.load(fund.id);
  }
}

@Resolver(() => Proposal)
export class ProposalFeedbackResolver {
  @FieldResolver(() => [Feedback], { description: 'Feedback on this proposal that the viewer may read, newest first.' })
  feedback(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Feedback[]> {
    return ctx.loaders.feedback.byProposalId.load(p.id);
  }
}
