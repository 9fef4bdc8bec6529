import { ProposalStatus } from './enums.js';

/**
 * The proposal life cycle of DESIGN.md §3 as data: every legal move and the
 * action that makes it. Anything not listed is a CONFLICT. The server's state
 * machine consults this table; the client uses it to decide which buttons to
 * offer.
 */
export type ProposalAction =
  'openConsultation' | 'approve' | 'reject' | 'openBidding' | 'award' | 'complete' | 'withdraw';

export const PROPOSAL_TRANSITIONS: ReadonlyArray<{
  readonly action: ProposalAction;
  readonly from: readonly ProposalStatus[];
  readonly to: ProposalStatus;
}> = [
  { action: 'openConsultation', from: [ProposalStatus.DRAFT], to: ProposalStatus.CONSULTATION },
  { action: 'approve', from: [ProposalStatus.CONSULTATION], to: ProposalStatus.APPROVED },
  { action: 'reject', from: [ProposalStatus.CONSULTATION], to: ProposalStatus.REJECTED },
  { action: 'openBidding', from: [ProposalStatus.APPROVED], to: ProposalStatus.BIDDING },
  { action: 'award', from: [ProposalStatus.BIDDING], to: ProposalStatus.IN_PROGRESS },
  { action: 'complete', from: [ProposalStatus.IN_PROGRESS], to: ProposalStatus.COMPLETED },
  {
    action: 'withdraw',
    from: [ProposalStatus.DRAFT, ProposalStatus.CONSULTATION, ProposalStatus.APPROVED],
    to: ProposalStatus.WITHDRAWN,
  },
];

/** The status an action leads to from `from`, or null when the move is illegal. */
export function nextProposalStatus(from: ProposalStatus, action: ProposalAction): ProposalStatus | null {
  const row = PROPOSAL_TRANSITIONS.find((t) => t.action === action);
  return row && row.from.includes(from) ? row.to : null;
}
