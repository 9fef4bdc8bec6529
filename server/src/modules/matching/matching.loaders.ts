import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { byKey } from '../shared/loader-utils.js';
import { loadCandidates, loadFacts, type OrganizationFacts } from './matching.facts.js';
import type { Need } from '../needs/need.entity.js';
import type { Proposal } from '../proposals/proposal.entity.js';
import type { MatchTarget } from './matching.rank.js';
import { findOpportunities, type Opening } from './matching.service.js';
import { OrganizationOffer } from './offer.entity.js';

export function createMatchingLoaders(ds: DataSource) {
  const factsByOrgId = new DataLoader<string, OrganizationFacts | null>(async (orgIds) =>
    byKey(orgIds, await loadFacts(ds, orgIds), (f) => f.id),
  );
  /** One loader per page size: the organizations of a request asking for opportunities are served together. */
  const opportunities = new Map<number, DataLoader<string, Opening[]>>();
  return {
    /** Each organization's declared offer, or null. */
    offerByOrgId: new DataLoader<string, OrganizationOffer | null>(async (orgIds) =>
      byKey(
        orgIds,
        await ds.getRepository(OrganizationOffer).findBy({ organizationId: In([...orgIds]) }),
        (o) => o.organizationId,
      ),
    ),
    /** Each organization's facts (offer and track record), one statement per batch. */
    factsByOrgId,
    /** Each organization's opportunities (`first` of them); the targets are scored through `targetOf`. */
    opportunities(
      first: number,
      targetOf: (item: { need: Need | null; proposal: Proposal | null }) => Promise<MatchTarget>,
    ) {
      let loader = opportunities.get(first);
      if (!loader) {
        loader = new DataLoader<string, Opening[]>(async (orgIds) => {
          const facts = (await factsByOrgId.loadMany(orgIds)).filter(
            (f): f is OrganizationFacts => f !== null && !(f instanceof Error),
          );
          const byOrg = await findOpportunities(ds, facts, first, targetOf);
          return orgIds.map((id) => byOrg.get(id) ?? []);
        });
        opportunities.set(first, loader);
      }
      return loader;
    },
    /** Everyone matching ranks (verified, with an offer): loaded once per request, whatever asks. */
    candidates: new DataLoader<'all', OrganizationFacts[]>(async (keys) => {
      const all = await loadCandidates(ds);
      return keys.map(() => all);
    }),
  };
}
