import DataLoader from 'dataloader';
import { notFound } from '../../graphql/errors.js';

/** Results in key order; a missing row is null. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Results in key order, grouped; a key without rows gets []. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** A loader of entities by id (one `WHERE id = ANY($1)` per batch). */
export function idLoader<V extends { id: string }>(
  fetch: (ids: string[]) => Promise<V[]>,
): DataLoader<string, V | null> {
  return new DataLoader(async (ids) => byKey(ids, await fetch([...ids]), (row) => row.id));
}

/** The part of a by-id loader the resolvers use. */
export interface ByIdLoader<V> {
  load(id: string): Promise<V | null>;
  loadMany(ids: readonly string[]): Promise<Array<V | null | Error>>;
}

/**
 * A viewer's view of a shared by-id loader: rows the viewer may not see are
 * null, as if they did not exist. The rows are fetched once for everyone.
 */
export function visibleOnly<V>(rows: ByIdLoader<V>, visible: (row: V) => boolean): ByIdLoader<V> {
  const keep = (row: V | null | Error) => (row === null || row instanceof Error || visible(row) ? row : null);
  return {
    load: async (id) => keep(await rows.load(id)) as V | null,
    loadMany: async (ids) => (await rows.loadMany(ids)).map(keep),
  };
}

/** A loader answering from another one's rows: no statement of its own, whoever loads first. */
export function derivedLoader<S, V>(source: DataLoader<string, S>, pick: (row: S) => V): DataLoader<string, V> {
  return new DataLoader(async (keys) =>
    (await source.loadMany(keys)).map((row) => (row instanceof Error ? row : pick(row))),
  );
}

/** For non-null relations: the loaded row, or NOT_FOUND if it vanished. */
export async function required<V>(loading: Promise<V | null>, what: string): Promise<V> {
  const value = await loading;
  if (value === null) throw notFound(what);
  return value;
}
