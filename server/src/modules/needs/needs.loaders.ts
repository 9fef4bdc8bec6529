import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { Need } from './need.entity.js';

export function createNeedLoaders(ds: DataSource, viewer: Actor | null) {
  return {
    byId: idLoader((ids) => ds.getRepository(Need).findBy({ id: In(ids) })),
    /** Whether the viewer supports each need (false for anonymous viewers, without a query). */
    viewerSupports: new DataLoader<string, boolean>(async (needIds) => {
      if (!viewer) return needIds.map(() => false);
      const rows: Array<{ need_id: string }> = await ds.query(
        'SELECT need_id FROM need_supports WHERE user_id = $1 AND need_id = ANY($2)',
        [viewer.user.id, needIds],
      );
      const supported = new Set(rows.map((r) => r.need_id));
      return needIds.map((id) => supported.has(id));
    }),
  };
}
