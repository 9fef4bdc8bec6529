import {
  type Category,
  formatMoney,
  MatchReasonKind,
  OrganizationType,
  type SponsorshipKind,
} from '@commonweal/shared';

/**
 * How well an organization fits a need or a proposal, and why. Pure: the
 * service gathers the facts, this scores them, so the ranking is explained
 * by its reasons and tested on fixtures with hand-computed answers
 * (docs/decisions/011-matching.md has the table).
 */

/** Points per reason. A match needs the category; the rest orders the matches. */
export const POINTS = {
  category: 40,
  neighborhood: 30,
  /** Per completed project (delivery) or fulfilled sponsorship (sponsors) ... */
  perRecord: 5,
  /** ... up to this many points. */
  recordCap: 20,
  /** On-time progress reporting adds up to this many points (percent of 30-day windows reported, in tens). */
  onTimeMax: 10,
  budgetWithin: 20,
  budgetBelow: 10,
} as const;

export interface OfferFacts {
  categories: readonly Category[];
  kinds: readonly SponsorshipKind[];
  neighborhoodIds: readonly string[];
  /** The yearly range it sponsors, in `currency`'s minor units; null when not declared. */
  budgetMinMinor: bigint | null;
  budgetMaxMinor: bigint | null;
  currency: string | null;
}

/** What the platform's own data says about an organization. */
export interface RecordFacts {
  projectsCompleted: number;
  /** Complete 30-day windows of its awarded projects, and those with at least one progress report. */
  reportWindows: number;
  reportWindowsCovered: number;
  sponsorshipsFulfilled: number;
}

export interface Candidate {
  id: string;
  name: string;
  type: OrganizationType;
  offer: OfferFacts;
  record: RecordFacts;
}

export interface MatchTarget {
  category: Category;
  neighborhoodId: string | null;
  neighborhoodName: string | null;
  /** A proposal's budget; null for a need. */
  budgetMinor: bigint | null;
  currency: string | null;
}

export interface Reason {
  kind: MatchReasonKind;
  points: number;
  detail: string;
}

export interface Scored {
  candidate: Candidate;
  score: number;
  reasons: Reason[];
}

/** Who delivers projects (bids on them); enterprises sponsor. */
export const DELIVERER_TYPES: readonly OrganizationType[] = [
  OrganizationType.SOCIAL_ORGANIZATION,
  OrganizationType.FOUNDATION,
];
export const SPONSOR_TYPES: readonly OrganizationType[] = [OrganizationType.ENTERPRISE];

/** Integer percent of `part` in `whole` (rounded down), without floating point. */
export function percentOf(part: number, whole: number): number {
  return Number((BigInt(part) * 100n) / BigInt(whole));
}

function recordReason(c: Candidate): Reason | null {
  if (DELIVERER_TYPES.includes(c.type)) {
    const done = Math.min(c.record.projectsCompleted * POINTS.perRecord, POINTS.recordCap);
    const windows = c.record.reportWindows;
    const onTime = windows > 0 ? percentOf(c.record.reportWindowsCovered, windows) : null;
    const onTimePoints = onTime === null ? 0 : Number(BigInt(onTime * POINTS.onTimeMax) / 100n);
    if (done + onTimePoints === 0) return null;
    const parts = [
      `${c.record.projectsCompleted} project${c.record.projectsCompleted === 1 ? '' : 's'} completed here`,
    ];
    if (onTime !== null) parts.push(`progress reported in ${onTime}% of months`);
    return { kind: MatchReasonKind.TRACK_RECORD, points: done + onTimePoints, detail: parts.join('; ') };
  }
  const fulfilled = c.record.sponsorshipsFulfilled;
  if (fulfilled === 0) return null;
  return {
    kind: MatchReasonKind.TRACK_RECORD,
    points: Math.min(fulfilled * POINTS.perRecord, POINTS.recordCap),
    detail: `${fulfilled} sponsorship${fulfilled === 1 ? '' : 's'} fulfilled here`,
  };
}

function budgetReason(target: MatchTarget, offer: OfferFacts): Reason | null {
  const { budgetMinor, currency } = target;
  if (budgetMinor === null || currency === null || offer.currency !== currency) return null;
  if (offer.budgetMaxMinor === null && offer.budgetMinMinor === null) return null;
  const budget = formatMoney(budgetMinor, currency);
  if (offer.budgetMaxMinor !== null && budgetMinor > offer.budgetMaxMinor) {
    return {
      kind: MatchReasonKind.BUDGET_FIT,
      points: 0,
      detail: `Budget ${budget} is above the yearly range it sponsors`,
    };
  }
  if (offer.budgetMinMinor !== null && budgetMinor < offer.budgetMinMinor) {
    return {
      kind: MatchReasonKind.BUDGET_FIT,
      points: POINTS.budgetBelow,
      detail: `Budget ${budget} is below the yearly range it sponsors`,
    };
  }
  return {
    kind: MatchReasonKind.BUDGET_FIT,
    points: POINTS.budgetWithin,
    detail: `Budget ${budget} is within the yearly range it sponsors`,
  };
}

/** The candidate's score for the target with its reasons; null when it does not offer the category. */
export function scoreMatch(target: MatchTarget, c: Candidate): Scored | null {
  if (!c.offer.categories.includes(target.category)) return null;
  const reasons: Reason[] = [
    { kind: MatchReasonKind.CATEGORY, points: POINTS.category, detail: `Offers ${target.category}` },
  ];
  if (target.neighborhoodId !== null && c.offer.neighborhoodIds.includes(target.neighborhoodId)) {
    reasons.push({
      kind: MatchReasonKind.NEIGHBORHOOD,
      points: POINTS.neighborhood,
      detail: `Serves ${target.neighborhoodName ?? 'the neighborhood'}`,
    });
  }
  const record = recordReason(c);
  if (record) reasons.push(record);
  if (c.type === OrganizationType.ENTERPRISE) {
    const budget = budgetReason(target, c.offer);
    if (budget) reasons.push(budget);
  }
  return { candidate: c, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

/** The fitting candidates, best first; ties by name, then id, so the order is stable. */
export function rankCandidates(target: MatchTarget, candidates: readonly Candidate[], first: number): Scored[] {
  return candidates
    .map((c) => scoreMatch(target, c))
    .filter((s): s is Scored => s !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.name.localeCompare(b.candidate.name) ||
        (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    )
    .slice(0, first);
}
