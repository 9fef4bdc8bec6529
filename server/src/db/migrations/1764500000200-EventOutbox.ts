import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event outbox: every live event is written here in the transaction of
 * the change it announces, numbered within its stream (topic + key, e.g. the
 * comments of one proposal), and only then published. Redis pub/sub is
 * at-most-once; the outbox is what instances and clients catch up from.
 *
 * `event_streams` holds each stream's last number. Taking the next one locks
 * that row until commit, so within a stream numbers commit in order and a
 * rolled-back change gives its number back: a stream has no gaps.
 */
export class EventOutbox1764500000200 implements MigrationInterface {
  name = 'EventOutbox1764500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_streams (
        stream text PRIMARY KEY,
        last_seq bigint NOT NULL CHECK (last_seq > 0)
      )`);
    await q.query(`
      CREATE TABLE event_outbox (
        stream text NOT NULL,
        seq bigint NOT NULL,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream, seq)
      )`);
    await q.query(`CREATE INDEX event_outbox_created_at ON event_outbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS event_outbox`);
    await q.query(`DROP TABLE IF EXISTS event_streams`);
  }
}
