/**
 * Money and transparency end to end over HTTP and WebSocket (issue 4): an
 * anonymous subscriber watches the demo campaign and the fund's ledger while
 * people donate (named, anonymous, signed in); every gift arrives live, the
 * campaign's total is the sum of its donations, and after every money step
 * the ledger still adds up (entries IN minus OUT = fund balance = the newest
 * entry's balanceAfter) and verifies. Fifty concurrent donations, some
 * retried with the same idempotency keys, are each recorded exactly once; bad
 * input writes nothing. A disbursement on the wheelchair ramp goes through
 * two keys (the fund admin asks, government approves) and stays private until
 * approved; the CSV export has one row per ledger entry with exact decimals.
 */
import { toMajorString } from '@commonweal/shared';
import {
  apiFor,
  codes,
  ok,
  startServer,
  subscribe,
  unique,
  wsClient,
  type Api,
  type DemoAccount,
  type StartedServer,
  type Subscription,
} from '../support/server.js';
import { settle, type WsClientHandle } from '../support/ws.js';

let server: StartedServer;
let api: Api;
let tokens: Record<DemoAccount, string>;
let fundId: string;
let campaignId: string;
let rampId: string;
const clients: WsClientHandle[] = [];

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const DONATE = `mutation D($input: DonateInput!) { donate(input: $input) {
  id donorName amount { minorUnits amount currency } campaign { id } } }`;
const CAMPAIGN = `query C($id: ID!) { campaign(id: $id) {
  id status donorCount progressPercent goal { minorUnits } raised { minorUnits amount }
  donations(first: 100) { totalCount nodes { id donorName amount { minorUnits } } } } }`;

async function open(token?: string | null): Promise<WsClientHandle> {
  const handle = wsClient(server.wsUrl, token);
  clients.push(handle);
  await handle.connected;
  return handle;
}

const key = (): string => `test-${unique()}-${unique()}`;

const donate = (input: Record<string, unknown>, token?: string | null) =>
  api.gql(DONATE, { input: { campaignId, anonymous: false, idempotencyKey: key(), ...input } }, token);

const campaignNow = async () => ok(await api.gql(CAMPAIGN, { id: campaignId })).campaign;

interface Entry {
  sequence: number;
  kind: string;
  direction: 'IN' | 'OUT';
  amount: { minorUnits: number; amount: string };
  balanceAfter: { minorUnits: number; amount: string };
  counterparty: string;
  proposal: { id: string } | null;
}

/** Every ledger entry, newest first, paging through the connection. */
async function wholeLedger(): Promise<Entry[]> {
  const all: Entry[] = [];
  let after: string | null = null;
  for (;;) {
    const page: {
      totalCount: number;
      nodes: Entry[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } = ok(
      await api.gql(
        `query L($fundId: ID!, $after: String) { ledger(fundId: $fundId, first: 7, after: $after) {
           totalCount pageInfo { hasNextPage endCursor }
           nodes { sequence kind direction amount { minorUnits amount } balanceAfter { minorUnits amount }
                   counterparty proposal { id } } } }`,
        { fundId, after },
      ),
    ).ledger;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) {
      expect(all).toHaveLength(page.totalCount);
      return all;
    }
    after = page.pageInfo.endCursor;
  }
}

/** The ledger adds up and verifies; returns the balance in fen. */
async function expectLedgerConsistent(): Promise<number> {
  const entries = await wholeLedger();
  // newest first, sequences 1..n without gaps
  expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => entries.length - i));
  const sum = entries.reduce((s, e) => s + (e.direction === 'IN' ? 1 : -1) * e.amount.minorUnits, 0);
  const { fund, verifyLedger } = ok(
    await api.gql(
      `query F($id: ID!) { fund(id: $id) { balance { minorUnits } }
         verifyLedger(fundId: $id) { valid entriesChecked firstBrokenSequence problem } }`,
      { id: fundId },
    ),
  );
  expect(fund.balance.minorUnits).toBe(sum);
  expect(entries[0]!.balanceAfter.minorUnits).toBe(sum);
  // each entry's balanceAfter is the running sum
  let running = 0;
  for (const e of [...entries].reverse()) {
    running += (e.direction === 'IN' ? 1 : -1) * e.amount.minorUnits;
    expect(e.balanceAfter.minorUnits).toBe(running);
  }
  expect(verifyLedger).toEqual({
    valid: true,
    entriesChecked: entries.length,
    firstBrokenSequence: null,
    problem: null,
  });
  return sum;
}

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const campaigns = ok(await api.gql('query C($id: ID!) { campaigns(fundId: $id) { id title } }', { id: fundId }))
    .campaigns as Array<{ id: string; title: string }>;
  campaignId = campaigns.find((c) => c.title === 'Lunch for our elders')!.id;
  const list = ok(await api.gql('{ proposals(status: [IN_PROGRESS], first: 50) { nodes { id title } } }')).proposals
    .nodes as Array<{ id: string; title: string }>;
  rampId = list.find((p) => /wheelchair ramp/i.test(p.title))!.id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

// ------------------------------------------------------------------ the seed

describe('the demo money as seeded', () => {
  it('the campaign has 4 donations of 8,500.00 yuan and the fund holds 50,000 + 8,500 − 15,000', async () => {
    const c = await campaignNow();
    expect(c).toMatchObject({
      status: 'OPEN',
      donorCount: 4,
      progressPercent: 8,
      goal: { minorUnits: 10_000_000 },
      raised: { minorUnits: 850_000, amount: '8500.00' },
    });
    expect(c.donations.totalCount).toBe(4);
    expect(
      c.donations.nodes.reduce((s: number, d: { amount: { minorUnits: number } }) => s + d.amount.minorUnits, 0),
    ).toBe(850_000);
    expect(await expectLedgerConsistent()).toBe(5_000_000 + 850_000 - 1_500_000);
  });
});

// ------------------------------------------------------------------ live donations

describe('donations arrive live for an anonymous subscriber', () => {
  let campaignEvents: Subscription;
  let ledgerEvents: Subscription;
  let raised: number;
  let donors: number;
  let balance: number;

  it('an anonymous visitor subscribes to the campaign and the ledger', async () => {
    const handle = await open(null);
    campaignEvents = subscribe(
      handle.client,
      `subscription S($id: ID!) { campaignUpdated(campaignId: $id) {
         id donorCount progressPercent raised { minorUnits } donations(first: 5) { nodes { id donorName amount { minorUnits } } } } }`,
      { id: campaignId },
    );
    ledgerEvents = subscribe(
      handle.client,
      `subscription L($id: ID!) { ledgerEntryPosted(fundId: $id) {
         sequence kind direction amount { minorUnits amount } balanceAfter { minorUnits } counterparty fund { id } } }`,
      { id: fundId },
    );
    await settle(handle.client);
    const c = await campaignNow();
    raised = c.raised.minorUnits;
    donors = c.donorCount;
    balance = await expectLedgerConsistent();
  });

  const gifts: Array<{
    label: string;
    amount: number;
    input: Record<string, unknown>;
    as?: DemoAccount;
    shown: string;
  }> = [
    { label: 'a named visitor', amount: 12_34, input: { displayName: '  Auntie Wang  ' }, shown: 'Auntie Wang' },
    {
      label: 'an anonymous visitor (name given but anonymous wins)',
      amount: 1,
      input: { displayName: 'Secret Person', anonymous: true },
      shown: 'Anonymous',
    },
    { label: 'a visitor without a name', amount: 999_999, input: {}, shown: 'Anonymous' },
    {
      label: 'a signed-in resident',
      amount: 250_000,
      input: { displayName: 'Grandma Liu' },
      as: 'resident',
      shown: 'Grandma Liu',
    },
  ];

  for (const gift of gifts) {
    it(`${gift.label} donates ${gift.amount} fen: live on both subscriptions, totals and ledger add up`, async () => {
      const res = ok(await donate({ amountMinor: gift.amount, ...gift.input }, gift.as ? tokens[gift.as] : null));
      expect(res.donate).toMatchObject({
        donorName: gift.shown,
        amount: { minorUnits: gift.amount, currency: 'CNY' },
        campaign: { id: campaignId },
      });
      raised += gift.amount;
      donors += 1;
      balance += gift.amount;

      const live = await campaignEvents.waitFor((e) => e.data?.campaignUpdated?.raised.minorUnits === raised);
      expect(live.errors).toBeUndefined();
      expect(live.data.campaignUpdated).toMatchObject({
        id: campaignId,
        donorCount: donors,
        progressPercent: Number((BigInt(raised) * 100n) / 10_000_000n),
      });
      expect(live.data.campaignUpdated.donations.nodes[0]).toEqual({
        id: res.donate.id,
        donorName: gift.shown,
        amount: { minorUnits: gift.amount },
      });

      const entry = await ledgerEvents.waitFor((e) => e.data?.ledgerEntryPosted?.balanceAfter.minorUnits === balance);
      expect(entry.data.ledgerEntryPosted).toMatchObject({
        kind: 'DONATION',
        direction: 'IN',
        amount: { minorUnits: gift.amount },
        counterparty: gift.shown,
        fund: { id: fundId },
      });

      const c = await campaignNow();
      expect(c.raised.minorUnits).toBe(raised);
      expect(c.donorCount).toBe(donors);
      expect(
        c.donations.nodes.reduce((s: number, d: { amount: { minorUnits: number } }) => s + d.amount.minorUnits, 0),
      ).toBe(raised);
      expect(await expectLedgerConsistent()).toBe(balance);
    });
  }

  it('the same idempotency key again returns the first donation and records nothing; another amount is a CONFLICT', async () => {
    const k = key();
    const first = ok(await donate({ amountMinor: 500, idempotencyKey: k, displayName: 'Retry Test' }));
    raised += 500;
    donors += 1;
    balance += 500;
    await ledgerEvents.waitFor((e) => e.data?.ledgerEntryPosted?.balanceAfter.minorUnits === balance);
    const again = ok(await donate({ amountMinor: 500, idempotencyKey: k, displayName: 'Retry Test' }));
    expect(again.donate.id).toBe(first.donate.id);
    const other = await donate({ amountMinor: 501, idempotencyKey: k, displayName: 'Retry Test' });
    expect(codes(other)).toEqual(['CONFLICT']);
    const c = await campaignNow();
    expect(c.raised.minorUnits).toBe(raised);
    expect(c.donorCount).toBe(donors);
    expect(await expectLedgerConsistent()).toBe(balance);
    // no second ledger entry was announced
    await new Promise((r) => setTimeout(r, 300));
    expect(ledgerEvents.pending()).toHaveLength(0);
  });

  it('50 concurrent donations, 15 of them sent twice with the same key, are each recorded exactly once', async () => {
    const gifts50 = Array.from({ length: 50 }, (_, i) => ({ amountMinor: 100 + i, idempotencyKey: key() }));
    const sends = [...gifts50, ...gifts50.slice(0, 15)].map((g, i) =>
      donate({ ...g, displayName: `Crowd ${i % 50}` }, i % 3 === 0 ? tokens.resident2 : null),
    );
    const results = await Promise.all(sends);
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = results.map((r) => r.data!.donate.id as string);
    expect(new Set(ids).size).toBe(50);
    for (let i = 0; i < 15; i++) expect(ids[50 + i]).toBe(ids[i]);

    const sum = gifts50.reduce((s, g) => s + g.amountMinor, 0);
    raised += sum;
    donors += 50;
    balance += sum;
    const c = await campaignNow();
    expect(c.raised.minorUnits).toBe(raised);
    expect(c.donorCount).toBe(donors);
    expect(await expectLedgerConsistent()).toBe(balance);
    // the subscriber eventually sees the final total
    await campaignEvents.waitFor((e) => e.data?.campaignUpdated?.raised.minorUnits === raised, 10_000);
    await ledgerEvents.waitFor((e) => e.data?.ledgerEntryPosted?.balanceAfter.minorUnits === balance, 10_000);
  });

  const badCases: Array<{ label: string; input: Record<string, unknown>; code: string }> = [
    { label: 'zero', input: { amountMinor: 0 }, code: 'BAD_USER_INPUT' },
    { label: 'negative', input: { amountMinor: -100 }, code: 'BAD_USER_INPUT' },
    { label: 'fractional 1.5', input: { amountMinor: 1.5 }, code: 'BAD_USER_INPUT' },
    { label: '2^53 + 1', input: { amountMinor: 2 ** 53 + 1 }, code: 'BAD_USER_INPUT' },
    { label: 'above 10,000,000 yuan', input: { amountMinor: 1_000_000_001 }, code: 'BAD_USER_INPUT' },
    { label: 'amount as a string', input: { amountMinor: '100' }, code: 'BAD_USER_INPUT' },
    { label: 'missing amount', input: { amountMinor: undefined }, code: 'BAD_USER_INPUT' },
    { label: 'unknown campaign', input: { amountMinor: 100, campaignId: UNKNOWN }, code: 'NOT_FOUND' },
    { label: 'malformed campaign id', input: { amountMinor: 100, campaignId: 'lunch' }, code: 'BAD_USER_INPUT' },
    { label: 'short idempotency key', input: { amountMinor: 100, idempotencyKey: 'abc' }, code: 'BAD_USER_INPUT' },
    {
      label: 'idempotency key with odd characters',
      input: { amountMinor: 100, idempotencyKey: "abcdefgh' OR 1=1" },
      code: 'BAD_USER_INPUT',
    },
    { label: 'over-long name', input: { amountMinor: 100, displayName: 'n'.repeat(61) }, code: 'BAD_USER_INPUT' },
  ];

  it.each(badCases)('bad input ($label) is $code and writes nothing', async ({ input, code }) => {
    const res = await donate(input);
    expect(res.data?.donate ?? null).toBeNull();
    expect(codes(res)).toEqual([code]);
    const c = await campaignNow();
    expect(c.raised.minorUnits).toBe(raised);
    expect(c.donorCount).toBe(donors);
  });

  it('after all the bad input the ledger is unchanged and valid, and no event was published', async () => {
    expect(await expectLedgerConsistent()).toBe(balance);
    // drain what the concurrent batch left, then nothing new may arrive
    await new Promise((r) => setTimeout(r, 300));
    const leftover = ledgerEvents.pending();
    for (const e of leftover) expect(e.data?.ledgerEntryPosted?.balanceAfter.minorUnits).toBeLessThanOrEqual(balance);
  });
});

// ------------------------------------------------------------------ disbursements

describe('a disbursement on the wheelchair ramp takes two keys and stays private until approved', () => {
  const AMOUNT = 1_000_000; // 10,000.00 yuan
  let disbursementId: string;
  let balanceBefore: number;
  let spentBefore: number;

  const PROPOSAL_VIEW = `query P($id: ID!) { proposal(id: $id) {
    spent { minorUnits } remainingToDisburse { minorUnits } disbursements { id status amount { minorUnits } } } }`;
  const LIST =
    'query D($fundId: ID!, $status: DisbursementStatus) { disbursements(fundId: $fundId, status: $status) { id status } }';
  const listIds = async (token: string | null, status?: string): Promise<string[]> =>
    ok(await api.gql(LIST, { fundId, ...(status ? { status } : {}) }, token)).disbursements.map(
      (d: { id: string }) => d.id,
    );
  const proposalAs = async (token: string | null) => ok(await api.gql(PROPOSAL_VIEW, { id: rampId }, token)).proposal;

  it('the seeded first instalment of 15,000.00 is public; 21,000.00 of 36,000.00 remain', async () => {
    const p = await proposalAs(null);
    expect(p.spent.minorUnits).toBe(1_500_000);
    expect(p.remainingToDisburse.minorUnits).toBe(2_100_000);
    expect(p.disbursements).toEqual([
      expect.objectContaining({ status: 'APPROVED', amount: { minorUnits: 1_500_000 } }),
    ]);
    spentBefore = p.spent.minorUnits;
    balanceBefore = await expectLedgerConsistent();
  });

  it('only the fund admin may request: others are FORBIDDEN', async () => {
    for (const who of ['gov', 'ngo', 'resident'] as const) {
      const res = await api.gql(
        'mutation R($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id } }',
        { input: { proposalId: rampId, amountMinor: AMOUNT, memo: 'Second instalment' } },
        tokens[who],
      );
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    const anon = await api.gql(
      'mutation R($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id } }',
      { input: { proposalId: rampId, amountMinor: AMOUNT, memo: 'Second instalment' } },
    );
    expect(codes(anon)[0]).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('the fund admin requests 10,000.00: PENDING_APPROVAL, nothing leaves the fund', async () => {
    const res = ok(
      await api.gql(
        `mutation R($input: RequestDisbursementInput!) { requestDisbursement(input: $input) {
           id status amount { minorUnits amount } payee { name } ledgerEntry { id } viewerCan { approve reject } } }`,
        { input: { proposalId: rampId, amountMinor: AMOUNT, memo: '  Second instalment: the handrails  ' } },
        tokens.admin,
      ),
    ).requestDisbursement;
    expect(res).toMatchObject({
      status: 'PENDING_APPROVAL',
      amount: { minorUnits: AMOUNT, amount: '10000.00' },
      ledgerEntry: null,
      viewerCan: { approve: false, reject: false },
    });
    disbursementId = res.id;
    expect(await expectLedgerConsistent()).toBe(balanceBefore);
    expect((await proposalAs(tokens.admin)).remainingToDisburse.minorUnits).toBe(2_100_000 - AMOUNT);
  });

  it('the pending request is invisible to residents, organizations and the public', async () => {
    for (const token of [null, tokens.resident, tokens.ngo, tokens.enterprise]) {
      expect(await listIds(token)).not.toContain(disbursementId);
      expect(await listIds(token, 'PENDING_APPROVAL')).not.toContain(disbursementId);
      const p = await proposalAs(token);
      expect(p.disbursements.map((d: { id: string }) => d.id)).not.toContain(disbursementId);
      expect(p.spent.minorUnits).toBe(spentBefore);
    }
    for (const token of [tokens.gov, tokens.admin]) {
      expect(await listIds(token, 'PENDING_APPROVAL')).toContain(disbursementId);
      const p = await proposalAs(token);
      expect(p.disbursements.map((d: { id: string }) => d.id)).toContain(disbursementId);
    }
  });

  it('the requesting fund admin cannot approve it (FORBIDDEN); residents neither', async () => {
    for (const token of [tokens.admin, tokens.resident, tokens.ngo]) {
      const res = await api.gql(
        'mutation A($id: ID!) { approveDisbursement(disbursementId: $id) { id } }',
        { id: disbursementId },
        token,
      );
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    expect(await expectLedgerConsistent()).toBe(balanceBefore);
  });

  it('requesting more than the remainder (11,000.00 left) is BAD_USER_INPUT and writes nothing', async () => {
    const res = await api.gql(
      'mutation R($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id } }',
      { input: { proposalId: rampId, amountMinor: 2_100_000 - AMOUNT + 1, memo: 'Too much' } },
      tokens.admin,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect((await listIds(tokens.admin)).length).toBe(2);
  });

  it('government approves: the balance drops exactly, a DISBURSEMENT OUT entry is posted live, spent rises, now public', async () => {
    const handle = await open(null);
    const ledgerEvents = subscribe(
      handle.client,
      `subscription L($id: ID!) { ledgerEntryPosted(fundId: $id) {
         kind direction amount { minorUnits } balanceAfter { minorUnits } counterparty proposal { id } } }`,
      { id: fundId },
    );
    await settle(handle.client);

    const res = ok(
      await api.gql(
        `mutation A($id: ID!) { approveDisbursement(disbursementId: $id) {
           id status decidedBy { id } ledgerEntry { kind direction amount { minorUnits } } } }`,
        { id: disbursementId },
        tokens.gov,
      ),
    ).approveDisbursement;
    expect(res).toMatchObject({
      status: 'APPROVED',
      ledgerEntry: { kind: 'DISBURSEMENT', direction: 'OUT', amount: { minorUnits: AMOUNT } },
    });
    expect(res.decidedBy).not.toBeNull();

    const live = await ledgerEvents.next();
    expect(live.data.ledgerEntryPosted).toEqual({
      kind: 'DISBURSEMENT',
      direction: 'OUT',
      amount: { minorUnits: AMOUNT },
      balanceAfter: { minorUnits: balanceBefore - AMOUNT },
      counterparty: expect.stringMatching(/Social Work/),
      proposal: { id: rampId },
    });

    expect(await expectLedgerConsistent()).toBe(balanceBefore - AMOUNT);
    const newest = (await wholeLedger())[0]!;
    expect(newest).toMatchObject({ kind: 'DISBURSEMENT', direction: 'OUT', amount: { minorUnits: AMOUNT } });

    for (const token of [null, tokens.resident]) {
      expect(await listIds(token)).toContain(disbursementId);
      expect(await listIds(token, 'APPROVED')).toContain(disbursementId);
      const p = await proposalAs(token);
      expect(p.spent.minorUnits).toBe(spentBefore + AMOUNT);
      expect(p.disbursements.map((d: { id: string }) => d.id)).toContain(disbursementId);
    }
  });

  it('approving it a second time is a CONFLICT and moves no money', async () => {
    const balance = await expectLedgerConsistent();
    const res = await api.gql(
      'mutation A($id: ID!) { approveDisbursement(disbursementId: $id) { id } }',
      { id: disbursementId },
      tokens.gov,
    );
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(await expectLedgerConsistent()).toBe(balance);
  });

  it('the remainder is now 11,000.00: one fen more is BAD_USER_INPUT', async () => {
    expect((await proposalAs(tokens.admin)).remainingToDisburse.minorUnits).toBe(1_100_000);
    const res = await api.gql(
      'mutation R($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id } }',
      { input: { proposalId: rampId, amountMinor: 1_100_001, memo: 'Too much' } },
      tokens.admin,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('the fund report counts all money in and out', async () => {
    const balance = await expectLedgerConsistent();
    const report = ok(
      await api.gql(
        `query R($id: ID!) { fundReport(fundId: $id) { totalIn { minorUnits } totalOut { minorUnits }
           bySource { source kind amount { minorUnits } } byProposal { proposal { id } spent { minorUnits } } } }`,
        { id: fundId },
      ),
    ).fundReport;
    expect(report.totalIn.minorUnits - report.totalOut.minorUnits).toBe(balance);
    expect(report.totalOut.minorUnits).toBe(1_500_000 + AMOUNT);
    expect(report.byProposal.find((p: { proposal: { id: string } }) => p.proposal.id === rampId).spent.minorUnits).toBe(
      1_500_000 + AMOUNT,
    );
  });
});

// ------------------------------------------------------------------ CSV

describe('the ledger CSV export', () => {
  it('has a header and one row per ledger entry with exact decimal amounts', async () => {
    const res = await fetch(`${server.baseUrl}/api/funds/${fundId}/ledger.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines[0]).toBe(
      'sequence,occurred_at,kind,direction,amount,balance_after,currency,counterparty,memo,proposal_id,hash,previous_hash',
    );
    const entries = (await wholeLedger()).reverse(); // oldest first, like the CSV
    // memos contain no line breaks, so each entry is one line
    expect(lines).toHaveLength(entries.length + 1);
    entries.forEach((e, i) => {
      const line = lines[i + 1]!;
      const seq = line.split(',')[0];
      expect(Number(seq)).toBe(e.sequence);
      expect(line).toContain(`,${e.kind},${e.direction},${e.amount.amount},${e.balanceAfter.amount},CNY,`);
      expect(e.amount.amount).toMatch(/^\d+\.\d{2}$/);
      expect(e.amount.amount).toBe(toMajorString(e.amount.minorUnits, 'CNY'));
      expect(e.balanceAfter.amount).toBe(toMajorString(e.balanceAfter.minorUnits, 'CNY'));
    });
    // the smallest gift is exact to the fen
    expect(lines.some((l) => l.includes(',DONATION,IN,0.01,'))).toBe(true);
    expect(lines.some((l) => l.includes(',DONATION,IN,9999.99,'))).toBe(true);
    expect(lines.some((l) => l.includes(',DISBURSEMENT,OUT,10000.00,'))).toBe(true);
  });

  it('report.csv opens with the totals', async () => {
    const res = await fetch(`${server.baseUrl}/api/funds/${fundId}/report.csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean);
    expect(lines[0]).toBe('section,name,in,out,currency');
    expect(lines[1]).toMatch(/^total,.*,\d+\.\d{2},25000\.00,CNY$/);
    expect(lines).toContain(`proposal,${rampId},0.00,25000.00,CNY`);
  });

  it('a malformed fund id is 400, an unknown one 404', async () => {
    expect((await fetch(`${server.baseUrl}/api/funds/not-a-fund/ledger.csv`)).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/api/funds/1'%20OR%20'1'='1/ledger.csv`)).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/api/funds/not-a-fund/report.csv`)).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/api/funds/${UNKNOWN}/ledger.csv`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/funds/${fundId}/report.csv?from=yesterday`)).status).toBe(400);
  });
});
