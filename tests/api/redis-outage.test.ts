/**
 * Redis goes away for 30 s under three server instances sharing PostgreSQL
 * and Redis. Queries and mutations keep working, sockets stay open,
 * subscribers on the instance that made a change hear of it at once, and no
 * event is lost across instances: every event is in the outbox before it is
 * published, instance B polls the outbox while Redis is away, and instance C
 * (which never polls) catches up as soon as Redis is back. Every subscriber
 * ends up with every event exactly once, numbered without a gap.
 */
import { startRedis, type TestRedis } from '../support/redis.js';
import { apiFor, DEMO, login, ok, startServer, unique, wsClient, type StartedServer } from '../support/server.js';
import type { WsClientHandle } from '../support/ws.js';

const OUTAGE_MS = 30_000;
const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let redis: TestRedis;
const servers: StartedServer[] = [];
const sockets: WsClientHandle[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const a = await startServer({ adminUrl: ADMIN_URL, env: { REDIS_URL: redis.url, EVENTS_POLL_MS: '500' } });
  const shared = { databaseUrl: a.databaseUrl, jwtSecret: a.jwtSecret };
  const b = await startServer({ ...shared, env: { REDIS_URL: redis.url, EVENTS_POLL_MS: '500' } });
  // C never polls: what it misses while Redis is away it can only get from the catch-up when Redis returns.
  const c = await startServer({
    ...shared,
    env: { REDIS_URL: redis.url, EVENTS_POLL_MS: '600000', EVENTS_SWEEP_MS: '600000' },
  });
  servers.push(a, b, c);
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  // B and C first: A created the database and drops it when it stops.
  for (const server of [...servers].reverse()) await server.stop();
  await redis?.stop();
});

const COMMENTS = 'subscription($id: ID!) { commentAdded(proposalId: $id) { body } }';
const LEDGER = 'subscription($id: ID!) { ledgerEntryPosted(fundId: $id) { amount { minorUnits } } }';

/** Everything one subscription received, in order, with the event numbers. */
interface Log {
  values: unknown[];
  seqs: Array<number | undefined>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(50);
  }
}

it('loses no event while Redis is away for 30 s', async () => {
  const [a, b, c] = servers as [StartedServer, StartedServer, StartedServer];
  const api = { a: apiFor(a), b: apiFor(b), c: apiFor(c) };
  const token = await login(a.graphqlUrl, DEMO.resident);
  const fundId = ok(await api.a.gql('{ funds { id } }')).funds[0].id as string;
  const proposalId = ok(await api.a.gql('{ proposals(status: [CONSULTATION]) { nodes { id } } }')).proposals.nodes[0]
    .id as string;
  const campaignId = ok(
    await api.a.gql('query($id: ID!) { campaigns(fundId: $id) { id status } }', { id: fundId }),
  ).campaigns.find((x: { status: string }) => x.status === 'OPEN').id as string;

  // A subscriber on every instance, to the comments of one proposal and to the fund's ledger.
  const closed: string[] = [];
  const failures: unknown[] = [];
  const collect = (handle: WsClientHandle, query: string, pick: (data: any) => unknown): Log => {
    const log: Log = { values: [], seqs: [] };
    handle.client.subscribe(
      { query, variables: { id: query === COMMENTS ? proposalId : fundId } },
      {
        next: (r) => {
          log.values.push(pick(r.data));
          log.seqs.push((r.extensions as { event?: { seq: number } } | undefined)?.event?.seq);
        },
        error: (e) => failures.push(e),
        complete: () => failures.push('completed'),
      },
    );
    return log;
  };
  const listen = async (server: StartedServer, name: string) => {
    const handle = wsClient(server.wsUrl, token);
    sockets.push(handle);
    await handle.connected;
    handle.client.on('closed', () => closed.push(name));
    return {
      comments: collect(handle, COMMENTS, (d) => d.commentAdded.body),
      ledger: collect(handle, LEDGER, (d) => d.ledgerEntryPosted.amount.minorUnits),
    };
  };
  const subs = { a: await listen(a, 'a'), b: await listen(b, 'b'), c: await listen(c, 'c') };
  await sleep(300); // subscriptions registered

  const posted: string[] = [];
  const donated: number[] = [];
  const comment = async (server: 'a' | 'b', label: string) => {
    const body = `${label} ${unique()}`;
    ok(
      await api[server].gql(
        'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
        { i: { proposalId, body } },
        token,
      ),
    );
    posted.push(body);
    return body;
  };
  const donate = async (amountMinor: number) => {
    ok(
      await api.a.gql('mutation($i: DonateInput!) { donate(input: $i) { id } }', {
        i: { campaignId, amountMinor, displayName: 'Outage', idempotencyKey: `outage-${unique()}` },
      }),
    );
    donated.push(amountMinor);
  };
  const has = (log: Log, value: unknown) => () => log.values.includes(value);

  // Redis up: a comment reaches all three at once.
  const first = await comment('a', 'before');
  for (const [name, s] of Object.entries(subs))
    await eventually(has(s.comments, first), 3000, `${name} hears ${first}`);

  // Redis away for 30 s, while comments and donations go on through A and B and everyone reads.
  await redis.stop();
  const until = Date.now() + OUTAGE_MS;
  let round = 0;
  while (Date.now() < until) {
    const body = await comment(round % 2 === 0 ? 'a' : 'b', `during ${round}`);
    const own = round % 2 === 0 ? subs.a : subs.b;
    // The instance that made the change tells its own subscribers at once.
    await eventually(has(own.comments, body), 1000, `the posting instance's subscriber hears ${body}`);
    await donate(100 + round);
    ok(await api.c.gql('query($id: ID!) { fund(id: $id) { balance { minorUnits } } }', { id: fundId }));
    round++;
    await sleep(1000);
  }
  expect(round).toBeGreaterThan(10);
  // B polls the outbox: it has every comment, also those posted through A. C never polls:
  // it has heard of none since Redis went away (so Redis really was away).
  await eventually(() => subs.b.comments.values.length === posted.length, 2000, 'B caught up by polling');
  expect(subs.b.comments.values).toEqual(posted);
  expect(subs.c.comments.values).toEqual([first]);

  // Redis back: C catches up from the outbox, then events flow through Redis again.
  await redis.start();
  await eventually(() => subs.c.comments.values.length === posted.length, 10_000, 'C caught up when Redis returned');
  const last = await comment('b', 'after');
  for (const [name, s] of Object.entries(subs)) await eventually(has(s.comments, last), 5000, `${name} hears ${last}`);
  await sleep(1000); // room for a stray duplicate to show up

  // Every subscriber: every comment and donation once, in commit order, numbered without a gap.
  const consecutive = (seqs: Array<number | undefined>) =>
    seqs.every((seq, i) => typeof seq === 'number' && (i === 0 || seq === seqs[i - 1]! + 1));
  for (const s of Object.values(subs)) {
    expect(s.comments.values).toEqual(posted);
    expect(consecutive(s.comments.seqs)).toBe(true);
    expect(s.ledger.values).toEqual(donated);
    expect(consecutive(s.ledger.seqs)).toBe(true);
  }
  expect(closed).toEqual([]);
  expect(failures).toEqual([]);
}, 120_000);
