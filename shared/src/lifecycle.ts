import {
  BidStatus,
  FeedbackStatus,
  MeetingStatus,
  PartnershipStatus,
  ProposalStatus,
  SponsorshipStatus,
  SurveyStatus,
} from './enums.js';

/**
 * The life cycles of DESIGN.md §3 as data: every legal move of an entity and
 * the action that makes it. Anything not listed is a CONFLICT. The server's
 * state machines consult these tables; the client uses them to decide which
 * buttons to offer.
 */
export interface Transition<S extends string, A extends string> {
  readonly action: A;
  readonly from: readonly S[];
  readonly to: S;
}

/** The status an action leads to from `from`, or null when the move is illegal. */
export function nextStatus<S extends string, A extends string>(
  table: ReadonlyArray<Transition<S, A>>,
  from: S,
  action: A,
): S | null {
  const row = table.find((t) => t.action === action);
  return row && row.from.includes(from) ? row.to : null;
}

export type ProposalAction =
  'openConsultation' | 'approve' | 'reject' | 'openBidding' | 'award' | 'complete' | 'withdraw';

export const PROPOSAL_TRANSITIONS: ReadonlyArray<Transition<ProposalStatus, ProposalAction>> = [
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

export function nextProposalStatus(from: ProposalStatus, action: ProposalAction): ProposalStatus | null {
  return nextStatus(PROPOSAL_TRANSITIONS, from, action);
}

/** Proposals that take sponsorships. */
export const SPONSORABLE_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.CONSULTATION,
  ProposalStatus.APPROVED,
  ProposalStatus.BIDDING,
  ProposalStatus.IN_PROGRESS,
];

export type SponsorshipAction = 'accept' | 'decline' | 'withdraw' | 'fulfil';

export const SPONSORSHIP_TRANSITIONS: ReadonlyArray<Transition<SponsorshipStatus, SponsorshipAction>> = [
  { action: 'accept', from: [SponsorshipStatus.PROPOSED], to: SponsorshipStatus.ACCEPTED },
  { action: 'decline', from: [SponsorshipStatus.PROPOSED], to: SponsorshipStatus.DECLINED },
  {
    action: 'withdraw',
    from: [SponsorshipStatus.PROPOSED, SponsorshipStatus.ACCEPTED],
    to: SponsorshipStatus.WITHDRAWN,
  },
  { action: 'fulfil', from: [SponsorshipStatus.ACCEPTED], to: SponsorshipStatus.FULFILLED },
];

export type BidAction = 'withdraw' | 'award' | 'lose';

export const BID_TRANSITIONS: ReadonlyArray<Transition<BidStatus, BidAction>> = [
  { action: 'withdraw', from: [BidStatus.SUBMITTED], to: BidStatus.WITHDRAWN },
  { action: 'award', from: [BidStatus.SUBMITTED], to: BidStatus.AWARDED },
  { action: 'lose', from: [BidStatus.SUBMITTED], to: BidStatus.NOT_AWARDED },
];

export type PartnershipAction = 'accept' | 'decline';

export const PARTNERSHIP_TRANSITIONS: ReadonlyArray<Transition<PartnershipStatus, PartnershipAction>> = [
  { action: 'accept', from: [PartnershipStatus.PROPOSED], to: PartnershipStatus.ACTIVE },
  { action: 'decline', from: [PartnershipStatus.PROPOSED], to: PartnershipStatus.DECLINED },
];

export type FeedbackAction = 'acknowledge' | 'address' | 'decline';

/** Every answer carries a response text; ADDRESSED and DECLINED are final. */
export const FEEDBACK_TRANSITIONS: ReadonlyArray<Transition<FeedbackStatus, FeedbackAction>> = [
  { action: 'acknowledge', from: [FeedbackStatus.RECEIVED], to: FeedbackStatus.ACKNOWLEDGED },
  { action: 'address', from: [FeedbackStatus.RECEIVED, FeedbackStatus.ACKNOWLEDGED], to: FeedbackStatus.ADDRESSED },
  { action: 'decline', from: [FeedbackStatus.RECEIVED, FeedbackStatus.ACKNOWLEDGED], to: FeedbackStatus.DECLINED },
];

/** The action that answers feedback with `status`. */
export const FEEDBACK_ACTION_FOR: Readonly<Record<FeedbackStatus, FeedbackAction | null>> = {
  [FeedbackStatus.RECEIVED]: null,
  [FeedbackStatus.ACKNOWLEDGED]: 'acknowledge',
  [FeedbackStatus.ADDRESSED]: 'address',
  [FeedbackStatus.DECLINED]: 'decline',
};

export type SurveyAction = 'open' | 'close';

export const SURVEY_TRANSITIONS: ReadonlyArray<Transition<SurveyStatus, SurveyAction>> = [
  { action: 'open', from: [SurveyStatus.DRAFT], to: SurveyStatus.OPEN },
  { action: 'close', from: [SurveyStatus.OPEN], to: SurveyStatus.CLOSED },
];

export type MeetingAction = 'publishMinutes' | 'cancel';

export const MEETING_TRANSITIONS: ReadonlyArray<Transition<MeetingStatus, MeetingAction>> = [
  { action: 'publishMinutes', from: [MeetingStatus.SCHEDULED, MeetingStatus.HELD], to: MeetingStatus.HELD },
  { action: 'cancel', from: [MeetingStatus.SCHEDULED], to: MeetingStatus.CANCELLED },
];
