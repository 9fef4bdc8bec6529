import type { DataSource, EntityManager } from 'typeorm';
import { keyOf, type DomainEvent } from '../graphql/pubsub.js';

/** An event as the outbox stored it: numbered within its stream. */
export type StoredEvent = DomainEvent & {
  /** Topic and key, e.g. `COMMENT_ADDED:<proposal id>`: what one subscription listens to. */
  stream: string;
  /** 1, 2, 3 … within the stream, in commit order, without gaps. */
  seq: number;
};

export const streamOf = (event: DomainEvent): string => `${event.topic}:${keyOf(event)}`;

interface Row {
  stream: string;
  seq: string;
  topic: string;
  payload: unknown;
}

const toStored = (row: Row): StoredEvent =>
  ({ topic: row.topic, payload: row.payload, stream: row.stream, seq: Number(row.seq) }) as StoredEvent;

/**
 * Writes a transaction's events to the outbox, in that transaction, in one
 * statement: each stream's counter is raised by its number of events (locking
 * the counter row until commit, which keeps numbers in commit order), and the
 * events are stored under the numbers taken. Streams are locked in sorted
 * order so two transactions never wait on each other's counters crosswise.
 */
export async function recordEvents(em: EntityManager, events: readonly DomainEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const streams = events.map(streamOf);
  const rows: Array<{ stream: string; last_seq: string }> = await em.query(
    `WITH ev AS (
       SELECT stream, topic, payload, ord
       FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS e(stream, topic, payload, ord)
     ), counts AS (
       SELECT stream, count(*) AS n FROM ev GROUP BY stream
     ), bumped AS (
       INSERT INTO event_streams AS s (stream, last_seq)
       SELECT stream, n FROM counts ORDER BY stream
       ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
       RETURNING s.stream, s.last_seq
     ), written AS (
       INSERT INTO event_outbox (stream, seq, topic, payload)
       SELECT ev.stream, b.last_seq - c.n + row_number() OVER (PARTITION BY ev.stream ORDER BY ev.ord), ev.topic, ev.payload
       FROM ev JOIN bumped b USING (stream) JOIN counts c USING (stream)
     )
     SELECT stream, last_seq FROM bumped`,
    [streams, events.map((e) => e.topic), events.map((e) => JSON.stringify(e.payload))],
  );
  // Events of one stream took the numbers last - n + 1 … last, in the order they were recorded.
  const counts = new Map<string, number>();
  for (const stream of streams) counts.set(stream, (counts.get(stream) ?? 0) + 1);
  const next = new Map(rows.map((row) => [row.stream, Number(row.last_seq) - counts.get(row.stream)! + 1]));
  return events.map((event, i) => {
    const stream = streams[i]!;
    const seq = next.get(stream)!;
    next.set(stream, seq + 1);
    return { ...event, stream, seq } as StoredEvent;
  });
}

/** The last number taken in each stream (0 for a stream without events yet). */
export async function lastSeqs(ds: DataSource, streams: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ stream: string; last_seq: string }> = await ds.query(
    `SELECT stream, last_seq FROM event_streams WHERE stream = ANY($1::text[])`,
    [streams],
  );
  return new Map(rows.map((r) => [r.stream, Number(r.last_seq)]));
}

/** Events of the given streams after the given numbers, oldest first, at most `limit`. */
export async function eventsAfter(
  ds: DataSource,
  after: ReadonlyMap<string, number>,
  limit: number,
): Promise<StoredEvent[]> {
  if (after.size === 0) return [];
  const rows: Row[] = await ds.query(
    `SELECT o.stream, o.seq, o.topic, o.payload
     FROM unnest($1::text[], $2::bigint[]) AS t(stream, seq)
     JOIN event_outbox o ON o.stream = t.stream AND o.seq > t.seq
     ORDER BY o.stream, o.seq
     LIMIT $3`,
    [[...after.keys()], [...after.values()], limit],
  );
  return rows.map(toStored);
}

/** Events of one stream numbered above `after` and below `before`. */
export async function eventsBetween(
  ds: DataSource,
  stream: string,
  after: number,
  before: number,
): Promise<StoredEvent[]> {
  const rows: Row[] = await ds.query(
    `SELECT stream, seq, topic, payload FROM event_outbox
     WHERE stream = $1 AND seq > $2 AND seq < $3 ORDER BY seq`,
    [stream, after, before],
  );
  return rows.map(toStored);
}

/** Drops events older than `retentionSeconds`; the streams' counters stay. */
export async function pruneEvents(ds: DataSource, retentionSeconds: number): Promise<number> {
  const result: [unknown[], number] = await ds.query(
    `DELETE FROM event_outbox WHERE created_at < now() - make_interval(secs => $1)`,
    [retentionSeconds],
  );
  return result[1];
}
