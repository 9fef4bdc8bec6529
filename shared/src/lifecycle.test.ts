import { ProposalStatus } from './enums.js';
import { nextProposalStatus, PROPOSAL_TRANSITIONS } from './lifecycle.js';

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
