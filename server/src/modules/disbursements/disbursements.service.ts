import {
  BidStatus,
  DisbursementStatus,
  LedgerDirection,
  LedgerEntryKind,
  LIMITS,
  ProposalStatus,
  Role,
} from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { Bid } from '../bids/bid.entity.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { Organization } from '../organizations/organization.entity.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import { hasRole, type Actor } from '../users/actor.js';
import { Disbursement } from './disbursement.entity.js';
import { canDecideDisbursement, canSeeDisbursement, remainingToDisburse } from './disbursements.policy.js';

export interface RequestDisbursementData {
  proposalId: string;
  amountMinor: number | bigint;
  memo: string;
}

export class DisbursementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
    private readonly ledger: LedgerService,
  ) {}

  /** FUND_ADMIN asks to pay the awarded organization of a proposal in progress. */
  request(actor: Actor, data: RequestDisbursementData): Promise<Disbursement> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN requests disbursements');
    const amount = BigInt(data.amountMinor);
    if (amount < 1n) throw badInput('amountMinor', 'amountMinor must be at least 1');
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      // The proposal row lock serializes requests, so two cannot both fit the same remainder.
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId);
      if (proposal.status !== ProposalStatus.IN_PROGRESS) {
        throw conflict(`Disbursements are for proposals IN_PROGRESS; this one is ${proposal.status}`);
      }
      const bids = await em.findBy(Bid, { proposalId: proposal.id });
      const awarded = bids.find((b) => b.status === BidStatus.AWARDED);
      if (!awarded) throw conflict('This proposal has no awarded bid to pay');
      const remaining = remainingToDisburse(bids, await em.findBy(Disbursement, { proposalId: proposal.id }));
      if (amount > remaining) {
        throw badInput('amountMinor', `At most ${remaining} minor units remain of the awarded amount`);
      }
      const saved = await em.save(
        em.create(Disbursement, {
          proposalId: proposal.id,
          payeeOrganizationId: awarded.organizationId,
          amountMinor: amount,
          memo: data.memo.trim(),
          status: DisbursementStatus.PENDING_APPROVAL,
          requestedById: actor.user.id,
        }),
      );
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }

  /** The second key: a different GOVERNMENT user approves; the money leaves the fund in the same transaction. */
  approve(actor: Actor, disbursementId: string): Promise<Disbursement> {
    return this.decide(actor, disbursementId, async (d, em, emit) => {
      const payee = await em.findOneByOrFail(Organization, { id: d.payeeOrganizationId });
      const proposal = await this.proposals.findVisible(em, actor, d.proposalId, 'pessimistic_read');
      const entry = await this.ledger.post(em, emit, {
        fundId: proposal.fundId,
        kind: LedgerEntryKind.DISBURSEMENT,
        direction: LedgerDirection.OUT,
        amountMinor: d.amountMinor,
        memo: `${d.memo} — "${proposal.title}"`.slice(0, 500),
        counterparty: payee.name,
        proposalId: proposal.id,
        recordedById: actor.user.id,
      });
      d.status = DisbursementStatus.APPROVED;
      d.ledgerEntryId = entry.id;
    });
  }

  reject(actor: Actor, disbursementId: string, note: string | null): Promise<Disbursement> {
    if (note && note.length > LIMITS.decisionNote.max) {
      throw badInput('note', `note must be at most ${LIMITS.decisionNote.max} characters`);
    }
    return this.decide(actor, disbursementId, async (d) => {
      d.status = DisbursementStatus.REJECTED;
      d.note = note?.trim() || null;
    });
  }

  private decide(
    actor: Actor,
    disbursementId: string,
    apply: (d: Disbursement, em: EntityManager, emit: Parameters<LedgerService['post']>[1]) => Promise<void>,
  ): Promise<Disbursement> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const d = await em.findOne(Disbursement, { where: { id: disbursementId }, lock: { mode: 'pessimistic_write' } });
      if (!d || !canSeeDisbursement(actor, d)) throw notFound('Disbursement');
      if (!hasRole(actor, Role.GOVERNMENT)) throw forbidden('Only GOVERNMENT approves or rejects disbursements');
      if (actor.user.id === d.requestedById) throw forbidden('The requester cannot also approve: a second person must');
      if (!canDecideDisbursement(actor, d)) throw conflict(`This disbursement is already ${d.status}`);
      d.decidedById = actor.user.id;
      d.decidedAt = new Date();
      await apply(d, em, emit);
      const saved = await em.save(d);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: d.proposalId } });
      return saved;
    });
  }

  async list(viewer: Actor | null, fundId: string, status: DisbursementStatus | null): Promise<Disbursement[]> {
    const qb = this.dataSource
      .getRepository(Disbursement)
      .createQueryBuilder('d')
      .innerJoin('proposals', 'p', 'p.id = d.proposal_id')
      .where('p.fund_id = :fundId', { fundId })
      .orderBy('d.created_at', 'DESC');
    if (status) qb.andWhere('d.status = :status', { status });
    return (await qb.getMany()).filter((d) => canSeeDisbursement(viewer, d));
  }
}
