import {
  BidStatus,
  LIMITS,
  NotificationKind,
  PartnershipKind,
  PartnershipStatus,
  ProposalStatus,
} from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { Partnership } from '../partnerships/partnership.entity.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { proposalMachine } from '../proposals/proposals.state.js';
import { notify, notifyFollowers } from '../notifications/notify.js';
import { inTransaction } from '../shared/transaction.js';
import { actingOrganizationId, type Actor } from '../users/actor.js';
import { Bid } from './bid.entity.js';
import { bidMachine, canAward, canBid, canSeeBid } from './bids.policy.js';

export interface SubmitBidData {
  proposalId: string;
  amountMinor: number | bigint;
  plan: string;
  durationDays: number;
}

const DAY_MS = 86_400_000;

export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
  ) {}

  /** One live bid per organization per proposal, while bidding is open, at most the budget. */
  submit(actor: Actor, data: SubmitBidData, now = new Date()): Promise<Bid> {
    const amount = BigInt(data.amountMinor);
    if (amount < BigInt(LIMITS.amountMinor.min)) throw badInput('amountMinor', 'amountMinor must be at least 1');
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
      const organizationId = actingOrganizationId(actor)!;
      const existing = await em.findBy(Bid, { proposalId: proposal.id, organizationId });
      if (!canBid(actor, proposal, existing, now)) {
        if (proposal.status !== ProposalStatus.BIDDING) throw conflict(`A ${proposal.status} proposal takes no bids`);
        if (proposal.biddingClosesAt && now >= proposal.biddingClosesAt) throw conflict('Bidding has closed');
        if (existing.some((b) => b.status === BidStatus.SUBMITTED)) {
          throw conflict('Your organization already has a bid on this proposal; withdraw it to bid again');
        }
        throw forbidden('Only members of a verified social organization bid');
      }
      if (amount > proposal.budgetMinor) throw badInput('amountMinor', 'A bid may not exceed the proposal’s budget');
      const bid = await em.save(
        em.create(Bid, {
          proposalId: proposal.id,
          organizationId,
          submittedById: actor.user.id,
          amountMinor: amount,
          plan: data.plan.trim(),
          durationDays: data.durationDays,
          status: BidStatus.SUBMITTED,
        }),
      );
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return bid;
    });
  }

  /** The bidder withdraws its own bid before the close. */
  withdraw(actor: Actor, bidId: string, now = new Date()): Promise<Bid> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const bid = await em.findOne(Bid, { where: { id: bidId }, lock: { mode: 'pessimistic_write' } });
      if (!bid || !canSeeBid(actor, bid)) throw notFound('Bid');
      const proposal = await this.proposals.findVisible(em, actor, bid.proposalId, 'pessimistic_read');
      bid.status = bidMachine.transition(actor, bid, 'withdraw');
      if (proposal.biddingClosesAt && now >= proposal.biddingClosesAt) throw conflict('Bidding has closed');
      const saved = await em.save(bid);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }

  /**
   * After the close, GOVERNMENT or FUND_ADMIN awards exactly one bid: the
   * proposal row is locked, so of racing awards the first moves the proposal
   * to IN_PROGRESS and every later one finds it there (CONFLICT). The other
   * live bids become NOT_AWARDED and the winner becomes the fund's PROJECT
   * partner for the bid's duration.
   */
  award(actor: Actor, bidId: string, now = new Date()): Promise<Bid> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const found = await em.findOneBy(Bid, { id: bidId });
      if (!found || !canSeeBid(actor, found)) throw notFound('Bid');
      const proposal = await this.proposals.findVisible(em, actor, found.proposalId);
      const bid = await em.findOneOrFail(Bid, { where: { id: bidId }, lock: { mode: 'pessimistic_write' } });
      const nextProposalStatus = proposalMachine.transition(actor, proposal, 'award');
      if (!canAward(actor, proposal, now)) throw conflict('Bidding is still open until biddingClosesAt');
      bid.status = bidMachine.transition(actor, bid, 'award');
      proposal.status = nextProposalStatus;
      await em.save(proposal);
      const saved = await em.save(bid);
      const [losers]: [Array<{ id: string; submitted_by: string }>, number] = await em.query(
        `UPDATE bids SET status = $1, updated_at = now() WHERE proposal_id = $2 AND status = $3 AND id <> $4 RETURNING id, submitted_by`,
        [BidStatus.NOT_AWARDED, proposal.id, BidStatus.SUBMITTED, bid.id],
      );
      const about = { actorId: actor.user.id, proposalId: proposal.id, title: proposal.title };
      await notify(em, emit, [bid.submittedById], { ...about, kind: NotificationKind.BID_AWARDED, subjectId: bid.id });
      for (const lost of losers) {
        await notify(em, emit, [lost.submitted_by], {
          ...about,
          kind: NotificationKind.BID_NOT_AWARDED,
          subjectId: lost.id,
        });
      }
      await notifyFollowers(em, emit, proposal.id, {
        ...about,
        kind: NotificationKind.PROPOSAL_STATUS_CHANGED,
        status: proposal.status,
      });
      await em.save(
        em.create(Partnership, {
          fundId: proposal.fundId,
          organizationId: bid.organizationId,
          kind: PartnershipKind.PROJECT,
          title: `Delivery of "${proposal.title}"`.slice(0, 120),
          commitments: bid.plan,
          proposalId: proposal.id,
          status: PartnershipStatus.ACTIVE,
          startsOn: now,
          endsOn: new Date(now.getTime() + bid.durationDays * DAY_MS),
          proposedById: actor.user.id,
          proposedByFund: true,
          respondedById: actor.user.id,
          respondedAt: now,
        }),
      );
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }
}
