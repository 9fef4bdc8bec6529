import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey } from '../shared/loader-utils.js';
import { Bid } from './bid.entity.js';

/** Every bid of a proposal or organization; resolvers filter them through canSeeBid for the viewer. */
export function createBidLoaders(ds: DataSource) {
  const repo = ds.getRepository(Bid);
  return {
    byProposalId: new DataLoader<string, Bid[]>(async (ids) =>
      groupByKey(
        ids,
        await repo.find({ where: { proposalId: In([...ids]) }, order: { submittedAt: 'ASC' } }),
        (b) => b.proposalId,
      ),
    ),
    byOrganizationId: new DataLoader<string, Bid[]>(async (ids) =>
      groupByKey(
        ids,
        await repo.find({ where: { organizationId: In([...ids]) }, order: { submittedAt: 'DESC' } }),
        (b) => b.organizationId,
      ),
    ),
  };
}
