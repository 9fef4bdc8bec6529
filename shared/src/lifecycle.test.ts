import { BidStatus, PartnershipStatus, ProposalStatus, SponsorshipStatus } from './enums.js';
import {
  BID_TRANSITIONS,
  nextProposalStatus,
  nextStatus,
  PARTNERSHIP_TRANSITIONS,
  PROPOSAL_TRANSITIONS,
  SPONSORSHIP_TRANSITIONS,
} from './lifecycle.js';

describe('proposal life cycle table', () => {
  it('follows DESIGN.md §3', () => {
    expect(nextProposalStatus(ProposalStatus.DRAFT, 'openConsultation')).toBe(ProposalStatus.CONSULTATION);
    expect(nextProposalStatus(ProposalStatus.CONSULTATION, 'approve')).toBe(ProposalStatus.APPROVED);
    expect(nextProposalStatus(ProposalStatus.CONSULTATION, 'reject')).toBe(ProposalStatus.REJECTED);
    expect(nextProposalStatus(ProposalStatus.APPROVED, 'withdraw')).toBe(ProposalStatus.WITHDRAWN);
  });

  it('refuses every move that is not in the table', () => {
    expect(nextProposalStatus(ProposalStatus.DRAFT, 'approve')).toBeNull();
    expect(nextProposalStatus(ProposalStatus.BIDDING, 'withdraw')).toBeNull();
    expect(nextProposalStatus(ProposalStatus.COMPLETED, 'openConsultation')).toBeNull();
    const terminal = [ProposalStatus.COMPLETED, ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN];
    for (const status of terminal) {
      expect(PROPOSAL_TRANSITIONS.filter((t) => t.from.includes(status))).toEqual([]);
    }
  });
});

describe('the other life cycles', () => {
  it('lets a sponsorship be withdrawn until it is fulfilled, and fulfilled only once accepted', () => {
    expect(nextStatus(SPONSORSHIP_TRANSITIONS, SponsorshipStatus.ACCEPTED, 'withdraw')).toBe(
      SponsorshipStatus.WITHDRAWN,
    );
    expect(nextStatus(SPONSORSHIP_TRANSITIONS, SponsorshipStatus.FULFILLED, 'withdraw')).toBeNull();
    expect(nextStatus(SPONSORSHIP_TRANSITIONS, SponsorshipStatus.PROPOSED, 'fulfil')).toBeNull();
  });

  it('awards only a submitted bid and answers a partnership once', () => {
    expect(nextStatus(BID_TRANSITIONS, BidStatus.SUBMITTED, 'award')).toBe(BidStatus.AWARDED);
    expect(nextStatus(BID_TRANSITIONS, BidStatus.WITHDRAWN, 'award')).toBeNull();
    expect(nextStatus(BID_TRANSITIONS, BidStatus.AWARDED, 'lose')).toBeNull();
    expect(nextStatus(PARTNERSHIP_TRANSITIONS, PartnershipStatus.ACTIVE, 'decline')).toBeNull();
  });
});
