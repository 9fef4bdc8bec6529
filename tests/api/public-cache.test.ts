/**
 * The public query cache (server/src/graphql/public-cache.ts): anonymous
 * queries are answered again from memory only while the database has not
 * changed. Runs on a PostgreSQL cluster of its own, so nothing but this
 * server writes to it: "no write since" is then up to the test.
 *
 * An answer may still miss now and then for a write the test did not make
 * (the cluster's autovacuum analyzing a table takes a transaction id), so
 * "answered from the cache" is asked a few times; "not from the cache" and
 * "the fresh data" are asked once and must hold every time.
 */
import pg from 'pg';
import { startOwnCluster, type OwnCluster } from '../support/cluster.js';
import { DEMO, gql, login, ok, startServer, type StartedServer } from '../support/server.js';

const CACHE_HEADER = 'x-public-cache';
const MAX_AGE_MS = 3000;
const VOTE = `mutation($id: ID!, $choice: VoteChoice!) { castVote(proposalId: $id, choice: $choice) { id } }`;
const FEED = `query Feed($first: Int) { proposals(first: $first) { nodes { id title status votes { support oppose } } } }`;

interface Answer {
  cache: string | null;
  body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('public query cache', () => {
  let own: OwnCluster;
  let server: StartedServer;
  let db: pg.Client;
  let resident: string;

  const ask = async (query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> => {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { cache: res.headers.get(CACHE_HEADER), body: (await res.json()) as Answer['body'] };
  };

  /** Asks until the answer comes from the cache (see the file's note); fails if it never does. */
  const askUntilCached = async (query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    let last: Answer | null = null;
    for (let i = 0; i < 6; i++) {
      last = await ask(query, variables);
      if (last.cache === 'hit') return last;
      await sleep(200);
    }
    throw new Error(`never answered from the cache; last: ${JSON.stringify(last)}`);
  };

  beforeAll(async () => {
    own = await startOwnCluster('public-cache');
    server = await startServer({ adminUrl: own.adminUrl, env: { PUBLIC_CACHE_MAX_AGE_MS: String(MAX_AGE_MS) } });
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    resident = await login(server.graphqlUrl, DEMO.resident);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
    await own?.remove();
  });

  it('answers the same anonymous query from the cache while nothing changed, and never a signed-in one', async () => {
    const first = await ask(FEED, { first: 10 });
    expect(ok(first.body as any)).toBeTruthy();
    const again = await askUntilCached(FEED, { first: 10 });
    expect(again.body).toEqual(first.body);
    // Other variables are another answer.
    const other = await ask(FEED, { first: 3 });
    expect(other.cache).toBe('miss');
    expect(other.body.data.proposals.nodes).toEqual(first.body.data.proposals.nodes.slice(0, 3));
    // A signed-in viewer's answer may depend on who asks: never looked up, never kept.
    const signedIn = await ask(FEED, { first: 10 }, resident);
    expect(signedIn.cache).toBeNull();
    expect(signedIn.body.data.proposals.nodes.map((p: any) => p.id)).toEqual(
      first.body.data.proposals.nodes.map((p: any) => p.id),
    );
  });

  it('misses after a write through the API and shows it', async () => {
    const before = await askUntilCached(FEED, { first: 10 });
    const open = before.body.data.proposals.nodes.find((p: any) => p.status === 'CONSULTATION');
    expect(open).toBeDefined();
    // The opposite of the resident's vote so far, so the tally surely changes.
    const mine = ok(
      await gql(server.graphqlUrl, `query($id: ID!) { proposal(id: $id) { viewerVote } }`, { id: open.id }, resident),
    );
    const choice = mine.proposal.viewerVote === 'OPPOSE' ? 'SUPPORT' : 'OPPOSE';
    ok(await gql(server.graphqlUrl, VOTE, { id: open.id, choice }, resident));
    const after = await ask(FEED, { first: 10 });
    expect(after.cache).toBe('miss');
    const now = after.body.data.proposals.nodes.find((p: any) => p.id === open.id);
    expect(now.votes[choice === 'OPPOSE' ? 'oppose' : 'support']).toBe(
      open.votes[choice === 'OPPOSE' ? 'oppose' : 'support'] + 1,
    );
  });

  it('misses after a write made outside the API, however it was made', async () => {
    const before = await askUntilCached(FEED, { first: 10 });
    const target = before.body.data.proposals.nodes[0];
    await db.query(`UPDATE proposals SET title = title || ' (edited by hand)' WHERE id = $1`, [target.id]);
    const after = await ask(FEED, { first: 10 });
    expect(after.cache).toBe('miss');
    expect(after.body.data.proposals.nodes[0].title).toBe(`${target.title} (edited by hand)`);
  });

  it('never serves an answer computed before a write that was in flight and committed later', async () => {
    const before = await askUntilCached(FEED, { first: 10 });
    const target = before.body.data.proposals.nodes[1];
    await db.query('BEGIN');
    await db.query(`UPDATE proposals SET title = 'Committed later' WHERE id = $1`, [target.id]);
    // Computed while the write is in flight: the old title, and kept.
    const during = await ask(FEED, { first: 10 });
    expect(during.body.data.proposals.nodes[1].title).toBe(target.title);
    const duringAgain = await askUntilCached(FEED, { first: 10 });
    expect(duringAgain.body.data.proposals.nodes[1].title).toBe(target.title);
    await db.query('COMMIT');
    const after = await ask(FEED, { first: 10 });
    expect(after.cache).toBe('miss');
    expect(after.body.data.proposals.nodes[1].title).toBe('Committed later');
  });

  it('keeps no answer with errors, and no answer longer than the maximum age', async () => {
    const bad = `query { proposal(id: "not-an-id") { id } }`;
    expect((await ask(bad)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badAgain = await ask(bad);
    expect(badAgain.cache).toBe('miss');
    expect(badAgain.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await askUntilCached(FEED, { first: 7 });
    await sleep(MAX_AGE_MS + 200);
    expect((await ask(FEED, { first: 7 })).cache).toBe('miss');
  });

  it('counts hits and misses in /metrics', async () => {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const count = (result: string) =>
      Number(new RegExp(`commonweal_public_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('hit')).toBeGreaterThanOrEqual(4);
    expect(count('miss')).toBeGreaterThanOrEqual(6);
  });
});
