import { Role } from '@commonweal/shared';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { proposalMoney } from '../funds/currency.js';
import { User } from '../users/user.entity.js';
import { Bid } from './bid.entity.js';
import { SubmitBidInput } from './bids.inputs.js';
import { bidMachine, canAward } from './bids.policy.js';

@ObjectType({ description: 'What the viewer may do to this bid now.' })
class BidViewerCan {
  @Field()
  withdraw: boolean;

  @Field({ description: 'Award it (the fund’s side, after bidding closed).' })
  award: boolean;
}

/** Bids reach a viewer only through paths that filter them with canSeeBid (Proposal.bids, Organization.bids). */
@Resolver(() => Bid)
export class BidsResolver {
  @Authorized(Role.SOCIAL_ORGANIZATION)
  @Mutation(() => Bid)
  submitBid(@Arg('input', () => SubmitBidInput) input: SubmitBidInput, @Ctx() ctx: Context): Promise<Bid> {
    return ctx.services.bids.submit(ctx.viewer!, input);
  }

  @Authorized(Role.SOCIAL_ORGANIZATION)
  @Mutation(() => Bid)
  withdrawBid(@Arg('bidId', () => ID) bidId: string, @Ctx() ctx: Context): Promise<Bid> {
    return ctx.services.bids.withdraw(ctx.viewer!, assertId(bidId, 'bidId'));
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Bid, {
    description: 'GOVERNMENT or FUND_ADMIN, after biddingClosesAt: exactly one bid per proposal is ever awarded.',
  })
  awardBid(@Arg('bidId', () => ID) bidId: string, @Ctx() ctx: Context): Promise<Bid> {
    return ctx.services.bids.award(ctx.viewer!, assertId(bidId, 'bidId'));
  }

  @FieldResolver(() => Proposal)
  proposal(@Root() bid: Bid, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(bid.proposalId), 'Proposal');
  }

  @FieldResolver(() => Organization)
  organization(@Root() bid: Bid, @Ctx() ctx: Context): Promise<Organization> {
    return required(ctx.loaders.organizations.byId.load(bid.organizationId), 'Organization');
  }

  @FieldResolver(() => User)
  submittedBy(@Root() bid: Bid, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(bid.submittedById), 'User');
  }

  @FieldResolver(() => Money)
  amount(@Root() bid: Bid, @Ctx() ctx: Context): Promise<Money> {
    return proposalMoney(ctx, bid.proposalId, bid.amountMinor);
  }

  @FieldResolver(() => BidViewerCan)
  async viewerCan(@Root() bid: Bid, @Ctx() ctx: Context): Promise<BidViewerCan> {
    const proposal = await required(ctx.loaders.proposals.byId.load(bid.proposalId), 'Proposal');
    const now = new Date();
    const open = proposal.biddingClosesAt !== null && now < proposal.biddingClosesAt;
    return {
      withdraw: open && bidMachine.may(ctx.viewer, bid, 'withdraw'),
      award: canAward(ctx.viewer, proposal, now) && bidMachine.may(ctx.viewer, bid, 'award'),
    };
  }
}
