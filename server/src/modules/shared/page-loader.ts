import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { User } from '../users/user.entity.js';
import { decodeCursor, toConnection, type Connection } from './connection.js';

export interface PageKey {
  parentId: string;
  first: number;
  after: string | null;
}

/**
 * Pages of each parent's children (a proposal's comments, a campaign's
 * donations) ordered by (created_at, id). Keys that share (first, after) are
 * fetched together in one statement (a LATERAL probe per parent), so a list
 * of parents each with `children(first: 3)` costs one statement, plus one
 * for counts.
 */
export function createPageLoader<E extends ObjectLiteral & { id: string; createdAt: Date }>(options: {
  ds: DataSource;
  entity: EntityTarget<E>;
  table: string;
  parentColumn: string;
  parentOf: (row: E) => string;
  counts: DataLoader<string, number>;
  newestFirst?: boolean;
  /**
   * Fetch each row's author in the same statement (users joined on
   * author_id) and prime this loader with them: a list's comments and their
   * authors cost one statement, not two.
   */
  authors?: DataLoader<string, User | null>;
}): DataLoader<PageKey, Connection<E>, string> {
  const { ds, entity, table, parentColumn, parentOf, counts, newestFirst = false, authors } = options;
  const order = newestFirst ? 'DESC' : 'ASC';
  const beyond = newestFirst ? '<' : '>';
  return new DataLoader<PageKey, Connection<E>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const rowsByKey = new Map<PageKey, E[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0]!;
          const cursor = decodeCursor(after);
          const query = ds
            .getRepository(entity)
            .createQueryBuilder('x')
            .where(
              // Each parent's first rows through its (parent, created_at, id) index, one LATERAL
              // probe per parent: a window over all the parents' rows read every one of them.
              `x.id IN (SELECT page.id FROM unnest(CAST(:ids AS uuid[])) AS parent(id)
                 CROSS JOIN LATERAL (
                   SELECT id FROM ${table}
                    WHERE ${parentColumn} = parent.id ${cursor ? `AND (created_at, id) ${beyond} (:cAt, :cId)` : ''}
                    ORDER BY created_at ${order}, id ${order}
                    LIMIT :limit) page)`,
              { ids: group.map((k) => k.parentId), limit: first + 1, cAt: cursor?.createdAt, cId: cursor?.id },
            )
            .orderBy('x.created_at', order)
            .addOrderBy('x.id', order);
          if (authors) query.leftJoinAndMapOne('x.joinedAuthor', User, 'author', 'author.id = x.author_id');
          const rows = await query.getMany();
          if (authors) {
            for (const row of rows as Array<E & { joinedAuthor?: User }>) {
              if (row.joinedAuthor) authors.prime(row.joinedAuthor.id, row.joinedAuthor);
              delete row.joinedAuthor;
            }
          }
          for (const key of group)
            rowsByKey.set(
              key,
              rows.filter((row) => parentOf(row) === key.parentId),
            );
        }),
      );
      const totals = await counts.loadMany(keys.map((k) => k.parentId));
      return keys.map((key, i) => {
        const total = totals[i];
        return toConnection(rowsByKey.get(key) ?? [], key.first, typeof total === 'number' ? total : 0);
      });
    },
    { cacheKeyFn: (key) => `${key.parentId}|${key.first}|${key.after ?? ''}` },
  );
}
