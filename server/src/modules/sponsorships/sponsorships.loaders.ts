import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import DataLoader from 'dataloader';
import { groupByKey } from '../shared/loader-utils.js';
import { Sponsorship } from './sponsorship.entity.js';

/** Every sponsorship of a proposal or organization; resolvers filter them through the policy for the viewer. */
export function createSponsorshipLoaders(ds: DataSource) {
  const repo = ds.getRepository(Sponsorship);
  return {
    byProposalId: new DataLoader<string, Sponsorship[]>(async (ids) =>
      groupByKey(
        ids,
        await repo.find({ where: { proposalId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (s) => s.proposalId,
      ),
    ),
    byOrganizationId: new DataLoader<string, Sponsorship[]>(async (ids) =>
      groupByKey(
        ids,
        await repo.find({ where: { organizationId: In([...ids]) }, order: { createdAt: 'DESC' } }),
        (s) => s.organizationId,
      ),
    ),
  };
}
