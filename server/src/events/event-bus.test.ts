import { ProposalStatus, Role } from '@commonweal/shared';
import { createLogger } from '../logger.js';
import { Topic, type DomainEvent } from '../graphql/pubsub.js';
import { inTransaction } from '../modules/shared/transaction.js';
import { Factory, seedProposal, startHarness, subscribe, type Harness } from '../test-support/harness.js';
import { EventBus, type Relay } from './event-bus.js';
import { connectRedis, disconnectRedis } from '../redis.js';
import { connectRedisRelay } from './redis-relay.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
/** The command connection the buses publish through, as an instance's is. */
const publisher = connectRedis(REDIS_URL, 'test-events', logger);
const FAST = { pollMs: 50, sweepMs: 60_000, retentionSeconds: 3600 };

describe('live events through the outbox', () => {
  let h: Harness;
  let f: Factory;
  let proposalId: string;
  const buses: EventBus[] = [];

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    const { fund } = await f.fund();
    const author = await f.user(Role.SOCIAL_ORGANIZATION);
    proposalId = (
      await seedProposal(h, { fundId: fund.id, authorId: author.user.id, status: ProposalStatus.CONSULTATION })
    ).id;
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    await disconnectRedis(publisher);
    await h.close();
  });

  /** A bus on the test database, like another server instance's; with Redis unless told otherwise. */
  async function instance(withRedis = true): Promise<EventBus> {
    const bus = new EventBus(h.db.dataSource, logger, FAST);
    const channel = `commonweal:events:test:${String(h.db.dataSource.driver.database)}`;
    const relay: Relay | null = withRedis ? connectRedisRelay(REDIS_URL, channel, bus, logger, publisher) : null;
    bus.start(relay);
    for (let waited = 0; relay && !relay.connected(); waited += 20) {
      if (waited > 5000) throw new Error(`Redis at ${REDIS_URL} did not answer`);
      await new Promise((r) => setTimeout(r, 20));
    }
    buses.push(bus);
    return bus;
  }

  const updated = (id = proposalId): DomainEvent => ({ topic: Topic.ProposalUpdated, payload: { proposalId: id } });
  const write = (bus: EventBus, ...events: DomainEvent[]) =>
    inTransaction(h.db.dataSource, bus, async (_em, emit) => events.forEach(emit));

  /** The next `n` events of a subscription, with a deadline. */
  async function take<T>(iterator: AsyncIterator<T>, n: number, timeoutMs = 5000): Promise<T[]> {
    const out: T[] = [];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`got ${out.length} of ${n} events`)), timeoutMs);
    });
    try {
      while (out.length < n) {
        const next = await Promise.race([iterator.next(), deadline]);
        if (next.done) break;
        out.push(next.value);
      }
    } finally {
      clearTimeout(timer);
    }
    return out;
  }

  it('numbers each stream 1, 2, 3 … in commit order, and a rolled-back change gives its number back', async () => {
    const bus = await instance(false);
    const stream = `${Topic.ProposalUpdated}:${proposalId}`;
    const before = await h.db.dataSource.query(
      `SELECT coalesce(max(seq), 0)::int AS n FROM event_outbox WHERE stream = $1`,
      [stream],
    );
    // 30 concurrent changes on one stream, every third rolled back after it took its number.
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        inTransaction(h.db.dataSource, bus, async (em, emit) => {
          emit(updated());
          if (i % 3 === 0) {
            await bus.record(em, [updated()]); // takes numbers, then the transaction fails
            throw new Error('rolled back');
          }
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    const rows: Array<{ seq: string }> = await h.db.dataSource.query(
      `SELECT seq FROM event_outbox WHERE stream = $1 AND seq > $2 ORDER BY seq`,
      [stream, before[0].n],
    );
    const seqs = rows.map((r) => Number(r.seq) - before[0].n);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('delivers an event to every instance once, in order, and fills a gap the relay left from the outbox', async () => {
    const [a, b] = [await instance(), await instance()];
    const quiet = await instance(false); // an instance whose events never reach Redis: a lost publish
    const id = (await h.db.dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
    const onA = a.subscribe(Topic.ProposalUpdated, id);
    const onB = b.subscribe(Topic.ProposalUpdated, id);
    await new Promise((r) => setTimeout(r, 100)); // positions read

    await write(a, updated(id), updated(id));
    await write(quiet, updated(id)); // reaches nobody live
    await write(b, updated(id)); // reveals the gap to A

    const seqs = async (it: AsyncIterator<{ seq: number }>) => (await take(it, 4)).map((e) => e.seq);
    expect(await seqs(onA)).toEqual([1, 2, 3, 4]);
    expect(await seqs(onB)).toEqual([1, 2, 3, 4]);
    // Nothing more: the relay's echo of each instance's own events was dropped as a duplicate.
    await write(a, updated(id));
    expect((await take(onA, 1))[0]!.seq).toBe(5);
    expect((await take(onB, 1))[0]!.seq).toBe(5);
    await onA.return!();
    await onB.return!();
  });

  it('catches up from the outbox what no relay carried', async () => {
    const listener = await instance(false);
    const writer = await instance(false);
    const id = (await h.db.dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
    const sub = listener.subscribe(Topic.ProposalUpdated, id);
    await new Promise((r) => setTimeout(r, 100));
    await write(writer, updated(id), updated(id), updated(id));
    await listener.catchUp();
    await listener.catchUp(); // twice: still once each
    expect((await take(sub, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 300));
    const extra = sub.next();
    await sub.return!(); // ends the wait: an event queued meanwhile would have been handed out first
    expect(await extra).toEqual({ done: true, value: undefined });
    await sub.return!();
  });

  it('tells a subscriber which event came before, so a gap the outbox cannot fill shows', async () => {
    const bus = await instance(false);
    const id = (await h.db.dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
    const positions: Array<{ seq: number; previous: number | null }> = [];
    const sub = bus.subscribe(Topic.ProposalUpdated, id, ({ seq, previous }) => positions.push({ seq, previous }));
    await write(bus, updated(id));
    // An event lost for good: its number taken, the event itself no longer in the outbox.
    await h.db.dataSource.query(`UPDATE event_streams SET last_seq = last_seq + 1 WHERE stream = $1`, [
      `${Topic.ProposalUpdated}:${id}`,
    ]);
    await write(bus, updated(id));
    await take(sub, 2);
    expect(positions).toEqual([
      { seq: 1, previous: 0 },
      { seq: 3, previous: 1 },
    ]);
    await sub.return!();
  });

  it('ends a waiting subscription at once when the subscriber leaves', async () => {
    const bus = await instance(false);
    const sub = bus.subscribe(Topic.ProposalUpdated, proposalId);
    const pending = sub.next();
    await sub.return!();
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  it('tells WebSocket subscribers the number of each event, so they can spot a gap', async () => {
    const { fund } = await f.fund();
    const author = await f.user(Role.SOCIAL_ORGANIZATION);
    const resident = await f.user(Role.RESIDENT);
    const p = await seedProposal(h, { fundId: fund.id, authorId: author.user.id, status: ProposalStatus.CONSULTATION });
    const s = subscribe<any>(
      h.ws(resident.token),
      `subscription($id: ID!) { commentAdded(proposalId: $id) { body } }`,
      {
        id: p.id,
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    const add = (body: string) =>
      h.gql(
        `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
        { i: { proposalId: p.id, body } },
        resident.token,
      );
    await add('first one');
    await add('second one');
    const got = [await s.next(), await s.next()] as Array<{ data: any; extensions?: any }>;
    expect(got.map((e) => e.data.commentAdded.body)).toEqual(['first one', 'second one']);
    expect(got.map((e) => e.extensions?.event)).toEqual([
      { seq: 1, previous: 0 },
      { seq: 2, previous: 1 },
    ]);
    s.dispose();
  });
});
