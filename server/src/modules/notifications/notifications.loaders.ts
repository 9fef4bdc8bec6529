import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { Notification } from './notification.entity.js';

export function createNotificationLoaders(ds: DataSource, viewer: Actor | null) {
  return {
    /** The viewer's own notifications by id; anyone else's are null. */
    ownById: idLoader(async (ids) =>
      viewer ? ds.getRepository(Notification).findBy({ id: In(ids), userId: viewer.user.id }) : [],
    ),
    followerCount: new DataLoader<string, number>(async (proposalIds) => {
      const rows: Array<{ proposal_id: string; n: number }> = await ds.query(
        'SELECT proposal_id, count(*)::int AS n FROM proposal_follows WHERE proposal_id = ANY($1) GROUP BY proposal_id',
        [proposalIds],
      );
      const map = new Map(rows.map((r) => [r.proposal_id, r.n]));
      return proposalIds.map((id) => map.get(id) ?? 0);
    }),
    /** Whether the viewer follows each proposal (no query for anonymous viewers). */
    viewerFollows: new DataLoader<string, boolean>(async (proposalIds) => {
      if (!viewer) return proposalIds.map(() => false);
      const rows: Array<{ proposal_id: string }> = await ds.query(
        'SELECT proposal_id FROM proposal_follows WHERE user_id = $1 AND proposal_id = ANY($2)',
        [viewer.user.id, proposalIds],
      );
      const followed = new Set(rows.map((r) => r.proposal_id));
      return proposalIds.map((id) => followed.has(id));
    }),
  };
}
