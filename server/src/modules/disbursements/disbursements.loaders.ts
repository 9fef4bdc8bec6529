import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey } from '../shared/loader-utils.js';
import { Disbursement } from './disbursement.entity.js';

export function createDisbursementLoaders(ds: DataSource) {
  return {
    /** Every disbursement of a proposal; resolvers filter them through canSeeDisbursement. */
    byProposalId: new DataLoader<string, Disbursement[]>(async (ids) =>
      groupByKey(
        ids,
        await ds.getRepository(Disbursement).find({ where: { proposalId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (d) => d.proposalId,
      ),
    ),
  };
}
