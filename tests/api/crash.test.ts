/**
 * Crashes under a stream of writes, from the hardening list:
 *
 * 1. The server is killed with SIGKILL while concurrent clients donate and
 *    comment. After a restart on the same database every write a client saw
 *    acknowledged is there exactly once, an unacknowledged one at most once,
 *    and retrying the unacknowledged donations with their idempotency keys
 *    records none of them twice.
 * 2. PostgreSQL stops immediately (SIGQUIT to the postmaster: no checkpoint,
 *    crash recovery on the next start) under a donation stream. Every
 *    acknowledged donation survives; the in-flight ones fail with the clear
 *    "database unavailable" error, and the clients' retries with the same
 *    keys reconcile them. One donation is committed but never acknowledged
 *    on every run, not by luck: commits are held in a synchronous-replication
 *    wait for a standby that never connects (committed locally, not yet
 *    answered) when PostgreSQL goes down. Its retry must return the same
 *    donation.
 *
 * Both end with the ledger verified by the API and the ledger-verify CLI,
 * the fund balance equal to the sum of its entries and the campaign's raised
 * total equal to the sum of its donations. Counts go to the test output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startOwnCluster, type OwnCluster } from '../support/cluster.js';
import {
  apiFor,
  ledgerVerify,
  ok,
  startServer,
  unique,
  type Api,
  type GqlError,
  type StartedServer,
} from '../support/server.js';

const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = 8;
const DONORS = 6;

const DONATE = `mutation Donate($input: DonateInput!) { donate(input: $input) { id donorName amount { minorUnits } } }`;
const ADD_COMMENT = `mutation Comment($input: AddCommentInput!) { addComment(input: $input) { id body } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One write a client sends, and what it was told about it. */
interface Write {
  kind: 'donation' | 'comment';
  /** The idempotency key (donations); the comment's body doubles as its key. */
  key: string;
  /** How the API shows it: the donor name, or the comment body. */
  label: string;
  amountMinor: number;
  ackId: string | null;
  failures: string[];
}

const donation = (prefix: string, client: number, n: number, base: number): Write => ({
  kind: 'donation',
  key: `${prefix}-c${client}-d${n}`,
  label: `${prefix} donor ${client}.${n}`,
  // Distinct per donation, so a lost or doubled one shows in the sums too.
  amountMinor: base + client * 1_000 + n,
  ackId: null,
  failures: [],
});

const comment = (prefix: string, client: number, n: number): Write => {
  const body = `${prefix} comment ${client}.${n}`;
  return { kind: 'comment', key: body, label: body, amountMinor: 0, ackId: null, failures: [] };
};

type Outcome = { ok: true; id: string } | { ok: false; reason: string };

/**
 * One GraphQL call that gives up after 15 s: a crash must end in an answer
 * or a dropped connection, never a hang ('no answer' says which it was).
 */
async function send(url: string, query: string, variables: object, token?: string): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json()) as { data?: Record<string, { id: string }> | null; errors?: GqlError[] };
    const error = body.errors?.[0];
    if (error) return { ok: false, reason: String(error.extensions?.['reason'] ?? error.extensions?.code) };
    return { ok: true, id: Object.values(body.data ?? {})[0]!.id };
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, reason: name === 'TimeoutError' ? 'no answer' : 'connection lost' };
  }
}

function donate(url: string, w: Write, campaignId: string): Promise<Outcome> {
  return send(url, DONATE, {
    input: { campaignId, amountMinor: w.amountMinor, displayName: w.label, idempotencyKey: w.key },
  });
}

function postComment(url: string, w: Write, proposalId: string, token: string): Promise<Outcome> {
  return send(url, ADD_COMMENT, { input: { proposalId, body: w.label } }, token);
}

function record(w: Write, outcome: Outcome): void {
  if (outcome.ok) w.ackId = outcome.id;
  else w.failures.push(outcome.reason);
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

// ---------------------------------------------------------------- reading back

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a connection, 100 at a time. */
async function allPages<T>(
  api: Api,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Page<T>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = pick(ok(await api.gql(query, { ...variables, after })));
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

interface DonationNode {
  id: string;
  donorName: string;
  amount: { minorUnits: number };
}

const campaignDonations = (api: Api, id: string) =>
  allPages<DonationNode>(
    api,
    `query D($id: ID!, $after: String) { campaign(id: $id) { donations(first: 100, after: $after) {
       nodes { id donorName amount { minorUnits } } pageInfo { hasNextPage endCursor } } } }`,
    { id },
    (d) => d.campaign.donations,
  );

const proposalComments = (api: Api, id: string) =>
  allPages<{ id: string; body: string }>(
    api,
    `query C($id: ID!, $after: String) { proposal(id: $id) { comments(first: 100, after: $after) {
       nodes { id body } pageInfo { hasNextPage endCursor } } } }`,
    { id },
    (d) => d.proposal.comments,
  );

interface Entry {
  sequence: number;
  kind: string;
  direction: 'IN' | 'OUT';
  amount: { minorUnits: number };
  balanceAfter: { minorUnits: number };
  counterparty: string;
}

const ledgerEntries = (api: Api, fundId: string) =>
  allPages<Entry>(
    api,
    `query L($fundId: ID!, $after: String) { ledger(fundId: $fundId, first: 100, after: $after) {
       nodes { sequence kind direction amount { minorUnits } balanceAfter { minorUnits } counterparty }
       pageInfo { hasNextPage endCursor } } }`,
    { fundId },
    (d) => d.ledger,
  );

async function campaignRaised(api: Api, id: string): Promise<{ raised: number; donorCount: number }> {
  const { campaign } = ok(
    await api.gql('query R($id: ID!) { campaign(id: $id) { raised { minorUnits } donorCount } }', { id }),
  );
  return { raised: campaign.raised.minorUnits, donorCount: campaign.donorCount };
}

/** The open campaign and the proposal in consultation from the demo seed. */
async function demoTargets(api: Api): Promise<{ fundId: string; campaignId: string; proposalId: string }> {
  const fundId = ok(await api.gql('{ funds { id } }')).funds[0].id as string;
  const campaigns = ok(
    await api.gql('query C($id: ID!) { campaigns(fundId: $id) { id title status } }', { id: fundId }),
  ).campaigns as Array<{ id: string; title: string; status: string }>;
  const campaign = campaigns.find((c) => c.title === 'Lunch for our elders')!;
  expect(campaign.status).toBe('OPEN');
  const proposals = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 50) { nodes { id title } } }'))
    .proposals.nodes as Array<{ id: string; title: string }>;
  const proposal = proposals.find((p) => /building 3 lift/i.test(p.title))!;
  return { fundId, campaignId: campaign.id, proposalId: proposal.id };
}

/** A short-lived connection: the crash tests must not leave one open to a dying PostgreSQL. */
async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a connection cut by the crash is expected, not a test failure
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The donation rows per idempotency key, straight from the database (the API does not show keys). */
async function donationRows(url: string, prefix: string): Promise<Map<string, { ids: string[]; posted: number }>> {
  const rows: Array<{ key: string; ids: string[]; posted: number }> = await withPg(url, async (c) => {
    const result = await c.query(
      `SELECT idempotency_key AS key, array_agg(id::text) AS ids, count(ledger_entry_id)::int AS posted
         FROM donations WHERE idempotency_key LIKE $1 GROUP BY idempotency_key`,
      [`${prefix}-%`],
    );
    return result.rows;
  });
  return new Map(rows.map((r) => [r.key, { ids: r.ids, posted: r.posted }]));
}

/**
 * The books after the crash: every donation of the run exactly once (by key
 * in the database, by name in the API's donations and ledger), each posted
 * to the ledger; the campaign's raised total is the sum of its donations and
 * grew by exactly what the clients meant to give; the fund's balance is the
 * sum of its entries; the hash chain verifies through the API and the CLI.
 */
async function expectBooksBalance(
  api: Api,
  databaseUrl: string,
  ids: { fundId: string; campaignId: string },
  prefix: string,
  donations: Write[],
  raisedBefore: number,
): Promise<void> {
  const rows = await donationRows(databaseUrl, prefix);
  expect([...rows.keys()].sort()).toEqual(donations.map((w) => w.key).sort());
  expect(donations.filter((w) => rows.get(w.key)?.ids.length !== 1 || rows.get(w.key)?.ids[0] !== w.ackId)).toEqual([]);
  expect([...rows.values()].every((r) => r.posted === 1)).toBe(true);

  const listed = await campaignDonations(api, ids.campaignId);
  const entries = await ledgerEntries(api, ids.fundId);
  for (const w of donations) {
    expect(listed.filter((d) => d.donorName === w.label).map((d) => [d.id, d.amount.minorUnits])).toEqual([
      [w.ackId, w.amountMinor],
    ]);
    expect(entries.filter((e) => e.kind === 'DONATION' && e.counterparty === w.label)).toHaveLength(1);
  }

  const intended = donations.reduce((sum, w) => sum + w.amountMinor, 0);
  const { raised, donorCount } = await campaignRaised(api, ids.campaignId);
  expect(raised).toBe(raisedBefore + intended);
  expect(raised).toBe(listed.reduce((sum, d) => sum + d.amount.minorUnits, 0));
  expect(donorCount).toBe(listed.length);

  const sum = entries.reduce((s, e) => s + (e.direction === 'IN' ? e.amount.minorUnits : -e.amount.minorUnits), 0);
  expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => entries.length - i));
  expect(entries[0]!.balanceAfter.minorUnits).toBe(sum);
  const { fund, verifyLedger } = ok(
    await api.gql(
      `query V($id: ID!) { fund(id: $id) { balance { minorUnits } }
         verifyLedger(fundId: $id) { valid entriesChecked firstBrokenSequence problem } }`,
      { id: ids.fundId },
    ),
  );
  expect(fund.balance.minorUnits).toBe(sum);
  expect(verifyLedger).toEqual({
    valid: true,
    entriesChecked: entries.length,
    firstBrokenSequence: null,
    problem: null,
  });

  const cli = await ledgerVerify(databaseUrl);
  expect(cli.output).toMatch(new RegExp(`^OK .*: ${entries.length} entries verified$`, 'm'));
  expect(cli.output).not.toMatch(/BROKEN/);
  expect(cli.code).toBe(0);
}

// ---------------------------------------------------------------- 1. the server is killed

describe('the server killed with SIGKILL mid-stream', () => {
  let first: StartedServer | undefined;
  let second: StartedServer | undefined;

  afterAll(async () => {
    await second?.stop(); // leaves the database in place
    await first?.stop(); // drops it
  });

  it('keeps every acknowledged donation and comment exactly once, and retried donations are not doubled', async () => {
    first = await startServer({ adminUrl: ADMIN_URL });
    const api1 = apiFor(first);
    const tokens = await api1.demoTokens();
    const commenters = [tokens.resident, tokens.resident2, tokens.ngo];
    const ids = await demoTargets(api1);
    const { raised: raisedBefore } = await campaignRaised(api1, ids.campaignId);
    const prefix = `kill-${unique()}`;

    // Eight clients, each alternating a donation and a comment, back to back.
    const writes: Write[] = [];
    const inFlight = new Set<Write>();
    let killed = false;
    const client = async (k: number) => {
      for (let n = 0; !killed; n++) {
        const w = n % 2 === 0 ? donation(prefix, k, n, 10_000) : comment(prefix, k, n);
        writes.push(w);
        inFlight.add(w);
        const url = first!.graphqlUrl;
        record(
          w,
          w.kind === 'donation'
            ? await donate(url, w, ids.campaignId)
            : await postComment(url, w, ids.proposalId, commenters[k % commenters.length]!),
        );
        inFlight.delete(w);
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, k) => client(k));
    await until(() => writes.filter((w) => w.ackId).length >= 60, 30_000, '60 acknowledged writes');
    killed = true;
    const inFlightAtKill = inFlight.size;
    const exit = await first.signal('SIGKILL'); // sent before any in-flight answer can be read
    await Promise.all(clients);
    expect(exit.signal).toBe('SIGKILL');
    expect(inFlightAtKill).toBeGreaterThan(0);
    // Before the kill nothing failed; after it, only the dropped connections.
    expect(writes.flatMap((w) => w.failures).filter((f) => f !== 'connection lost')).toEqual([]);

    second = await startServer({ databaseUrl: first.databaseUrl, jwtSecret: first.jwtSecret });
    const api2 = apiFor(second);
    const databaseUrl = first.databaseUrl;

    // Acknowledged: there exactly once, with the id the client was given. Not acknowledged: at most once.
    const listed = {
      donation: (await campaignDonations(api2, ids.campaignId)).map((d) => ({ id: d.id, label: d.donorName })),
      comment: (await proposalComments(api2, ids.proposalId)).map((c) => ({ id: c.id, label: c.body })),
    };
    const shown = (w: Write) => listed[w.kind].filter((x) => x.label === w.label).map((x) => x.id);
    expect(writes.filter((w) => w.ackId).filter((w) => shown(w).join() !== w.ackId)).toEqual([]);
    expect(writes.filter((w) => !w.ackId && shown(w).length > 1)).toEqual([]);
    const rows = await donationRows(databaseUrl, prefix);
    const donations = writes.filter((w) => w.kind === 'donation');
    expect(donations.filter((w) => (rows.get(w.key)?.ids ?? []).join() !== shown(w).join())).toEqual([]);

    // Retried with the same keys, the unacknowledged donations end up there once; committed ones keep their id.
    const unacked = donations.filter((w) => !w.ackId);
    const committedUnacked = unacked.filter((w) => rows.has(w.key));
    for (const w of unacked) {
      const outcome = await donate(second.graphqlUrl, w, ids.campaignId);
      expect(outcome).toMatchObject({ ok: true });
      record(w, outcome);
      if (rows.has(w.key)) expect(w.ackId).toBe(rows.get(w.key)!.ids[0]);
    }
    await expectBooksBalance(api2, databaseUrl, ids, prefix, donations, raisedBefore);

    const comments = writes.filter((w) => w.kind === 'comment');
    console.info(
      `SIGKILL mid-stream: ${writes.length} writes sent by ${CLIENTS} clients, ${inFlightAtKill} in flight at the kill; ` +
        `donations ${donations.length - unacked.length} acknowledged, ${committedUnacked.length} committed but not ` +
        `acknowledged, ${unacked.length - committedUnacked.length} lost in flight (all ${unacked.length} retried); ` +
        `comments ${comments.filter((w) => w.ackId).length} acknowledged, ` +
        `${comments.filter((w) => !w.ackId && shown(w).length === 1).length} committed but not acknowledged, ` +
        `${comments.filter((w) => !w.ackId && shown(w).length === 0).length} lost in flight`,
    );
  }, 90_000);
});

// ---------------------------------------------------------------- 2. PostgreSQL crashes

/** Clients pass while it is open; while it is closed they wait at pass() until it opens again. */
class Gate {
  private opened: Promise<void> = Promise.resolve();
  private openIt: (() => void) | null = null;

  close(): void {
    if (!this.openIt) this.opened = new Promise((r) => (this.openIt = r));
  }

  open(): void {
    this.openIt?.();
    this.openIt = null;
  }

  pass(): Promise<void> {
    return this.opened;
  }
}

describe('PostgreSQL crashing (immediate stop) under a donation stream', () => {
  let own: OwnCluster;
  let server: StartedServer;
  let api: Api;
  let postgresDown = false;

  beforeAll(async () => {
    own = await startOwnCluster('crash');
    server = await startServer({ adminUrl: own.adminUrl });
    api = apiFor(server);
  }, 120_000);

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    // stop() waits for the exit of the process it started: after a crash without a restart there is none.
    await own?.remove({ running: !postgresDown });
  });

  const ready = async () =>
    (await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => null))?.status;

  /** Backends of the server's database waiting on a row lock, and waiting for a synchronous standby. */
  const waits = () =>
    withPg(server.databaseUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS locked,
                count(*) FILTER (WHERE wait_event = 'SyncRep')::int AS syncrep
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return rows[0] as { locked: number; syncrep: number };
    });

  /** SIGQUIT to the postmaster is an immediate shutdown: no checkpoint, crash recovery on the next start. */
  async function crashPostgres(): Promise<void> {
    const pid = Number(readFileSync(join(own.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGQUIT');
    postgresDown = true;
    await until(
      () => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      15_000,
      'the postmaster to exit',
    );
  }

  it('keeps every acknowledged donation, and retries by idempotency key reconcile the rest without duplicates', async () => {
    const ids = await demoTargets(api);
    const { raised: raisedBefore } = await campaignRaised(api, ids.campaignId);
    const prefix = `pgcrash-${unique()}`;

    // Six donors, back to back; a failed donation is retried with its key until acknowledged.
    const gate = new Gate();
    const writes: Write[] = [];
    const inFlight = new Set<Write>();
    const clientErrors: string[] = [];
    let stopping = false;
    const donor = async (k: number) => {
      for (let n = 0; !stopping; n++) {
        await gate.pass();
        const w = donation(prefix, k, n, 20_000);
        writes.push(w);
        while (!w.ackId) {
          if (w.failures.length > 100) throw new Error(`${w.key} never acknowledged: ${w.failures.join(', ')}`);
          await gate.pass();
          inFlight.add(w);
          record(w, await donate(server.graphqlUrl, w, ids.campaignId));
          inFlight.delete(w);
          if (!w.ackId) await sleep(100);
        }
      }
    };
    const donors = Array.from({ length: DONORS }, (_, k) =>
      donor(k).catch((error: Error) => clientErrors.push(error.message)),
    );
    await until(() => writes.filter((w) => w.ackId).length >= 30, 30_000, '30 acknowledged donations');

    // Hold every donor's donation in its transaction on the fund's row lock (the ledger posting takes it),
    // make commits wait for a synchronous standby that never connects, then let them go: the first to
    // commit is durable locally but waits for its answer, and keeps the lock from the others.
    const locker = new pg.Client({ connectionString: server.databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM funds WHERE id = $1 FOR UPDATE', [ids.fundId]);
    await until(async () => (await waits()).locked >= DONORS, 15_000, 'every donor to wait on the fund');
    gate.close();
    await withPg(server.databaseUrl, async (c) => {
      await c.query(`ALTER SYSTEM SET synchronous_standby_names = 'standby_that_never_connects'`);
      await c.query('SELECT pg_reload_conf()');
    });
    await until(
      () =>
        withPg(server.databaseUrl, async (c) => (await c.query('SHOW synchronous_standby_names')).rows[0]).then(
          (r) => r.synchronous_standby_names === 'standby_that_never_connects',
        ),
      5000,
      'the reload',
    );
    await sleep(300); // the checkpointer, which tells committing backends to wait, reloads right after
    await locker.query('ROLLBACK'); // a rollback does not wait for the standby
    await locker.end();
    await until(
      async () => {
        const w = await waits();
        return w.syncrep >= 1 && w.locked === DONORS - 1; // one donor got the lock and is waiting in its commit
      },
      10_000,
      'a donation commit waiting for the standby',
    );
    // Written now, read on the next start: the restarted cluster does not wait for the standby.
    await withPg(server.databaseUrl, (c) => c.query('ALTER SYSTEM RESET synchronous_standby_names'));

    const inFlightAtCrash = new Set(inFlight);
    await crashPostgres();
    await until(() => inFlight.size === 0, 20_000, 'every in-flight donation to get an answer');
    expect(await ready()).toBe(503);

    await own.cluster.start(); // crash recovery
    postgresDown = false;
    await until(async () => (await ready()) === 200, 30_000, 'the server to recover');

    // Before any retry: every acknowledged donation survived, none is there twice.
    const survived = await donationRows(server.databaseUrl, prefix);
    const acked = writes.filter((w) => w.ackId);
    expect(acked.filter((w) => survived.get(w.key)?.ids.join() !== w.ackId)).toEqual([]);
    expect([...survived.values()].filter((r) => r.ids.length !== 1)).toEqual([]);
    const unacked = writes.filter((w) => !w.ackId);
    const committedUnacked = unacked.filter((w) => survived.has(w.key));
    expect(unacked.length).toBe(inFlightAtCrash.size);
    expect(committedUnacked.length).toBeGreaterThanOrEqual(1);

    // The donors retry with the same keys, then carry on for a while.
    const retriedBefore = writes.length;
    gate.open();
    await until(
      () => unacked.every((w) => w.ackId) && writes.slice(retriedBefore).filter((w) => w.ackId).length >= 12,
      30_000,
      'the retries and 12 more donations',
    );
    stopping = true;
    await Promise.all(donors);
    expect(clientErrors).toEqual([]);

    // The committed-but-unacknowledged donations came back as themselves.
    expect(committedUnacked.map((w) => w.ackId)).toEqual(committedUnacked.map((w) => survived.get(w.key)!.ids[0]));
    // Failures were the clear error only, and only for the donations in flight at the crash.
    expect(writes.filter((w) => w.failures.length > 0).every((w) => inFlightAtCrash.has(w))).toBe(true);
    expect([...new Set(writes.flatMap((w) => w.failures))]).toEqual(['DATABASE_UNAVAILABLE']);

    await expectBooksBalance(api, server.databaseUrl, ids, prefix, writes, raisedBefore);
    console.info(
      `PostgreSQL immediate stop: ${writes.length} donations by ${DONORS} clients, ${acked.length} acknowledged ` +
        `before the crash and all survived; ${inFlightAtCrash.size} in flight at the crash: ` +
        `${committedUnacked.length} committed but not acknowledged (retry returned the same id), ` +
        `${unacked.length - committedUnacked.length} lost and recorded once by the retry`,
    );
  }, 90_000);
});
