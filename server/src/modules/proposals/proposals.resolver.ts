import { BidStatus, Category, ProposalDecision, ProposalStatus, Role, VoteChoice } from '@commonweal/shared';
import { DateTimeResolver } from 'graphql-scalars';
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
import { Topic, type ProposalUpdatedEvent } from '../../graphql/pubsub.js';
import { Bid } from '../bids/bid.entity.js';
import { canAward, canBid, canSeeBid } from '../bids/bids.policy.js';
import { CommentConnection } from '../comments/comment.type.js';
import { Disbursement } from '../disbursements/disbursement.entity.js';
import { canSeeDisbursement, remainingToDisburse } from '../disbursements/disbursements.policy.js';
import { Fund } from '../funds/fund.entity.js';
import { Need } from '../needs/need.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { pageSize, type Connection } from '../shared/connection.js';
import { assertId, assertOptionalId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { fundMoney } from '../funds/currency.js';
import { Sponsorship } from '../sponsorships/sponsorship.entity.js';
import { canSeeSponsorship, canSponsor } from '../sponsorships/sponsorships.policy.js';
import { hasRole, PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import type { Comment } from '../comments/comment.entity.js';
import { ProgressUpdate } from './progress-update.entity.js';
import { Proposal } from './proposal.entity.js';
import { ProposalConnection, ProposalViewerCan, VoteTally } from './proposal.type.js';
import { CreateProposalInput } from './proposals.inputs.js';
import { canComment, canPostProgress, canRevise, canVote } from './proposals.policy.js';
import { proposalMachine } from './proposals.state.js';

/** Awarded amount minus APPROVED and pending disbursements, from the request's loaders. */
async function remainingOf(p: Proposal, ctx: Context): Promise<bigint> {
  const [bids, payments] = await Promise.all([
    ctx.loaders.bids.byProposalId.load(p.id),
    ctx.loaders.disbursements.byProposalId.load(p.id),
  ]);
  return remainingToDisburse(bids, payments);
}

@Resolver(() => Proposal)
export class ProposalsResolver {
  @Query(() => ProposalConnection)
  proposals(
    @Arg('fundId', () => ID, { nullable: true }) fundId: string | null,
    @Arg('status', () => [ProposalStatus], { nullable: true }) status: ProposalStatus[] | null,
    @Arg('category', () => Category, { nullable: true }) category: Category | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Proposal>> {
    return ctx.services.proposals.list(
      ctx.viewer,
      { fundId: assertOptionalId(fundId, 'fundId'), status, category, search },
      pageSize(first, 20),
      after ?? null,
      ({ authors, organizations, needs }) => {
        for (const u of authors) ctx.loaders.users.byId.prime(u.id, u);
        for (const o of organizations) ctx.loaders.organizations.byId.prime(o.id, o);
        for (const n of needs) ctx.loaders.needs.byId.prime(n.id, n);
      },
    );
  }

  @Query(() => Proposal, {
    nullable: true,
    description: 'Null when it does not exist or the viewer may not see it (a draft).',
  })
  proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Proposal | null> {
    return ctx.loaders.proposals.byId.load(assertId(id, 'id'));
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Proposal)
  createProposal(
    @Arg('input', () => CreateProposalInput) input: CreateProposalInput,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return ctx.services.proposals.create(ctx.viewer!, input);
  }

  @Authorized()
  @Mutation(() => Proposal, { description: 'DRAFT -> CONSULTATION; consultation lasts until consultationEndsAt.' })
  openConsultation(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('consultationEndsAt', () => DateTimeResolver) consultationEndsAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return ctx.services.proposals.openConsultation(ctx.viewer!, assertId(proposalId, 'proposalId'), consultationEndsAt);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Proposal, { description: 'GOVERNMENT or FUND_ADMIN: CONSULTATION -> APPROVED or REJECTED.' })
  decideProposal(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('decision', () => ProposalDecision) decision: ProposalDecision,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return ctx.services.proposals.decide(ctx.viewer!, assertId(proposalId, 'proposalId'), decision, note ?? null);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Proposal, { description: 'APPROVED -> BIDDING until biddingClosesAt.' })
  openBidding(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('biddingClosesAt', () => DateTimeResolver) biddingClosesAt: Date,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return ctx.services.proposals.openBidding(ctx.viewer!, assertId(proposalId, 'proposalId'), biddingClosesAt);
  }

  @Authorized(Role.RESIDENT)
  @Mutation(() => Proposal)
  castVote(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('choice', () => VoteChoice) choice: VoteChoice,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return ctx.services.proposals.castVote(ctx.viewer!, assertId(proposalId, 'proposalId'), choice);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Proposal)
  completeProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    return ctx.services.proposals.complete(ctx.viewer!, assertId(proposalId, 'proposalId'));
  }

  @Authorized()
  @Mutation(() => Proposal, { description: 'The author or FUND_ADMIN: DRAFT, CONSULTATION or APPROVED -> WITHDRAWN.' })
  withdrawProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    return ctx.services.proposals.withdraw(ctx.viewer!, assertId(proposalId, 'proposalId'));
  }

  @Authorized(Role.SOCIAL_ORGANIZATION, Role.FUND_ADMIN)
  @Mutation(() => ProgressUpdate, { description: 'Members of the awarded organization, FUND_ADMIN: percent 0..100.' })
  postProgressUpdate(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('body') body: string,
    @Arg('percentComplete', () => Int) percentComplete: number,
    @Ctx() ctx: Context,
  ): Promise<ProgressUpdate> {
    return ctx.services.proposals.postProgress(ctx.viewer!, assertId(proposalId, 'proposalId'), body, percentComplete);
  }

  @Subscription(() => Proposal, {
    description: 'Any change to the proposal a viewer can see: status, votes, sponsorships, bids count, progress.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { proposalId: string }, Context>) => {
      const proposalId = assertId(args.proposalId, 'proposalId');
      if (!(await context.loaders.proposals.byId.load(proposalId))) throw notFound('Proposal');
      return context.subscribe(Topic.ProposalUpdated, proposalId);
    },
  })
  async proposalUpdated(
    @Root() event: ProposalUpdatedEvent,
    @Arg('proposalId', () => ID) _proposalId: string,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    ctx.renewLoaders(event);
    return required(ctx.loaders.proposals.byId.load(event.proposalId), 'Proposal');
  }

  @FieldResolver(() => Fund)
  fund(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(p.fundId), 'Fund');
  }

  @FieldResolver(() => Need, { nullable: true })
  need(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Need | null> | null {
    return p.needId ? ctx.loaders.needs.byId.load(p.needId) : null;
  }

  @FieldResolver(() => User)
  author(@Root() p: Proposal, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(p.authorId), 'User');
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Organization | null> | null {
    return p.organizationId ? ctx.loaders.organizations.byId.load(p.organizationId) : null;
  }

  @FieldResolver(() => Money)
  budget(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, p.fundId, p.budgetMinor);
  }

  @FieldResolver(() => VoteTally)
  votes(@Root() p: Proposal, @Ctx() ctx: Context): Promise<VoteTally> {
    return ctx.loaders.proposals.tally.load(p.id);
  }

  @FieldResolver(() => VoteChoice, { nullable: true })
  viewerVote(@Root() p: Proposal, @Ctx() ctx: Context): Promise<VoteChoice | null> {
    return ctx.loaders.proposals.viewerVote.load(p.id);
  }

  @FieldResolver(() => Int)
  commentCount(@Root() p: Proposal, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.comments.countByProposalId.load(p.id);
  }

  @FieldResolver(() => CommentConnection)
  comments(
    @Root() p: Proposal,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Comment>> {
    return ctx.loaders.comments.page.load({ parentId: p.id, first: pageSize(first, 20), after: after ?? null });
  }

  @FieldResolver(() => [Sponsorship], {
    description:
      'Sponsorships the viewer may see: ACCEPTED and FULFILLED ones for everybody, all for the proposing enterprise, GOVERNMENT and FUND_ADMIN.',
  })
  async sponsorships(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Sponsorship[]> {
    return (await ctx.loaders.sponsorships.byProposalId.load(p.id)).filter((s) => canSeeSponsorship(ctx.viewer, s));
  }

  @FieldResolver(() => Money, { description: 'Sum of ACCEPTED and FULFILLED FUNDS sponsorships.' })
  async sponsoredTotal(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, p.fundId, (await ctx.loaders.proposals.figures.load(p.id)).sponsoredMinor);
  }

  @FieldResolver(() => [Bid], {
    description:
      "Sealed until award: a bidder sees its own organization's bids, GOVERNMENT and FUND_ADMIN see all; after the award everybody sees the awarded bid.",
  })
  async bids(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Bid[]> {
    return (await ctx.loaders.bids.byProposalId.load(p.id)).filter((b) => canSeeBid(ctx.viewer, b));
  }

  @FieldResolver(() => Int, {
    description: 'Bids received and not withdrawn: the one public figure while bids are sealed.',
  })
  async bidCount(@Root() p: Proposal, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.bids.byProposalId.load(p.id)).filter((b) => b.status !== BidStatus.WITHDRAWN).length;
  }

  @FieldResolver(() => Bid, { nullable: true })
  async awardedBid(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Bid | null> {
    return (await ctx.loaders.bids.byProposalId.load(p.id)).find((b) => b.status === BidStatus.AWARDED) ?? null;
  }

  @FieldResolver(() => Money, { description: 'Money paid out of the fund for this proposal so far.' })
  async spent(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, p.fundId, await ctx.loaders.ledger.spentByProposalId.load(p.id));
  }

  @FieldResolver(() => [Disbursement], {
    description: 'Payments for this proposal the viewer may see (APPROVED ones are public).',
  })
  async disbursements(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Disbursement[]> {
    return (await ctx.loaders.disbursements.byProposalId.load(p.id)).filter((d) => canSeeDisbursement(ctx.viewer, d));
  }

  @FieldResolver(() => Money, {
    description: 'The awarded amount minus what is paid or pending (zero before an award).',
  })
  async remainingToDisburse(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, p.fundId, await remainingOf(p, ctx));
  }

  @FieldResolver(() => [ProgressUpdate])
  progressUpdates(@Root() p: Proposal, @Ctx() ctx: Context): Promise<ProgressUpdate[]> {
    return ctx.loaders.proposals.progressByProposalId.load(p.id);
  }

  @FieldResolver(() => ProposalViewerCan)
  async viewerCan(@Root() p: Proposal, @Ctx() ctx: Context): Promise<ProposalViewerCan> {
    const viewer = ctx.viewer;
    const now = new Date();
    const bids =
      p.status === ProposalStatus.IN_PROGRESS || p.status === ProposalStatus.BIDDING
        ? await ctx.loaders.bids.byProposalId.load(p.id)
        : [];
    const awardedOrganizationId = bids.find((b) => b.status === BidStatus.AWARDED)?.organizationId ?? null;
    return {
      openConsultation: proposalMachine.may(viewer, p, 'openConsultation'),
      decide: proposalMachine.may(viewer, p, 'approve'),
      openBidding: proposalMachine.may(viewer, p, 'openBidding'),
      vote: canVote(viewer, p, now),
      comment: canComment(viewer, p),
      withdraw: proposalMachine.may(viewer, p, 'withdraw'),
      sponsor: canSponsor(viewer, p),
      bid: canBid(viewer, p, bids, now),
      award: canAward(viewer, p, now),
      postProgress: canPostProgress(viewer, p, awardedOrganizationId),
      complete: proposalMachine.may(viewer, p, 'complete'),
      revise: canRevise(viewer, p),
      requestDisbursement:
        hasRole(viewer, Role.FUND_ADMIN) && p.status === ProposalStatus.IN_PROGRESS && (await remainingOf(p, ctx)) > 0n,
    };
  }
}

@Resolver(() => ProgressUpdate)
export class ProgressUpdateResolver {
  @FieldResolver(() => Proposal)
  proposal(@Root() u: ProgressUpdate, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(u.proposalId), 'Proposal');
  }

  @FieldResolver(() => User)
  author(@Root() u: ProgressUpdate, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(u.authorId), 'User');
  }
}
