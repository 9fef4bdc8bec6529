import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { groupByKey, idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { createPageLoader } from '../shared/page-loader.js';
import { Comment, CommentModeration, CommentReport } from './comment.entity.js';

export function createCommentLoaders(ds: DataSource, viewer: Actor | null) {
  const countByProposalId = new DataLoader<string, number>(async (proposalIds) => {
    const rows: Array<{ proposal_id: string; n: string }> = await ds.query(
      'SELECT proposal_id, count(*) AS n FROM comments WHERE proposal_id = ANY($1) GROUP BY proposal_id',
      [proposalIds],
    );
    const map = new Map(rows.map((r) => [r.proposal_id, Number(r.n)]));
    return proposalIds.map((id) => map.get(id) ?? 0);
  });

  const countBy = (sql: string) =>
    new DataLoader<string, number>(async (ids) => {
      const rows: Array<{ id: string; n: number }> = await ds.query(sql, [ids]);
      const map = new Map(rows.map((r) => [r.id, r.n]));
      return ids.map((id) => map.get(id) ?? 0);
    });

  return {
    reportCount: countBy(
      'SELECT comment_id AS id, count(*)::int AS n FROM comment_reports WHERE comment_id = ANY($1) GROUP BY comment_id',
    ),
    /** Whether the viewer reported each comment (no query for anonymous viewers). */
    viewerReported: new DataLoader<string, boolean>(async (ids) => {
      if (!viewer) return ids.map(() => false);
      const rows: Array<{ comment_id: string }> = await ds.query(
        'SELECT comment_id FROM comment_reports WHERE reporter_id = $1 AND comment_id = ANY($2)',
        [viewer.user.id, ids],
      );
      const reported = new Set(rows.map((r) => r.comment_id));
      return ids.map((id) => reported.has(id));
    }),
    reports: new DataLoader<string, CommentReport[]>(async (ids) =>
      groupByKey(
        ids,
        await ds.getRepository(CommentReport).find({ where: { commentId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (r) => r.commentId,
      ),
    ),
    moderations: new DataLoader<string, CommentModeration[]>(async (ids) =>
      groupByKey(
        ids,
        await ds
          .getRepository(CommentModeration)
          .find({ where: { commentId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (m) => m.commentId,
      ),
    ),
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
