import { LIMITS, NeedStatus, OrganizationType } from '@commonweal/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { fundCurrency } from '../funds/currency.js';
import { Neighborhood } from '../funds/neighborhood.entity.js';
import { Need } from '../needs/need.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { required } from '../shared/loader-utils.js';
import { money, Money } from '../shared/money.type.js';
import { PARTICIPANT } from '../users/actor.js';
import { DeclareOfferInput } from './matching.inputs.js';
import { percentOf, rankCandidates, type MatchTarget, type Scored } from './matching.rank.js';
import { openTo } from './matching.service.js';
import { MatchReason, Opportunity, OrganizationMatch, TrackRecord } from './matching.type.js';
import { OrganizationOffer } from './offer.entity.js';

function matchesFirst(first: number): number {
  if (!Number.isInteger(first) || first < LIMITS.matches.min || first > LIMITS.matches.max) {
    throw badInput('first', `first must be between ${LIMITS.matches.min} and ${LIMITS.matches.max}`);
  }
  return first;
}

const reasonsOf = (s: Scored): MatchReason[] => s.reasons.map((r) => Object.assign(new MatchReason(), r));

/** What a need or a proposal is matched on: its category, its neighborhood (a proposal's through its need), its budget. */
async function targetOf(ctx: Context, item: { need: Need | null; proposal: Proposal | null }): Promise<MatchTarget> {
  const { proposal } = item;
  const need = item.need ?? (proposal?.needId ? await ctx.loaders.needs.byId.load(proposal.needId) : null);
  const neighborhood = need?.neighborhoodId ? await ctx.loaders.funds.neighborhoodById.load(need.neighborhoodId) : null;
  return {
    category: (proposal ?? need)!.category,
    neighborhoodId: neighborhood?.id ?? null,
    neighborhoodName: neighborhood?.name ?? null,
    budgetMinor: proposal?.budgetMinor ?? null,
    currency: proposal ? await fundCurrency(ctx, proposal.fundId) : null,
  };
}

async function ranked(
  ctx: Context,
  item: { need: Need | null; proposal: Proposal | null },
  types: readonly OrganizationType[],
  first: number,
) {
  if (types.length === 0) return [];
  const candidates = (await ctx.loaders.matching.candidates.load('all')).filter((c) => types.includes(c.type));
  const matches = rankCandidates(await targetOf(ctx, item), candidates, first);
  const orgs = await ctx.loaders.organizations.byId.loadMany(matches.map((m) => m.candidate.id));
  return matches.flatMap((m, i) => {
    const organization = orgs[i];
    if (!organization || organization instanceof Error) return [];
    return [Object.assign(new OrganizationMatch(), { organization, score: m.score, reasons: reasonsOf(m) })];
  });
}

const ALL_BUT_GOVERNMENT = [
  OrganizationType.ENTERPRISE,
  OrganizationType.SOCIAL_ORGANIZATION,
  OrganizationType.FOUNDATION,
];

@Resolver(() => Need)
export class NeedMatchingResolver {
  @FieldResolver(() => [OrganizationMatch], {
    description:
      'While the need is OPEN: verified organizations that offer its category, best fit first, with the reasons.',
  })
  matches(
    @Root() need: Need,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<OrganizationMatch[]> {
    const n = matchesFirst(first);
    if (need.status !== NeedStatus.OPEN) return Promise.resolve([]);
    return ranked(ctx, { need, proposal: null }, ALL_BUT_GOVERNMENT, n);
  }
}

@Resolver(() => Proposal)
export class ProposalMatchingResolver {
  @FieldResolver(() => [OrganizationMatch], {
    description:
      'Verified organizations that offer its category and that it is still open to (enterprises while it takes sponsorships; social organizations and foundations until bidding closes), best fit first, with the reasons.',
  })
  matches(
    @Root() proposal: Proposal,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Arg('type', () => OrganizationType, { nullable: true }) type: OrganizationType | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrganizationMatch[]> {
    const n = matchesFirst(first);
    const types = openTo(proposal.status).filter((t) => !type || t === type);
    return ranked(ctx, { need: null, proposal }, types, n);
  }
}

@Resolver(() => Organization)
export class OrganizationMatchingResolver {
  @Authorized(PARTICIPANT)
  @Mutation(() => Organization, {
    description: 'An approved member of the organization, or FUND_ADMIN: declare what it offers (public).',
  })
  async declareOffer(
    @Arg('input', () => DeclareOfferInput) input: DeclareOfferInput,
    @Ctx() ctx: Context,
  ): Promise<Organization> {
    return ctx.services.matching.declareOffer(ctx.viewer!, {
      organizationId: input.organizationId,
      categories: input.categories,
      kinds: input.kinds,
      neighborhoodIds: input.neighborhoodIds,
      yearlyBudgetMinMinor: input.yearlyBudgetMinMinor ?? null,
      yearlyBudgetMaxMinor: input.yearlyBudgetMaxMinor ?? null,
      currency: input.currency ?? null,
    });
  }

  @FieldResolver(() => OrganizationOffer, { nullable: true, description: 'What it offers; null until declared.' })
  offer(@Root() org: Organization, @Ctx() ctx: Context): Promise<OrganizationOffer | null> {
    return ctx.loaders.matching.offerByOrgId.load(org.id);
  }

  @FieldResolver(() => TrackRecord)
  async trackRecord(@Root() org: Organization, @Ctx() ctx: Context): Promise<TrackRecord> {
    const facts = await required(ctx.loaders.matching.factsByOrgId.load(org.id), 'Organization');
    const { record } = facts;
    return Object.assign(new TrackRecord(), {
      projectsCompleted: record.projectsCompleted,
      projectsInProgress: facts.projectsInProgress,
      progressReportedPercent:
        record.reportWindows > 0 ? percentOf(record.reportWindowsCovered, record.reportWindows) : null,
      sponsorshipsFulfilled: record.sponsorshipsFulfilled,
    });
  }

  @FieldResolver(() => [Opportunity], {
    description:
      'Open needs and proposals that fit what it offers, best first, with the reasons; empty until it declares an offer or while it is unverified.',
  })
  async opportunities(
    @Root() org: Organization,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Opportunity[]> {
    const n = matchesFirst(first);
    if (!org.verified) return [];
    const openings = await ctx.loaders.matching.opportunities(n, (item) => targetOf(ctx, item)).load(org.id);
    return openings.map((o) =>
      Object.assign(new Opportunity(), {
        need: o.need,
        proposal: o.proposal,
        score: o.scored.score,
        reasons: reasonsOf(o.scored),
      }),
    );
  }
}

@Resolver(() => OrganizationOffer)
export class OrganizationOfferResolver {
  @FieldResolver(() => [Neighborhood])
  async neighborhoods(@Root() offer: OrganizationOffer, @Ctx() ctx: Context): Promise<Neighborhood[]> {
    const rows = await ctx.loaders.funds.neighborhoodById.loadMany(offer.neighborhoodIds);
    return rows.filter((n): n is Neighborhood => n !== null && !(n instanceof Error));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Enterprises: the least it sponsors in a year.' })
  yearlyBudgetMin(@Root() offer: OrganizationOffer): Money | null {
    return offer.yearlyBudgetMinMinor === null ? null : money(offer.yearlyBudgetMinMinor, offer.currency!);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Enterprises: the most it sponsors in a year.' })
  yearlyBudgetMax(@Root() offer: OrganizationOffer): Money | null {
    return offer.yearlyBudgetMaxMinor === null ? null : money(offer.yearlyBudgetMaxMinor, offer.currency!);
  }
}
