import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { byKey } from '../shared/loader-utils.js';
import { loadCandidates, loadFacts, type OrganizationFacts } from './matching.facts.js';
import { OrganizationOffer } from './offer.entity.js';

export function createMatchingLoaders(ds: DataSource) {
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
    factsByOrgId: new DataLoader<string, OrganizationFacts | null>(async (orgIds) =>
      byKey(orgIds, await loadFacts(ds, orgIds), (f) => f.id),
    ),
    /** Everyone matching ranks (verified, with an offer): loaded once per request, whatever asks. */
    candidates: new DataLoader<'all', OrganizationFacts[]>(async (keys) => {
      const all = await loadCandidates(ds);
      return keys.map(() => all);
    }),
  };
}
