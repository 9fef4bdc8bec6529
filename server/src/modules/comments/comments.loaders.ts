import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import { createPageLoader } from '../shared/page-loader.js';
import { Comment } from './comment.entity.js';

export function createCommentLoaders(ds: DataSource) {
  const countByProposalId = new DataLoader<string, number>(async (proposalIds) => {
    const rows: Array<{ proposal_id: string; n: string }> = await ds.query(
      'SELECT proposal_id, count(*) AS n FROM comments WHERE proposal_id = ANY($1) GROUP BY proposal_id',
      [proposalIds],
    );
    const map = new Map(rows.map((r) => [r.proposal_id, Number(r.n)]));
    return proposalIds.map((id) => map.get(id) ?? 0);
  });

  return {
    byId: idLoader((ids) => ds.getRepository(Comment).findBy({ id: In(ids) })),
    countByProposalId,
    /** A page of each proposal's comments, oldest first. */
    page: createPageLoader({
      ds,
      entity: Comment,
      table: 'comments',
      parentColumn: 'proposal_id',
      parentOf: (c) => c.proposalId,
      counts: countByProposalId,
    }),
  };
}
