import {
  LIMITS,
  LedgerDirection,
  LedgerEntryKind,
  NotificationKind,
  SPONSORABLE_STATUSES,
  SponsorshipKind,
  SponsorshipStatus,
  type SponsorshipAction,
} from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Proposal } from '../proposals/proposal.entity.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { notify } from '../notifications/notify.js';
import { inTransaction } from '../shared/transaction.js';
import { actingOrganizationId, type Actor } from '../users/actor.js';
import { Sponsorship } from './sponsorship.entity.js';
import { canSeeSponsorship, canSponsor, sponsorshipMachine } from './sponsorships.policy.js';

export interface ProposeSponsorshipData {
  proposalId: string;
  kind: SponsorshipKind;
  amountMinor: number | bigint;
  description: string;
}

export class SponsorshipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
    private readonly ledger: LedgerService,
  ) {}

  /** A member of a verified enterprise pledges to a proposal open for sponsorship. */
  propose(actor: Actor, data: ProposeSponsorshipData): Promise<Sponsorship> {
    const amount = BigInt(data.amountMinor);
    if (amount < BigInt(LIMITS.amountMinor.min) || amount > BigInt(LIMITS.amountMinor.max)) {
      throw badInput(
        'amountMinor',
        `amountMinor must be between ${LIMITS.amountMinor.min} and ${LIMITS.amountMinor.max}`,
      );
    }
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
      if (!canSponsor(actor, proposal)) {
        if (!SPONSORABLE_STATUSES.includes(proposal.status)) {
          throw conflict(`A ${proposal.status} proposal does not take sponsorships`);
        }
        throw forbidden('Only members of a verified enterprise pledge sponsorships');
      }
      const sponsorship = await em.save(
        em.create(Sponsorship, {
          proposalId: proposal.id,
          organizationId: actingOrganizationId(actor)!,
          proposedById: actor.user.id,
          kind: data.kind,
          amountMinor: amount,
          description: data.description.trim(),
          status: SponsorshipStatus.PROPOSED,
        }),
      );
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return sponsorship;
    });
  }

  /** GOVERNMENT or FUND_ADMIN accepts or declines a pledge, with an optional note. */
  respond(actor: Actor, sponsorshipId: string, accept: boolean, note: string | null): Promise<Sponsorship> {
    if (note && note.length > LIMITS.decisionNote.max) {
      throw badInput('note', `note must be at most ${LIMITS.decisionNote.max} characters`);
    }
    return this.move(actor, sponsorshipId, accept ? 'accept' : 'decline', async (s, proposal, em, emit) => {
      if (accept && !SPONSORABLE_STATUSES.includes(proposal.status)) {
        throw conflict(`A ${proposal.status} proposal does not take sponsorships`);
      }
      s.decidedById = actor.user.id;
      s.decidedAt = new Date();
      s.note = note?.trim() || null;
      await notify(em, emit, [s.proposedById], {
        kind: accept ? NotificationKind.SPONSORSHIP_ACCEPTED : NotificationKind.SPONSORSHIP_DECLINED,
        actorId: actor.user.id,
        proposalId: proposal.id,
        subjectId: s.id,
        title: proposal.title,
        excerpt: s.note,
      });
    });
  }

  /** The sponsor withdraws its pledge before it is fulfilled. */
  withdraw(actor: Actor, sponsorshipId: string): Promise<Sponsorship> {
    return this.move(actor, sponsorshipId, 'withdraw');
  }

  /**
   * FUND_ADMIN records that the pledge was delivered. For FUNDS the money is
   * posted to the fund's ledger in the same transaction.
   */
  recordPayment(actor: Actor, sponsorshipId: string): Promise<Sponsorship> {
    return this.move(actor, sponsorshipId, 'fulfil', async (s, proposal, em, emit) => {
      s.fulfilledAt = new Date();
      if (s.kind !== SponsorshipKind.FUNDS) return;
      const sponsor = await em.findOneByOrFail(Organization, { id: s.organizationId });
      const entry = await this.ledger.post(em, emit, {
        fundId: proposal.fundId,
        kind: LedgerEntryKind.SPONSORSHIP,
        direction: LedgerDirection.IN,
        amountMinor: s.amountMinor,
        memo: `Sponsorship for "${proposal.title}"`.slice(0, 500),
        counterparty: sponsor.name,
        proposalId: proposal.id,
        recordedById: actor.user.id,
      });
      s.ledgerEntryId = entry.id;
    });
  }

  private move(
    actor: Actor,
    sponsorshipId: string,
    action: SponsorshipAction,
    apply?: (s: Sponsorship, p: Proposal, em: EntityManager, emit: (e: DomainEvent) => void) => Promise<void>,
  ): Promise<Sponsorship> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const s = await em.findOne(Sponsorship, { where: { id: sponsorshipId }, lock: { mode: 'pessimistic_write' } });
      if (!s || !canSeeSponsorship(actor, s)) throw notFound('Sponsorship');
      const proposal = await this.proposals.findVisible(em, actor, s.proposalId, 'pessimistic_read');
      s.status = sponsorshipMachine.transition(actor, s, action);
      await apply?.(s, proposal, em, emit);
      const saved = await em.save(s);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }
}
