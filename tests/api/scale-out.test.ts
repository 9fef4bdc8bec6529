/**
 * Several server instances on one PostgreSQL and one Redis, as the docker
 * stack runs them: started at the same moment on an empty database they
 * migrate and seed once; a comment posted on one reaches subscribers on the
 * others; donations sent to both leave the ledger exact.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  apiFor,
  DEMO,
  ledgerVerify,
  login,
  ok,
  startServer,
  subscribe,
  unique,
  wsClient,
  type StartedServer,
} from '../support/server.js';
import type { WsClientHandle } from '../support/ws.js';

const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const name = `cw_scale_${randomBytes(6).toString('hex')}`;
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const servers: StartedServer[] = [];
const sockets: WsClientHandle[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  // Three instances at once on the empty database, each told to seed the demo data.
  const jwtSecret = randomBytes(32).toString('hex');
  const env = { REDIS_URL, SEED_DEMO: 'true' };
  servers.push(...(await Promise.all([1, 2, 3].map(() => startServer({ databaseUrl, jwtSecret, env })))));
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await Promise.all(servers.map((s) => s.stop()));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});

it('instances starting together migrate and seed the database once', async () => {
  const counts = await admin(async (c) => {
    const { rows } = await c.query<{ funds: number; admins: number; migrations: number; distinct: number }>(
      `SELECT (SELECT count(*) FROM funds)::int AS funds,
              (SELECT count(*) FROM users WHERE email = $1)::int AS admins,
              (SELECT count(*) FROM migrations)::int AS migrations,
              (SELECT count(DISTINCT name) FROM migrations)::int AS distinct`,
      [DEMO.admin],
    );
    return rows[0]!;
  }, databaseUrl);
  expect(counts.funds).toBe(1);
  expect(counts.admins).toBe(1);
  expect(counts.migrations).toBe(counts.distinct);
  for (const server of servers) expect(server.output()).not.toMatch(/error/i);
});

it('a comment posted on one instance reaches subscribers on the others, once', async () => {
  const [a, b, c] = servers as [StartedServer, StartedServer, StartedServer];
  const token = await login(a.graphqlUrl, DEMO.resident);
  const proposalId = ok(await apiFor(b).gql('{ proposals(status: [CONSULTATION]) { nodes { id } } }')).proposals
    .nodes[0].id as string;
  const listeners = [];
  for (const server of [b, c]) {
    const handle = wsClient(server.wsUrl, token);
    sockets.push(handle);
    await handle.connected;
    listeners.push(
      subscribe(handle.client, 'subscription($id: ID!) { commentAdded(proposalId: $id) { body } }', { id: proposalId }),
    );
  }
  await new Promise((r) => setTimeout(r, 300));
  const body = `Across instances ${unique()}`;
  ok(
    await apiFor(a).gql(
      'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
      { i: { proposalId, body } },
      token,
    ),
  );
  for (const listener of listeners) {
    const event = await listener.next(5000);
    expect(event.data?.commentAdded.body).toBe(body);
    expect(typeof event.extensions?.event?.seq).toBe('number');
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const listener of listeners) expect(listener.pending()).toEqual([]); // not twice
});

it('donations sent to two instances at once leave the ledger exact', async () => {
  const [a, b] = servers as [StartedServer, StartedServer];
  const fundId = ok(await apiFor(a).gql('{ funds { id } }')).funds[0].id as string;
  const campaignQuery = 'query($id: ID!) { campaigns(fundId: $id) { id status raised { minorUnits } } }';
  const campaign = ok(await apiFor(a).gql(campaignQuery, { id: fundId })).campaigns.find(
    (x: { status: string }) => x.status === 'OPEN',
  );
  const balance = async () =>
    Number(
      ok(await apiFor(b).gql('query($id: ID!) { fund(id: $id) { balance { minorUnits } } }', { id: fundId })).fund
        .balance.minorUnits,
    );
  const before = { raised: Number(campaign.raised.minorUnits), balance: await balance() };

  const amounts = Array.from({ length: 40 }, (_, i) => 100 + i);
  await Promise.all(
    amounts.map(async (amountMinor, i) =>
      ok(
        await apiFor(i % 2 === 0 ? a : b).gql('mutation($i: DonateInput!) { donate(input: $i) { id } }', {
          i: { campaignId: campaign.id, amountMinor, displayName: 'Scale', idempotencyKey: `scale-${unique()}-${i}` },
        }),
      ),
    ),
  );
  const total = amounts.reduce((sum, x) => sum + x, 0);
  const after = ok(await apiFor(b).gql(campaignQuery, { id: fundId })).campaigns.find(
    (x: { id: string }) => x.id === campaign.id,
  );
  expect(Number(after.raised.minorUnits) - before.raised).toBe(total);
  expect((await balance()) - before.balance).toBe(total);
  const cli = await ledgerVerify(databaseUrl);
  expect(cli.output).not.toMatch(/BROKEN/);
  expect(cli.code).toBe(0);
});
