import { ProposalStatus, Role } from '@commonweal/shared';
import {
  errorCode,
  Factory,
  seedProposal,
  startHarness,
  subscribe,
  type Harness,
  type TestUser,
} from '../../test-support/harness.js';

const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status goal { minorUnits } proposal { id } } }`;
const DONATE = `mutation($input: DonateInput!) { donate(input: $input) { id donorName amount { minorUnits } campaign { id } } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { raised { minorUnits } donorCount progressPercent status donations(first: 3) { totalCount nodes { donorName amount { minorUnits } } } } }`;

describe('campaigns and donations', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let admin: TestUser;
  let gov: TestUser;
  let resident: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    [admin, gov, resident] = await f.users(Role.FUND_ADMIN, Role.GOVERNMENT, Role.RESIDENT);
  });
  afterAll(() => h.close());

  const campaign = async (over: Record<string, unknown> = {}) => {
    const res = await h.gql<any>(
      CREATE,
      {
        input: {
          fundId,
          title: 'Lunch for elders',
          description: 'Every gift pays for lunches.',
          goalMinor: 1_000_000,
          ...over,
        },
      },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.createCampaign.id as string;
  };
  let keys = 0;
  const key = () => `test-key-${++keys}-${Date.now()}`;
  const invariants = async () => {
    const [row] = await h.db.dataSource.query(
      `SELECT (SELECT COALESCE(sum(CASE WHEN direction = 'IN' THEN amount_minor ELSE -amount_minor END), 0) FROM ledger_entries WHERE fund_id = $1) AS sum,
              (SELECT balance_after_minor FROM ledger_entries WHERE fund_id = $1 ORDER BY sequence DESC LIMIT 1) AS last,
              (SELECT count(*) FROM donations d WHERE d.ledger_entry_id IS NULL) AS unposted`,
      [fundId],
    );
    const api = await h.gql<any>(
      `query($f: ID!) { fund(id: $f) { balance { minorUnits } } verifyLedger(fundId: $f) { valid } }`,
      { f: fundId },
    );
    expect(String(api.data.fund.balance.minorUnits)).toBe(row.sum);
    expect(row.last ?? '0').toBe(row.sum);
    expect(row.unposted).toBe('0');
    expect(api.data.verifyLedger.valid).toBe(true);
  };

  it('is created by FUND_ADMIN only, with valid input', async () => {
    const input = {
      fundId,
      title: 'Lunch for elders',
      description: 'Every gift pays for lunches.',
      goalMinor: 1_000_000,
    };
    expect(errorCode(await h.gql(CREATE, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(CREATE, { input }, gov.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, { input: { ...input, goalMinor: 0 } }, admin.token))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await h.gql(CREATE, { input: { ...input, endsAt: new Date(Date.now() - 1000).toISOString() } }, admin.token),
      ),
    ).toBe('BAD_USER_INPUT');
    const rejected = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.REJECTED });
    expect(errorCode(await h.gql(CREATE, { input: { ...input, proposalId: rejected.id } }, admin.token))).toBe(
      'CONFLICT',
    );
    const open = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.APPROVED });
    const ok = await h.gql<any>(CREATE, { input: { ...input, proposalId: open.id } }, admin.token);
    expect(ok.data.createCampaign).toMatchObject({
      status: 'OPEN',
      goal: { minorUnits: 1_000_000 },
      proposal: { id: open.id },
    });
  });

  it('takes donations from anyone, shows names or "Anonymous", and moves progress live', async () => {
    const id = await campaign();
    const watch = subscribe<any>(
      h.ws(null),
      `subscription($id: ID!) { campaignUpdated(campaignId: $id) { raised { minorUnits } donorCount progressPercent } }`,
      { id },
    );
    await new Promise((r) => setTimeout(r, 200));
    const a = await h.gql<any>(DONATE, {
      input: { campaignId: id, amountMinor: 250_000, displayName: 'Ada', idempotencyKey: key() },
    });
    expect(a.data.donate).toMatchObject({ donorName: 'Ada', amount: { minorUnits: 250_000 } });
    expect((await watch.next()).data.campaignUpdated).toEqual({
      raised: { minorUnits: 250_000 },
      donorCount: 1,
      progressPercent: 25,
    });
    const b = await h.gql<any>(
      DONATE,
      { input: { campaignId: id, amountMinor: 1, displayName: 'Hidden', anonymous: true, idempotencyKey: key() } },
      resident.token,
    );
    expect(b.data.donate.donorName).toBe('Anonymous');
    // A signed-in donor who chose anonymity is not named anywhere, the ledger included.
    const newest = await h.gql<any>(
      `query($f: ID!) { ledger(fundId: $f, first: 1) { nodes { counterparty recordedBy { id } } } }`,
      { f: fundId },
    );
    expect(newest.data.ledger.nodes[0]).toEqual({ counterparty: 'Anonymous', recordedBy: null });
    const c = await h.gql<any>(DONATE, { input: { campaignId: id, amountMinor: 999_999, idempotencyKey: key() } });
    expect(c.data.donate.donorName).toBe('Anonymous');
    const view = (await h.gql<any>(CAMPAIGN, { id })).data.campaign;
    expect(view).toMatchObject({
      raised: { minorUnits: 1_250_000 },
      donorCount: 3,
      progressPercent: 100,
      status: 'OPEN',
    });
    expect(view.donations.totalCount).toBe(3);
    expect(view.donations.nodes[0]).toEqual({ donorName: 'Anonymous', amount: { minorUnits: 999_999 } });
    await invariants();
  });

  it('records a retried donation once, even when the retries race, and refuses a reused key for another gift', async () => {
    const id = await campaign();
    const k = key();
    const input = { campaignId: id, amountMinor: 4_200, displayName: 'Retry', idempotencyKey: k };
    const results = await Promise.all(Array.from({ length: 8 }, () => h.gql<any>(DONATE, { input })));
    const ids = new Set(results.map((r) => r.data?.donate?.id));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(errorCode(await h.gql(DONATE, { input: { ...input, amountMinor: 4_201 } }))).toBe('CONFLICT');
    const other = await campaign();
    expect(errorCode(await h.gql(DONATE, { input: { ...input, campaignId: other } }))).toBe('CONFLICT');
    const view = (await h.gql<any>(CAMPAIGN, { id })).data.campaign;
    expect(view).toMatchObject({ raised: { minorUnits: 4_200 }, donorCount: 1 });
    await invariants();
  });

  it('keeps every one of 200 concurrent donations exactly once, with retries among them', async () => {
    const id = await campaign({ goalMinor: 100_000_000 });
    const gifts = Array.from({ length: 200 }, (_, i) => ({
      campaignId: id,
      amountMinor: 100 + i,
      idempotencyKey: key(),
    }));
    const retries = gifts.filter((_, i) => i % 5 === 0);
    const results = await Promise.all([...gifts, ...retries].map((input) => h.gql<any>(DONATE, { input })));
    expect(results.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
    const expected = gifts.reduce((s, g) => s + g.amountMinor, 0);
    const view = (await h.gql<any>(CAMPAIGN, { id })).data.campaign;
    expect(view).toMatchObject({ raised: { minorUnits: expected }, donorCount: 200 });
    const [row] = await h.db.dataSource.query(
      `SELECT count(*)::int AS n, sum(e.amount_minor)::bigint AS total FROM donations d JOIN ledger_entries e ON e.id = d.ledger_entry_id WHERE d.campaign_id = $1`,
      [id],
    );
    expect(row).toEqual({ n: 200, total: String(expected) });
    await invariants();
  });

  it('refuses bad donations with clear errors and writes nothing', async () => {
    const id = await campaign();
    const closed = await campaign();
    await h.db.dataSource.query(`UPDATE campaigns SET ends_at = now() - interval '1 minute' WHERE id = $1`, [closed]);
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM donations');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amountMinor: 0 }, 'BAD_USER_INPUT'],
      [{ amountMinor: -100 }, 'BAD_USER_INPUT'],
      [{ amountMinor: 10.5 }, 'BAD_USER_INPUT'],
      [{ amountMinor: Number.MAX_SAFE_INTEGER + 2 }, 'BAD_USER_INPUT'],
      [{ amountMinor: 1_000_000_001 }, 'BAD_USER_INPUT'],
      [{ amountMinor: null }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: 'short' }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: 'has spaces in it' }, 'BAD_USER_INPUT'],
      [{ displayName: '   ' }, 'BAD_USER_INPUT'],
      [{ campaignId: '6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11' }, 'NOT_FOUND'],
      [{ campaignId: closed }, 'CONFLICT'],
    ];
    for (const [over, code] of cases) {
      const res = await h.gql(DONATE, { input: { campaignId: id, amountMinor: 100, idempotencyKey: key(), ...over } });
      expect([over, errorCode(res)]).toEqual([over, code]);
    }
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM donations')).toEqual(before);
    const status = await h.gql<any>(`query($id: ID!) { campaign(id: $id) { status viewerCan { donate } } }`, {
      id: closed,
    });
    expect(status.data.campaign).toEqual({ status: 'CLOSED', viewerCan: { donate: false } });
  });
});
