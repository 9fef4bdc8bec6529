import { Category, MatchReasonKind, OrganizationType, SponsorshipKind } from '@commonweal/shared';
import { percentOf, rankCandidates, scoreMatch, type Candidate, type MatchTarget } from './matching.rank.js';

const OLD_TOWN = 'n-old-town';
const NEW_GARDENS = 'n-new-gardens';

const noRecord = { projectsCompleted: 0, reportWindows: 0, reportWindowsCovered: 0, sponsorshipsFulfilled: 0 };
const noOffer = { kinds: [], neighborhoodIds: [], budgetMinMinor: null, budgetMaxMinor: null, currency: null };

function org(id: string, type: OrganizationType, over: Partial<Candidate['offer']>, record = noRecord): Candidate {
  return { id, name: id, type, offer: { ...noOffer, categories: [Category.ELDERLY_CARE], ...over }, record };
}

/** An elderly-care proposal in the old town with a 50,000 yuan budget. */
const proposal: MatchTarget = {
  category: Category.ELDERLY_CARE,
  neighborhoodId: OLD_TOWN,
  neighborhoodName: 'Old Town',
  budgetMinor: 5_000_000n,
  currency: 'CNY',
};

describe('ranking organizations for a need or a proposal', () => {
  // Hand-computed (points: category 40, neighborhood 30, 5 per record up to 20, on-time up to 10,
  // budget within 20 / below 10 / above 0):
  const fixtures: Candidate[] = [
    // 40 + 30 + min(3*5, 20)=15 + on-time 9 of 12 windows = 75% -> 7  = 92
    org(
      'care-local',
      OrganizationType.SOCIAL_ORGANIZATION,
      { neighborhoodIds: [OLD_TOWN] },
      {
        ...noRecord,
        projectsCompleted: 3,
        reportWindows: 12,
        reportWindowsCovered: 9,
      },
    ),
    // 40 + 30 = 70 (new here: no record)
    org('care-newcomer', OrganizationType.FOUNDATION, { neighborhoodIds: [OLD_TOWN, NEW_GARDENS] }),
    // 40 + min(6*5, 20)=20 + on-time 100% -> 10 = 70, elsewhere; ties with care-newcomer, sorts after it by name
    org(
      'care-veteran-elsewhere',
      OrganizationType.SOCIAL_ORGANIZATION,
      { neighborhoodIds: [NEW_GARDENS] },
      {
        ...noRecord,
        projectsCompleted: 6,
        reportWindows: 4,
        reportWindowsCovered: 4,
      },
    ),
    // 40 + budget within [10,000, 100,000] yuan 20 + 2 fulfilled * 5 = 10 -> 70
    org(
      'bank-in-range',
      OrganizationType.ENTERPRISE,
      { kinds: [SponsorshipKind.FUNDS], budgetMinMinor: 1_000_000n, budgetMaxMinor: 10_000_000n, currency: 'CNY' },
      { ...noRecord, sponsorshipsFulfilled: 2 },
    ),
    // 40 + budget above its range (max 20,000 yuan) 0 = 40
    org('shop-small', OrganizationType.ENTERPRISE, {
      kinds: [SponsorshipKind.IN_KIND],
      budgetMinMinor: 0n,
      budgetMaxMinor: 2_000_000n,
      currency: 'CNY',
    }),
    // 40 + budget below its range (min 100,000 yuan) 10 = 50
    org('fund-large', OrganizationType.ENTERPRISE, {
      kinds: [SponsorshipKind.FUNDS],
      budgetMinMinor: 10_000_000n,
      budgetMaxMinor: null,
      currency: 'CNY',
    }),
    // another category: not a match at all, however good otherwise
    org(
      'youth-only',
      OrganizationType.SOCIAL_ORGANIZATION,
      { categories: [Category.YOUTH_EDUCATION], neighborhoodIds: [OLD_TOWN] },
      { ...noRecord, projectsCompleted: 10 },
    ),
  ];

  it('ranks the fixtures in the hand-computed order with the hand-computed scores', () => {
    const ranked = rankCandidates(proposal, fixtures, 10);
    expect(ranked.map((r) => [r.candidate.id, r.score])).toEqual([
      ['care-local', 92],
      ['bank-in-range', 70],
      ['care-newcomer', 70],
      ['care-veteran-elsewhere', 70],
      ['fund-large', 50],
      ['shop-small', 40],
    ]);
  });

  it('explains every score: the reasons add up to it, each with its kind and a readable detail', () => {
    const best = scoreMatch(proposal, fixtures[0]!)!;
    expect(best.reasons).toEqual([
      { kind: MatchReasonKind.CATEGORY, points: 40, detail: 'Offers ELDERLY_CARE' },
      { kind: MatchReasonKind.NEIGHBORHOOD, points: 30, detail: 'Serves Old Town' },
      {
        kind: MatchReasonKind.TRACK_RECORD,
        points: 22,
        detail: '3 projects completed here; progress reported in 75% of months',
      },
    ]);
    for (const r of rankCandidates(proposal, fixtures, 10)) {
      expect(r.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(r.score);
    }
    const small = scoreMatch(proposal, fixtures[4]!)!;
    expect(small.reasons.at(-1)).toEqual({
      kind: MatchReasonKind.BUDGET_FIT,
      points: 0,
      detail: 'Budget ¥50,000.00 is above the yearly range it sponsors',
    });
  });

  it('leaves budget out for needs and for ranges in another currency, and neighborhood out when none is known', () => {
    const need: MatchTarget = { ...proposal, budgetMinor: null, currency: null };
    expect(scoreMatch(need, fixtures[3]!)!.reasons.map((r) => r.kind)).toEqual([
      MatchReasonKind.CATEGORY,
      MatchReasonKind.TRACK_RECORD,
    ]);
    const inDollars = { ...fixtures[3]!, offer: { ...fixtures[3]!.offer, currency: 'USD' } };
    expect(scoreMatch(proposal, inDollars)!.score).toBe(50);
    const nowhere: MatchTarget = { ...proposal, neighborhoodId: null, neighborhoodName: null };
    expect(scoreMatch(nowhere, fixtures[1]!)!.score).toBe(40);
  });

  it('caps the record points and keeps only the first N', () => {
    const prolific = org('prolific', OrganizationType.ENTERPRISE, {}, { ...noRecord, sponsorshipsFulfilled: 40 });
    expect(scoreMatch(proposal, prolific)!.score).toBe(40 + 20);
    expect(rankCandidates(proposal, fixtures, 2).map((r) => r.candidate.id)).toEqual(['care-local', 'bank-in-range']);
  });

  it('computes percentages in integers, rounding down', () => {
    expect(percentOf(9, 12)).toBe(75);
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(0, 5)).toBe(0);
  });
});
