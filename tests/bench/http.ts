/**
 * The HTTP sections: 1 (the feed against its floor), 2 (SQL statements per
 * request), 5a (concurrent donations, then the ledger checked) and 6 (feed
 * and ledger latency as the data grows).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ledgerVerify } from '../support/server.js';
import { FEED_QUERY, startFloor } from './floor.js';
import { growList, growProposals, type GrownList, type Scale, type World } from './seed.js';
import type { BenchContext, BenchRow } from './types.js';
import {
  dataOf,
  figure,
  ratioFigure,
  graphqlBody,
  loadTest,
  noGraphqlErrors,
  postGraphql,
  sleep,
  withClient,
  type GraphqlReply,
  type LoadResult,
} from './util.js';

/** The server's pool (createDataSource's default); the floor gets the same. */
const SERVER_POOL_SIZE = 10;
const FEED_PAGE = 50;
/**
 * Instances that execute every request: what a query itself costs. The
 * public query cache (on by default) answers a repeated anonymous query from
 * memory while nothing is written, which would make statement counts and
 * growth figures say nothing about the query.
 */
const EXECUTE_EVERY_REQUEST = { PUBLIC_CACHE_ENTRIES: '0' };

/** Load shapes: throughput runs saturate the server; latency runs keep it busy without queueing much. */
const runs = (quick: boolean) => ({
  warmUp: quick ? 1 : 2,
  throughput: { seconds: quick ? 3 : 10, connections: 20 },
  latency: { seconds: quick ? 2 : 5, connections: 4 },
});

/** A latency figure; a run in which nothing completed has none (everything took longer than the run). */
const ms = (r: LoadResult, value: number): number | string => (r.requests > 0 ? figure(value) : 'n/a');

/** Throughput runs: requests per second first. */
const loadFigures = (r: LoadResult): Record<string, number | string> => ({
  'req/s': figure(r.rps),
  'p50 ms': ms(r, r.p50),
  'p99 ms': ms(r, r.p99),
  requests: r.requests,
  failures: r.failures,
});

/** Latency runs: latency first. */
const latencyFigures = (r: LoadResult): Record<string, number | string> => ({
  'p50 ms': ms(r, r.p50),
  'p99 ms': ms(r, r.p99),
  'req/s': figure(r.rps),
  failures: r.failures,
});

const healthy = (r: LoadResult) => r.requests > 0 && r.failures === 0;

/** A warm-up run (JIT, plan and buffer caches), then the measured one. */
async function measure(
  ctx: BenchContext,
  url: string,
  body: string | (() => string),
  shape: 'throughput' | 'latency',
): Promise<LoadResult> {
  const plan = runs(ctx.quick);
  const common = { url, body, connections: plan[shape].connections, verifyBody: noGraphqlErrors };
  await loadTest({ ...common, seconds: plan.warmUp });
  return loadTest({ ...common, seconds: plan[shape].seconds });
}

const feedBody = (ctx: BenchContext, first = FEED_PAGE) =>
  graphqlBody(FEED_QUERY, { fundId: ctx.seeded.fundId, first });

// ---------------------------------------------------------------- 1. feed vs floor

/** The same request to both must give the same data, or the comparison would not be fair. */
async function assertSamePayload(graphqlUrl: string, floorUrl: string, variables: Record<string, unknown>) {
  const [api, floor] = await Promise.all([
    postGraphql(graphqlUrl, FEED_QUERY, variables),
    postGraphql(floorUrl, FEED_QUERY, variables),
  ]);
  const apiData = dataOf(api, 'the GraphQL feed');
  const floorData = dataOf(floor, 'the floor feed');
  if (!isDeepStrictEqual(apiData, floorData)) {
    throw new Error(
      `the floor's payload differs from the API's:\nAPI   ${JSON.stringify(apiData).slice(0, 800)}\nfloor ${JSON.stringify(floorData).slice(0, 800)}`,
    );
  }
  return apiData as { proposals: { nodes: Array<{ comments: { nodes: unknown[] } }> } };
}

/** Whether the server answers the feed from its public query cache now (it should, after one answer). */
async function answeredFromCache(graphqlUrl: string, body: string): Promise<boolean> {
  const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.text();
  return res.headers.get('x-public-cache') === 'hit';
}

export async function feedVsFloor(ctx: BenchContext): Promise<BenchRow[]> {
  const section = '1. Feed vs its floor';
  const floor = await startFloor(ctx.databaseUrl, SERVER_POOL_SIZE);
  try {
    const withCache = await ctx.startInstance();
    let same: Awaited<ReturnType<typeof assertSamePayload>>;
    let cached: LoadResult;
    try {
      same = await assertSamePayload(withCache.graphqlUrl, floor.url, { fundId: ctx.seeded.fundId, first: FEED_PAGE });
      if (!(await answeredFromCache(withCache.graphqlUrl, feedBody(ctx)))) {
        throw new Error('the public query cache did not answer a repeated anonymous feed');
      }
      cached = await measure(ctx, withCache.graphqlUrl, feedBody(ctx), 'throughput');
    } finally {
      await withCache.stop();
    }
    const executing = await ctx.startInstance(EXECUTE_EVERY_REQUEST);
    let executed: LoadResult;
    try {
      await assertSamePayload(executing.graphqlUrl, floor.url, { fundId: ctx.seeded.fundId, first: FEED_PAGE });
      executed = await measure(ctx, executing.graphqlUrl, feedBody(ctx), 'throughput');
    } finally {
      await executing.stop();
    }
    const raw = await measure(ctx, floor.url, feedBody(ctx), 'throughput');
    const nodes = same.proposals.nodes;
    const comments = nodes.reduce((n, p) => n + p.comments.nodes.length, 0);
    const shape = `${nodes.length} proposals, ${comments} comments; ${runs(ctx.quick).throughput.connections} connections`;
    const ratio = cached.rps / raw.rps;
    const executedRatio = executed.rps / raw.rps;
    return [
      {
        section,
        case: `GraphQL proposals(first: ${FEED_PAGE}), anonymous, as shipped: public query cache on, nothing written during the run (${shape})`,
        figures: loadFigures(cached),
      },
      {
        section,
        case: 'GraphQL, every request executed (PUBLIC_CACHE_ENTRIES=0)',
        figures: loadFigures(executed),
      },
      { section, case: 'Floor: one SQL statement + node:http (same JSON, checked)', figures: loadFigures(raw) },
      {
        section,
        case: 'GraphQL as shipped / floor throughput',
        figures: { ratio: ratioFigure(ratio) },
        target: '≥ 0.5',
        met: ratio >= 0.5 && healthy(cached) && healthy(raw),
      },
      {
        section,
        case: 'GraphQL executing every request / floor throughput (no target: what executing the query costs)',
        figures: { ratio: ratioFigure(executedRatio) },
      },
    ];
  } finally {
    await floor.stop();
  }
}

// ---------------------------------------------------------------- 2. statements per request

interface ListCase {
  name: string;
  query: string;
  variables(ctx: BenchContext, size: number): Record<string, unknown>;
  /** The items of the answer, to check the page really holds `size` of them. */
  items(data: any): unknown[];
  /** Lists the server returns whole grow in the database instead of by `first`. */
  grows?: GrownList;
  maxStatements?: number;
}

const MONEY = '{ minorUnits currency amount }';

const LISTS: ListCase[] = [
  {
    name: 'feed: proposals (as in section 1)',
    query: FEED_QUERY,
    variables: (ctx, first) => ({ fundId: ctx.seeded.fundId, first }),
    items: (d) => d.proposals.nodes,
    maxStatements: 6,
  },
  {
    name: 'ledger',
    query: `query($fundId: ID!, $first: Int) { ledger(fundId: $fundId, first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id kind direction amount ${MONEY} balanceAfter ${MONEY} memo counterparty occurredAt proposal { id title } } } }`,
    variables: (ctx, first) => ({ fundId: ctx.seeded.fundId, first }),
    items: (d) => d.ledger.nodes,
  },
  {
    name: 'needs',
    query: `query($fundId: ID!, $first: Int) { needs(fundId: $fundId, first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id title category status supportCount viewerHasSupported createdAt
              author { id displayName } neighborhood { id name } proposals { id title } } } }`,
    variables: (ctx, first) => ({ fundId: ctx.seeded.fundId, first }),
    items: (d) => d.needs.nodes,
  },
  {
    name: 'comments (of the watched proposal)',
    query: `query($id: ID!, $first: Int) { proposal(id: $id) { id comments(first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id body createdAt author { id displayName } parent { id } } } } }`,
    variables: (ctx, first) => ({ id: ctx.seeded.hotProposalId, first }),
    items: (d) => d.proposal.comments.nodes,
  },
  {
    name: 'partnerships (the list grows in the database)',
    query: `query($fundId: ID!) { partnerships(fundId: $fundId) {
      id title kind status commitments startsOn endsOn organization { id name } proposal { id title } } }`,
    variables: (ctx) => ({ fundId: ctx.seeded.fundId }),
    items: (d) => d.partnerships,
    grows: 'partnerships',
  },
  {
    name: 'campaigns (the list grows in the database)',
    query: `query($fundId: ID!) { campaigns(fundId: $fundId) {
      id title status endsAt goal ${MONEY} raised ${MONEY} donorCount proposal { id title } } }`,
    variables: (ctx) => ({ fundId: ctx.seeded.fundId }),
    items: (d) => d.campaigns,
    grows: 'campaigns',
  },
];

const PAGE_SIZES = [5, 50, 100] as const;

/** Statements one request ran, from the x-sql-statements header of a server started with SQL_COUNT_HEADER=true. */
async function statementsFor(url: string, list: ListCase, ctx: BenchContext, size: number): Promise<number> {
  const reply = await postGraphql(url, list.query, list.variables(ctx, size));
  const items = list.items(dataOf(reply, list.name));
  if (items.length !== size) throw new Error(`${list.name}: expected ${size} items, got ${items.length}`);
  const header = reply.headers.get('x-sql-statements');
  if (header === null) throw new Error('no x-sql-statements header: is the server built with SQL_COUNT_HEADER?');
  return Number(header);
}

export async function statementsPerRequest(ctx: BenchContext, world: World): Promise<BenchRow[]> {
  const section = '2. SQL statements per request';
  const server = await ctx.startInstance({ SQL_COUNT_HEADER: 'true', ...EXECUTE_EVERY_REQUEST });
  try {
    const rows: BenchRow[] = [];
    for (const list of LISTS) {
      const counts: number[] = [];
      for (const size of PAGE_SIZES) {
        if (list.grows) await growList(ctx.databaseUrl, world, list.grows, size);
        await statementsFor(server.graphqlUrl, list, ctx, size); // warm: first-use work is not the list's cost
        counts.push(await statementsFor(server.graphqlUrl, list, ctx, size));
      }
      const constant = counts.every((n) => n === counts[0]);
      const withinMax = list.maxStatements === undefined || counts.every((n) => n <= list.maxStatements!);
      rows.push({
        section,
        case: list.name,
        figures: Object.fromEntries(PAGE_SIZES.map((size, i) => [`${size} items`, counts[i]!])),
        target: list.maxStatements === undefined ? 'constant' : `constant, ≤ ${list.maxStatements}`,
        met: constant && withinMax,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- 5a. donations

const DONATE = `mutation($input: DonateInput!) { donate(input: $input) { id amount { minorUnits } } }`;

interface DonationTotals {
  count: number;
  sum: bigint;
  /** Donations without their ledger entry, and those whose entry differs in amount. */
  unposted: number;
  /** The DONATION entries behind these donations. */
  ledgerSum: bigint;
}

async function donationTotals(databaseUrl: string, campaignId: string): Promise<DonationTotals> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: string; sum: string; unposted: string; ledger_sum: string }>(
      `SELECT count(*) AS n, COALESCE(sum(d.amount_minor), 0) AS sum,
              count(*) FILTER (WHERE e.id IS NULL OR e.amount_minor <> d.amount_minor OR e.kind <> 'DONATION') AS unposted,
              COALESCE(sum(e.amount_minor), 0) AS ledger_sum
         FROM donations d LEFT JOIN ledger_entries e ON e.id = d.ledger_entry_id
        WHERE d.campaign_id = $1`,
      [campaignId],
    );
    const r = rows[0]!;
    return { count: Number(r.n), sum: BigInt(r.sum), unposted: Number(r.unposted), ledgerSum: BigInt(r.ledger_sum) };
  });
}

/** Totals once requests cut off at the end of the load run have committed (two reads in a row agree). */
async function settledTotals(databaseUrl: string, campaignId: string): Promise<DonationTotals> {
  let last = await donationTotals(databaseUrl, campaignId);
  for (;;) {
    await sleep(500);
    const now = await donationTotals(databaseUrl, campaignId);
    if (now.count === last.count) return now;
    last = now;
  }
}

/** The server's `ledger-verify` CLI on the bench database: every fund's chain, sequence and balances. */
async function verifyLedger(databaseUrl: string): Promise<{ ok: boolean; entries: number; output: string }> {
  const { code, output } = await ledgerVerify(databaseUrl);
  const entries = /(\d+) entries verified/.exec(output);
  return { ok: code === 0, entries: Number(entries?.[1] ?? 0), output: output.trim() };
}

export async function donations(ctx: BenchContext): Promise<BenchRow[]> {
  const section = '5a. Writes: donations';
  const { campaignId } = ctx.seeded;
  const server = await ctx.startInstance();
  try {
    const before = await donationTotals(ctx.databaseUrl, campaignId);
    const plan = runs(ctx.quick).throughput;
    const result = await loadTest({
      url: server.graphqlUrl,
      body: () =>
        graphqlBody(DONATE, {
          input: {
            campaignId,
            amountMinor: randomInt(100, 100_000),
            displayName: 'Bench donor',
            idempotencyKey: randomUUID(),
          },
        }),
      connections: plan.connections,
      seconds: plan.seconds,
      verifyBody: noGraphqlErrors,
    });
    const after = await settledTotals(ctx.databaseUrl, campaignId);
    const verified = await verifyLedger(ctx.databaseUrl);
    const campaign = dataOf(
      await postGraphql<{ campaign: { raised: { minorUnits: number }; donorCount: number } }>(
        server.graphqlUrl,
        'query($id: ID!) { campaign(id: $id) { raised { minorUnits } donorCount } }',
        { id: campaignId },
      ),
      'campaign',
    ).campaign;
    const added = after.count - before.count;
    const answered = result.requests - result.failures;
    // Requests still in flight when the run stopped may commit without being counted as answered.
    const allRecorded = added >= answered && added <= answered + plan.connections;
    const raisedMatches = BigInt(campaign.raised.minorUnits) === after.sum && campaign.donorCount === after.count;
    const invariants = verified.ok && after.unposted === 0 && after.ledgerSum === after.sum && raisedMatches;
    if (!verified.ok) console.error(`ledger-verify: ${verified.output}`);
    return [
      {
        section,
        case: `Concurrent anonymous donations to one campaign (${plan.connections} connections, ${plan.seconds} s)`,
        figures: {
          'donations/s': figure(result.rps),
          'p50 ms': ms(result, result.p50),
          'p99 ms': ms(result, result.p99),
          donations: added,
          failures: result.failures,
        },
        target: 'no failures, every answered donation recorded',
        met: healthy(result) && allRecorded,
      },
      {
        section,
        case: 'Ledger after the donations (ledger-verify; raised = sum of donations = their ledger entries)',
        figures: {
          'entries verified': verified.entries,
          chain: verified.ok ? 'valid' : 'BROKEN',
          'raised = donations': raisedMatches ? 'yes' : 'no',
          'donations = entries': after.unposted === 0 && after.ledgerSum === after.sum ? 'yes' : 'no',
        },
        target: 'all invariants hold',
        met: invariants,
      },
    ];
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- 6. growth

const LEDGER_PAGE = `query($fundId: ID!, $first: Int, $after: String) { ledger(fundId: $fundId, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id occurredAt amount ${MONEY} balanceAfter ${MONEY} memo counterparty } } }`;

type LedgerPage = { ledger: { pageInfo: { endCursor: string | null } } };

/** Walks the ledger's cursor `depth` entries deep, 100 at a time, as a client paging back would. */
async function cursorAt(url: string, fundId: string, depth: number): Promise<string> {
  let after: string | null = null;
  for (let walked = 0; walked < depth; walked += 100) {
    const reply: GraphqlReply<LedgerPage> = await postGraphql<LedgerPage>(url, LEDGER_PAGE, {
      fundId,
      first: Math.min(100, depth - walked),
      after,
    });
    after = dataOf(reply, 'ledger page').ledger.pageInfo.endCursor;
    if (after === null) throw new Error(`the ledger ended before ${depth} entries`);
  }
  return after!;
}

/** p50 of `later` over p50 of `before`; n/a when either run completed nothing. */
const slowdownOf = (later: LoadResult, before: LoadResult): number | null =>
  healthy(later) && healthy(before) ? later.p50 / before.p50 : null;

export async function growth(ctx: BenchContext, world: World, scale: Scale): Promise<BenchRow[]> {
  const section = '6. Growth';
  const connections = runs(ctx.quick).latency.connections;
  const feedAt = async (): Promise<LoadResult> => {
    const server = await ctx.startInstance(EXECUTE_EVERY_REQUEST);
    try {
      return await measure(ctx, server.graphqlUrl, feedBody(ctx), 'latency');
    } finally {
      await server.stop();
    }
  };
  const feedRow = (proposals: number, r: LoadResult): BenchRow => ({
    section,
    case: `Feed (first: ${FEED_PAGE}) at ${proposals.toLocaleString('en')} proposals, ${connections} connections`,
    figures: latencyFigures(r),
  });
  const small = await feedAt();
  const grown = await growProposals(ctx.databaseUrl, world, scale.grownProposals);
  const large = await feedAt();
  const feedSlowdown = slowdownOf(large, small);
  const feedRows: BenchRow[] = [
    feedRow(ctx.seeded.counts.proposals, small),
    feedRow(grown.proposals, large),
    {
      section,
      case: 'Feed p50 at the larger size / at the smaller',
      figures: { ratio: feedSlowdown === null ? 'n/a' : ratioFigure(feedSlowdown) },
    },
  ];

  const server = await ctx.startInstance(EXECUTE_EVERY_REQUEST);
  try {
    const depth = ctx.seeded.counts.ledgerEntries - 1_000;
    const deep = await cursorAt(server.graphqlUrl, ctx.seeded.fundId, depth);
    const page = (after: string | null) =>
      graphqlBody(LEDGER_PAGE, { fundId: ctx.seeded.fundId, first: FEED_PAGE, after });
    const first = await measure(ctx, server.graphqlUrl, page(null), 'latency');
    const deepPage = await measure(ctx, server.graphqlUrl, page(deep), 'latency');
    const slowdown = slowdownOf(deepPage, first);
    return [
      ...feedRows,
      { section, case: `Ledger page 1 (first: ${FEED_PAGE})`, figures: latencyFigures(first) },
      {
        section,
        case: `Ledger page ${depth.toLocaleString('en')} entries deep (cursor)`,
        figures: latencyFigures(deepPage),
      },
      {
        section,
        case: 'Ledger deep page p50 / page 1 p50',
        figures: { ratio: slowdown === null ? 'n/a' : ratioFigure(slowdown) },
        target: '≤ 1.5 (no slower with depth)',
        met: slowdown !== null && slowdown <= 1.5,
      },
    ];
  } finally {
    await server.stop();
  }
}
