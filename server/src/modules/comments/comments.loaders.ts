import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { decodeCursor, toConnection, type Connection } from '../shared/connection.js';
import { idLoader } from '../shared/loader-utils.js';
import { Comment } from './comment.entity.js';

export interface CommentPageKey {
  proposalId: string;
  first: number;
  after: string | null;
}

export function createCommentLoaders(ds: DataSource) {
  const countByProposalId = new DataLoader<string, number>(async (proposalIds) => {
    const rows: Array<{ proposal_id: string; n: string }> = await ds.query(
      'SELECT proposal_id, count(*) AS n FROM comments WHERE proposal_id = ANY($1) GROUP BY proposal_id',
      [proposalIds],
    );
    const map = new Map(rows.map((r) => [r.proposal_id, Number(r.n)]));
    return proposalIds.map((id) => map.get(id) ?? 0);
  });

  /**
   * A page of each proposal's comments, oldest first. Keys that share
   * (first, after) are fetched together with one window-function query, so
   * `proposals { comments(first: 3) }` costs one statement for the whole list.
   */
  const page = new DataLoader<CommentPageKey, Connection<Comment>, string>(
    async (keys) => {
      const groups = new Map<string, CommentPageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<CommentPageKey, Comment[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0]!;
          const cursor = decodeCursor(after);
          const ids = group.map((k) => k.proposalId);
          const rows = await ds
            .getRepository(Comment)
            .createQueryBuilder('c')
            .where(
              `c.id IN (SELECT id FROM (
                 SELECT id, ROW_NUMBER() OVER (PARTITION BY proposal_id ORDER BY created_at, id) AS rn
                   FROM comments
                  WHERE proposal_id = ANY(:ids) ${cursor ? 'AND (created_at, id) > (:cAt, :cId)' : ''}
               ) ranked WHERE rn <= :limit)`,
              { ids, limit: first + 1, cAt: cursor?.createdAt, cId: cursor?.id },
            )
            .orderBy('c.created_at', 'ASC')
            .addOrderBy('c.id', 'ASC')
            .getMany();
          for (const key of group)
            results.set(
              key,
              rows.filter((c) => c.proposalId === key.proposalId),
            );
        }),
      );
      const counts = await countByProposalId.loadMany(keys.map((k) => k.proposalId));
      return keys.map((key, i) => {
        const total = counts[i];
        return toConnection(results.get(key) ?? [], key.first, typeof total === 'number' ? total : 0);
      });
    },
    { cacheKeyFn: (key) => `${key.proposalId}|${key.first}|${key.after ?? ''}` },
  );

  return {
    byId: idLoader((ids) => ds.getRepository(Comment).findBy({ id: In(ids) })),
    countByProposalId,
    page,
  };
}
