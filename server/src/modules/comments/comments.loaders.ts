import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { derivedLoader, groupByKey, idLoader } from '../shared/loader-utils.js';
import { createProposalSharedLoaders, type ProposalFigures } from '../proposals/proposals.loaders.js';
import type { Actor } from '../users/actor.js';
import type { User } from '../users/user.entity.js';
import { createPageLoader } from '../shared/page-loader.js';
import { Comment, CommentModeration, CommentReport } from './comment.entity.js';

/** What every viewer gets alike (one set may serve all subscribers of a live event). */
export function createCommentSharedLoaders(
  ds: DataSource,
  /** Each proposal's counted figures, comments among them (the feed asks for them anyway). */
  figures: DataLoader<string, ProposalFigures> = createProposalSharedLoaders(ds).figures,
  /** The users loader a page of comments primes with their authors. */
  users?: DataLoader<string, User | null>,
) {
  const countByProposalId = derivedLoader(figures, (f) => f.comments);

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
      ...(users ? { authors: users } : {}),
    }),
  };
}

export function createCommentLoaders(
  ds: DataSource,
  viewer: Actor | null,
  shared: ReturnType<typeof createCommentSharedLoaders> = createCommentSharedLoaders(ds),
) {
  let viewerReported: DataLoader<string, boolean> | undefined;
  return {
    ...shared,
    /** Whether the viewer reported each comment (no query for anonymous viewers); made on first use. */
    get viewerReported() {
      return (viewerReported ??= new DataLoader<string, boolean>(async (ids) => {
        if (!viewer) return ids.map(() => false);
        const rows: Array<{ comment_id: string }> = await ds.query(
          'SELECT comment_id FROM comment_reports WHERE reporter_id = $1 AND comment_id = ANY($2)',
          [viewer.user.id, ids],
        );
        const reported = new Set(rows.map((r) => r.comment_id));
        return ids.map((id) => reported.has(id));
      }));
    },
  };
}
