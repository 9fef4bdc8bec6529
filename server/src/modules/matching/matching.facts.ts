import type { Category, OrganizationType, SponsorshipKind } from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { Candidate } from './matching.rank.js';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** An organization's figures as matching and its public track record use them. */
export interface OrganizationFacts extends Candidate {
  projectsInProgress: number;
  hasOffer: boolean;
}

interface Row {
  id: string;
  name: string;
  type: OrganizationType;
  categories: Category[] | null;
  kinds: SponsorshipKind[] | null;
  neighborhood_ids: string[] | null;
  budget_min: string | null;
  budget_max: string | null;
  currency: string | null;
  completed: number;
  in_progress: number;
  windows: number;
  covered: number;
  fulfilled: number;
}

/**
 * One statement: organizations with their declared offer and what the
 * platform's own data says about them. Delivery: awarded bids whose proposal
 * is COMPLETED or IN_PROGRESS, and complete 30-day windows from the award
 * (the bid's last change) to completion (the proposal's last change) or now,
 * counted as covered when a progress update was posted in them. Sponsors:
 * FULFILLED sponsorships.
 */
const FACTS = `
  SELECT o.id, o.name, o.type, f.categories, f.kinds, f.neighborhood_ids,
         f.yearly_budget_min_minor::text AS budget_min, f.yearly_budget_max_minor::text AS budget_max, f.currency,
         d.completed, d.in_progress, w.windows, w.covered, s.fulfilled
    FROM organizations o
    LEFT JOIN organization_offers f ON f.organization_id = o.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE p.status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE p.status = 'IN_PROGRESS')::int AS in_progress
        FROM bids b JOIN proposals p ON p.id = b.proposal_id
       WHERE b.organization_id = o.id AND b.status = 'AWARDED') d
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS windows,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM progress_updates u
                WHERE u.proposal_id = p.id AND u.created_at >= m.start AND u.created_at < m.start + interval '30 days'
             ))::int AS covered
        FROM bids b JOIN proposals p ON p.id = b.proposal_id
        CROSS JOIN LATERAL generate_series(
          b.updated_at,
          (CASE WHEN p.status = 'COMPLETED' THEN p.updated_at ELSE now() END) - interval '30 days',
          interval '30 days') AS m(start)
       WHERE b.organization_id = o.id AND b.status = 'AWARDED' AND p.status IN ('IN_PROGRESS', 'COMPLETED')) w
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS fulfilled FROM sponsorships s WHERE s.organization_id = o.id AND s.status = 'FULFILLED') s`;

function toFacts(r: Row): OrganizationFacts {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    hasOffer: r.categories !== null,
    offer: {
      categories: r.categories ?? [],
      kinds: r.kinds ?? [],
      neighborhoodIds: r.neighborhood_ids ?? [],
      budgetMinMinor: r.budget_min === null ? null : BigInt(r.budget_min),
      budgetMaxMinor: r.budget_max === null ? null : BigInt(r.budget_max),
      currency: r.currency,
    },
    record: {
      projectsCompleted: r.completed,
      reportWindows: r.windows,
      reportWindowsCovered: r.covered,
      sponsorshipsFulfilled: r.fulfilled,
    },
    projectsInProgress: r.in_progress,
  };
}

/** Verified organizations that declared an offer (of the given types): who matching ranks. */
export async function loadCandidates(q: Queryable, types?: readonly OrganizationType[]): Promise<OrganizationFacts[]> {
  const rows: Row[] = await q.query(
    `${FACTS} WHERE o.verified AND f.id IS NOT NULL AND ($1::varchar[] IS NULL OR o.type = ANY($1)) ORDER BY o.name, o.id`,
    [types ? [...types] : null],
  );
  return rows.map(toFacts);
}

/** The facts of the given organizations, offer or not (their public track record). */
export async function loadFacts(q: Queryable, ids: readonly string[]): Promise<OrganizationFacts[]> {
  const rows: Row[] = await q.query(`${FACTS} WHERE o.id = ANY($1::uuid[])`, [[...ids]]);
  return rows.map(toFacts);
}
