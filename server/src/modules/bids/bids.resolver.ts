import { Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import { notImplemented } from '../../graphql/errors.js';
import { Bid } from './bid.type.js';
import { SubmitBidInput } from './bids.inputs.js';

/** The contract's bidding operations, authorized per DESIGN.md §3; the collaboration-market issue implements them. */
@Resolver(() => Bid)
export class BidsResolver {
  @Authorized(Role.SOCIAL_ORGANIZATION)
  @Mutation(() => Bid)
  submitBid(@Arg('input', () => SubmitBidInput) _input: SubmitBidInput): Bid {
    throw notImplemented('Bidding');
  }

  @Authorized(Role.SOCIAL_ORGANIZATION)
  @Mutation(() => Bid)
  withdrawBid(@Arg('bidId', () => ID) _bidId: string): Bid {
    throw notImplemented('Bidding');
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Bid, {
    description: 'GOVERNMENT or FUND_ADMIN, after biddingClosesAt: exactly one bid per proposal is ever awarded.',
  })
  awardBid(@Arg('bidId', () => ID) _bidId: string): Bid {
    throw notImplemented('Bidding');
  }
}
