import {
  LIMITS,
  NeedStatus,
  OrganizationType,
  ProposalStatus,
  Role,
  SPONSORABLE_STATUSES,
  type Category,
  type SponsorshipKind,
} from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import type { EventBus } from '../../events/event-bus.js';
import { Need } from '../needs/need.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { inTransaction } from '../shared/transaction.js';
import { actingOrganizationId, hasRole, type Actor } from '../users/actor.js';
import type { OrganizationFacts } from './matching.facts.js';
import { DELIVERER_TYPES, scoreMatch, SPONSOR_TYPES, type MatchTarget, type Scored } from './matching.rank.js';

export interface OfferData {
  organizationId: string;
  categories: readonly Category[];
  kinds: readonly SponsorshipKind[];
  neighborhoodIds: readonly string[];
  yearlyBudgetMinMinor: number | null;
  yearlyBudgetMaxMinor: number | null;
  currency: string | null;
}

/** Proposals delivery organizations may still win: consultation, approval, bidding. */
export const DELIVERABLE_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.CONSULTATION,
  ProposalStatus.APPROVED,
  ProposalStatus.BIDDING,
];

/** Which kinds of organization a proposal in this status is open to. */
export function openTo(status: ProposalStatus): readonly OrganizationType[] {
  return [
    ...(SPONSORABLE_STATUSES.includes(status) ? SPONSOR_TYPES : []),
    ...(DELIVERABLE_STATUSES.includes(status) ? DELIVERER_TYPES : []),
  ];
}

export interface Opening {
  need: Need | null;
  proposal: Proposal | null;
  scored: Scored;
}

/** The proposals an organization may still take part in: sponsorship for enterprises, delivery for the others. */
const openStatusesFor = (type: OrganizationType): readonly ProposalStatus[] =>
  SPONSOR_TYPES.includes(type) ? SPONSORABLE_STATUSES : DELIVERER_TYPES.includes(type) ? DELIVERABLE_STATUSES : [];

/** How many of the newest open needs, and of the newest open proposals, opportunities are chosen from. */
export const OPPORTUNITY_WINDOW = 200;

const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;

export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  /** An approved member of the organization (or FUND_ADMIN) declares what it offers; declaring again replaces it. */
  async declareOffer(actor: Actor, data: OfferData): Promise<Organization> {
    const org = await this.dataSource.getRepository(Organization).findOneBy({ id: data.organizationId });
    if (!org) throw notFound('Organization');
    if (!hasRole(actor, Role.FUND_ADMIN) && actingOrganizationId(actor) !== org.id) {
      throw forbidden('Only an approved member of the organization, or FUND_ADMIN, declares its offer');
    }
    if (org.type === OrganizationType.GOVERNMENT) {
      throw badInput('organizationId', 'A government organization declares no offer');
    }
    const sponsor = SPONSOR_TYPES.includes(org.type);
    if (data.categories.length === 0 || !unique(data.categories)) {
      throw badInput('categories', 'categories must name at least one category, each once');
    }
    if (!unique(data.kinds)) throw badInput('kinds', 'kinds must name each kind once');
    if (sponsor && data.kinds.length === 0) throw badInput('kinds', 'An enterprise names what it gives');
    if (!sponsor && data.kinds.length > 0) throw badInput('kinds', 'Only enterprises declare kinds of sponsorship');
    if (data.neighborhoodIds.length > LIMITS.offerNeighborhoods.max || !unique(data.neighborhoodIds)) {
      throw badInput('neighborhoodIds', `neighborhoodIds must be at most ${LIMITS.offerNeighborhoods.max}, each once`);
    }
    const { yearlyBudgetMinMinor: min, yearlyBudgetMaxMinor: max } = data;
    const budgeted = min !== null || max !== null;
    for (const [field, value] of [
      ['yearlyBudgetMinMinor', min],
      ['yearlyBudgetMaxMinor', max],
    ] as const) {
      if (value !== null && (value < LIMITS.yearlyBudgetMinor.min || value > LIMITS.yearlyBudgetMinor.max)) {
        throw badInput(
          field,
          `${field} must be from ${LIMITS.yearlyBudgetMinor.min} to ${LIMITS.yearlyBudgetMinor.max}`,
        );
      }
    }
    if (budgeted && !sponsor) throw badInput('yearlyBudgetMinMinor', 'Only enterprises declare a yearly budget');
    if (min !== null && max !== null && min > max) {
      throw badInput('yearlyBudgetMaxMinor', 'yearlyBudgetMaxMinor must not be below yearlyBudgetMinMinor');
    }
    const currency = data.currency?.trim().toUpperCase() || null;
    if (budgeted !== (currency !== null)) {
      throw badInput(
        'currency',
        budgeted ? 'A yearly budget needs its currency' : 'currency goes with a yearly budget',
      );
    }
    if (currency !== null && !/^[A-Z]{3}$/.test(currency))
      throw badInput('currency', 'currency must be an ISO 4217 code');

    return inTransaction(this.dataSource, this.events, async (em) => {
      if (data.neighborhoodIds.length > 0) {
        const [{ known }] = (await em.query(
          'SELECT count(*)::int AS known FROM neighborhoods WHERE id = ANY($1::uuid[])',
          [[...data.neighborhoodIds]],
        )) as [{ known: number }];
        if (known !== data.neighborhoodIds.length) throw badInput('neighborhoodIds', 'Unknown neighborhood');
      }
      await em.query(
        `INSERT INTO organization_offers
           (organization_id, categories, kinds, neighborhood_ids, yearly_budget_min_minor, yearly_budget_max_minor,
            currency, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (organization_id) DO UPDATE
           SET categories = EXCLUDED.categories, kinds = EXCLUDED.kinds, neighborhood_ids = EXCLUDED.neighborhood_ids,
               yearly_budget_min_minor = EXCLUDED.yearly_budget_min_minor,
               yearly_budget_max_minor = EXCLUDED.yearly_budget_max_minor,
               currency = EXCLUDED.currency, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
        [
          org.id,
          [...data.categories],
          [...data.kinds],
          [...data.neighborhoodIds],
          min === null ? null : String(min),
          max === null ? null : String(max),
          currency,
          actor.user.id,
        ],
      );
      return org;
    });
  }
}

const createdOf = (o: { need: Need | null; proposal: Proposal | null }) => (o.need ?? o.proposal)!.createdAt.getTime();

/**
 * For each organization, the open needs and proposals that fit it, best
 * first (newest first among equals): needs OPEN, proposals still open to
 * its kind (sponsorship for enterprises, delivery for social organizations
 * and foundations), in its categories, among the newest
 * OPPORTUNITY_WINDOW of each. One statement for the needs and one for the
 * proposals however many organizations ask (a page listing many of them).
 * `targetOf` supplies the neighborhood and currency each is scored with.
 */
export async function findOpportunities(
  dataSource: DataSource,
  orgs: readonly OrganizationFacts[],
  first: number,
  targetOf: (item: { need: Need | null; proposal: Proposal | null }) => Promise<MatchTarget>,
): Promise<Map<string, Opening[]>> {
  const offering = orgs.filter((o) => o.hasOffer);
  const result = new Map<string, Opening[]>(orgs.map((o) => [o.id, []]));
  if (offering.length === 0) return result;
  const categories = [...new Set(offering.flatMap((o) => o.offer.categories))];
  const statuses = [...new Set(offering.flatMap((o) => openStatusesFor(o.type)))];
  const [needs, proposals] = await Promise.all([
    dataSource
      .getRepository(Need)
      .createQueryBuilder('n')
      .where('n.status = :open AND n.category IN (:...categories)', { open: NeedStatus.OPEN, categories })
      .orderBy('n.created_at', 'DESC')
      .limit(OPPORTUNITY_WINDOW)
      .getMany(),
    statuses.length === 0
      ? Promise.resolve([])
      : dataSource
          .getRepository(Proposal)
          .createQueryBuilder('p')
          .where('p.status IN (:...statuses) AND p.category IN (:...categories)', { statuses, categories })
          .orderBy('p.created_at', 'DESC')
          .limit(OPPORTUNITY_WINDOW)
          .getMany(),
  ]);
  const items: Array<{ need: Need | null; proposal: Proposal | null }> = [
    ...needs.map((need) => ({ need, proposal: null })),
    ...proposals.map((proposal) => ({ need: null, proposal })),
  ];
  // All at once, so the request's loaders batch the needs and neighborhoods the targets name.
  const targets = await Promise.all(items.map(targetOf));
  for (const org of offering) {
    const open = openStatusesFor(org.type);
    const openings = items.flatMap((item, i): Opening[] => {
      if (item.proposal && !open.includes(item.proposal.status)) return [];
      const scored = scoreMatch(targets[i]!, org);
      return scored ? [{ ...item, scored }] : [];
    });
    result.set(
      org.id,
      openings.sort((a, b) => b.scored.score - a.scored.score || createdOf(b) - createdOf(a)).slice(0, first),
    );
  }
  return result;
}
