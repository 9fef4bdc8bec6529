import { LIMITS, LedgerDirection, LedgerEntryKind, ProposalStatus, Role } from '@commonweal/shared';
import { auditAnonymously } from '../audit/audit-scope.js';
import type { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { Fund } from '../funds/fund.entity.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import { hasRole, type Actor } from '../users/actor.js';
import { Campaign, Donation } from './campaign.entity.js';
import { recordOnlyGateway, type PaymentGateway } from './payment-gateway.js';

export interface CreateCampaignData {
  fundId: string;
  proposalId?: string | null;
  title: string;
  description: string;
  goalMinor: number | bigint;
  endsAt?: Date | null;
}

export interface DonateData {
  campaignId: string;
  amountMinor: number | bigint;
  displayName?: string | null;
  anonymous?: boolean | null;
  idempotencyKey: string;
}

const ANONYMOUS = 'Anonymous';
const DAY_MS = 86_400_000;
const CLOSED_PROPOSALS: readonly ProposalStatus[] = [
  ProposalStatus.REJECTED,
  ProposalStatus.WITHDRAWN,
  ProposalStatus.COMPLETED,
];

export const isCampaignOpen = (c: Campaign, now = new Date()): boolean => c.endsAt === null || now < c.endsAt;

export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly ledger: LedgerService,
    private readonly proposals: ProposalsService,
    private readonly gateway: PaymentGateway = recordOnlyGateway,
  ) {}

  /** A fund's campaigns, newest first. */
  list(fundId: string): Promise<Campaign[]> {
    return this.dataSource.getRepository(Campaign).find({ where: { fundId }, order: { createdAt: 'DESC' } });
  }

  /** FUND_ADMIN opens a campaign for the fund, or for one of its open proposals. */
  create(actor: Actor, data: CreateCampaignData, now = new Date()): Promise<Campaign> {
    if (!hasRole(actor, Role.FUND_ADMIN)) throw forbidden('Only FUND_ADMIN runs campaigns');
    const endsAt = data.endsAt ?? null;
    if (endsAt && endsAt <= now) throw badInput('endsAt', 'endsAt must be in the future');
    if (endsAt && endsAt.getTime() - now.getTime() > LIMITS.windowDays.max * DAY_MS) {
      throw badInput('endsAt', `endsAt must be within ${LIMITS.windowDays.max} days`);
    }
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      if (data.proposalId) {
        const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
        if (proposal.fundId !== data.fundId) throw badInput('proposalId', 'That proposal belongs to another fund');
        if (proposal.status === ProposalStatus.DRAFT || CLOSED_PROPOSALS.includes(proposal.status)) {
          throw conflict(`A ${proposal.status} proposal cannot raise money`);
        }
      }
      return em.save(
        em.create(Campaign, {
          fundId: data.fundId,
          proposalId: data.proposalId ?? null,
          title: data.title.trim(),
          description: data.description.trim(),
          goalMinor: BigInt(data.goalMinor),
          endsAt,
          createdById: actor.user.id,
        }),
      );
    });
  }

  /**
   * Anyone donates to an open campaign. The idempotency key makes retries
   * safe: the same key again returns the first donation and records nothing
   * (even when the retries race), the same key for another amount or
   * campaign is a CONFLICT. Each new donation is posted to the ledger in the
   * same transaction.
   */
  async donate(viewer: Actor | null, data: DonateData, now = new Date()): Promise<Donation> {
    // An anonymous donation must not name its donor anywhere, the audit trail included.
    if (data.anonymous) auditAnonymously();
    const amount = BigInt(data.amountMinor);
    if (amount < BigInt(LIMITS.donationMinor.min) || amount > BigInt(LIMITS.donationMinor.max)) {
      throw badInput('amountMinor', 'amountMinor must be from 1 fen to 10,000,000 yuan');
    }
    const repeated = await this.dataSource.getRepository(Donation).findOneBy({ idempotencyKey: data.idempotencyKey });
    if (repeated) return this.sameDonation(repeated, data.campaignId, amount);

    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id: data.campaignId });
    if (!campaign) throw notFound('Campaign');
    if (!isCampaignOpen(campaign, now)) throw conflict('This campaign has closed');
    const fund = await this.dataSource.getRepository(Fund).findOneByOrFail({ id: campaign.fundId });
    const donorName = data.anonymous ? ANONYMOUS : data.displayName?.trim() || ANONYMOUS;
    const payment = await this.gateway.collect({
      amountMinor: amount,
      currency: fund.currency,
      idempotencyKey: data.idempotencyKey,
      description: campaign.title,
    });

    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const inserted: Donation[] = await em.query(
        `INSERT INTO donations (campaign_id, amount_minor, donor_name, anonymous, user_id, idempotency_key, payment_reference)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [
          campaign.id,
          amount.toString(),
          donorName,
          donorName === ANONYMOUS,
          viewer?.user.id ?? null,
          data.idempotencyKey,
          payment.reference,
        ],
      );
      if (inserted.length === 0) {
        // A concurrent retry with the same key got there first.
        const first = await em.findOneByOrFail(Donation, { idempotencyKey: data.idempotencyKey });
        return this.sameDonation(first, data.campaignId, amount);
      }
      const donation = await em.findOneByOrFail(Donation, { id: inserted[0]!.id });
      const entry = await this.ledger.post(em, emit, {
        fundId: campaign.fundId,
        kind: LedgerEntryKind.DONATION,
        direction: LedgerDirection.IN,
        amountMinor: amount,
        memo: `Donation to "${campaign.title}"`.slice(0, 500),
        counterparty: donorName,
        proposalId: campaign.proposalId,
        // Online gifts are recorded by the payment step, not a person: a signed-in anonymous donor stays anonymous.
        recordedById: null,
        occurredAt: donation.createdAt,
      });
      await em.update(Donation, { id: donation.id }, { ledgerEntryId: entry.id });
      emit({ topic: Topic.CampaignUpdated, payload: { campaignId: campaign.id } });
      return Object.assign(donation, { ledgerEntryId: entry.id });
    });
  }

  private sameDonation(first: Donation, campaignId: string, amount: bigint): Donation {
    if (first.campaignId !== campaignId || first.amountMinor !== amount) {
      throw conflict('This idempotencyKey was already used for a different donation');
    }
    return first;
  }
}
