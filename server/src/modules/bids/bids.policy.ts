import { BID_TRANSITIONS, BidStatus, ProposalStatus, Role } from '@commonweal/shared';
import type { Proposal } from '../proposals/proposal.entity.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import { actingOrganizationId, hasRole, type Actor } from '../users/actor.js';
import type { Bid } from './bid.entity.js';

/** A member of the bidding organization (approved membership). */
export const isBidder = (actor: Actor | null, bid: Bid): boolean =>
  actor !== null && actingOrganizationId(actor) === bid.organizationId;

/**
 * Sealed bids: a bid is seen (whole) by its own organization and the fund's
 * side; once awarded, by everybody. Every path to a bid goes through this.
 */
export function canSeeBid(actor: Actor | null, bid: Bid): boolean {
  return bid.status === BidStatus.AWARDED || isFundSide(actor) || isBidder(actor, bid);
}

const biddingOpen = (p: Proposal, now: Date): boolean =>
  p.status === ProposalStatus.BIDDING && p.biddingClosesAt !== null && now < p.biddingClosesAt;

/** Verified social organizations bid while bidding is open, one live bid per organization. */
export function canBid(actor: Actor | null, p: Proposal, bids: readonly Bid[], now = new Date()): boolean {
  return (
    hasRole(actor, Role.SOCIAL_ORGANIZATION) &&
    biddingOpen(p, now) &&
    !bids.some((b) => b.status === BidStatus.SUBMITTED && isBidder(actor, b))
  );
}

/** The fund's side awards once bidding has closed. */
export function canAward(actor: Actor | null, p: Proposal, now = new Date()): boolean {
  return (
    isFundSide(actor) && p.status === ProposalStatus.BIDDING && p.biddingClosesAt !== null && now >= p.biddingClosesAt
  );
}

export const bidMachine = defineMachine({
  name: 'bid',
  table: BID_TRANSITIONS,
  who: {
    withdraw: (actor, bid: Bid) => hasRole(actor, Role.SOCIAL_ORGANIZATION) && isBidder(actor, bid),
    award: (actor) => isFundSide(actor),
    lose: (actor) => isFundSide(actor),
  },
});
