import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, type Harness } from '../../test-support/harness.js';

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id status budget { minorUnits amount currency } author { id } } }`;
const OPEN = `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id status consultationEndsAt } }`;
const VOTE = `mutation($id: ID!, $c: VoteChoice!) { castVote(proposalId: $id, choice: $c) { id votes { support oppose } viewerVote } }`;
const DECIDE = `mutation($id: ID!, $d: ProposalDecision!) { decideProposal(proposalId: $id, decision: $d, note: "ok") { id status decisionNote } }`;
const GET = `query($id: ID!) { proposal(id: $id) { id status title viewerCan { vote comment decide openConsultation withdraw } } }`;

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('proposals: life cycle, votes and visibility', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let ngo: Awaited<ReturnType<Factory['user']>>;
  let admin: Awaited<ReturnType<Factory['user']>>;
  let gov: Awaited<ReturnType<Factory['user']>>;
  let resident: Awaited<ReturnType<Factory['user']>>;
  let resident2: Awaited<ReturnType<Factory['user']>>;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    ngo = await f.user(Role.SOCIAL_ORGANIZATION);
    admin = await f.user(Role.FUND_ADMIN);
    gov = await f.user(Role.GOVERNMENT);
    resident = await f.user(Role.RESIDENT);
    resident2 = await f.user(Role.RESIDENT);
  });
  afterAll(() => h.close());

  const input = (over: Record<string, unknown> = {}) => ({
    fundId,
    title: 'Fix the lift',
    summary: 'Repair the lift in building 3 this winter.',
    body: 'A certified contractor repairs the lift.',
    category: 'PROPERTY_SERVICES',
    budgetMinor: 12_000_000,
    ...over,
  });

  async function draft(token = ngo.token): Promise<string> {
    const res = await h.gql<any>(CREATE, { input: input() }, token);
    expect(res.errors).toBeUndefined();
    return res.data.createProposal.id;
  }

  it('creates a DRAFT with the budget as exact money', async () => {
    const res = await h.gql<any>(CREATE, { input: input({ budgetMinor: 12_345_67 }) }, ngo.token);
    expect(res.data.createProposal).toMatchObject({
      status: ProposalStatus.DRAFT,
      budget: { minorUnits: 1_234_567, amount: '12345.67', currency: 'CNY' },
      author: { id: ngo.user.id },
    });
  });

  it('hides drafts from everyone but the author and FUND_ADMIN', async () => {
    const id = await draft();
    expect((await h.gql<any>(GET, { id }, ngo.token)).data.proposal.id).toBe(id);
    expect((await h.gql<any>(GET, { id }, admin.token)).data.proposal.id).toBe(id);
    expect((await h.gql<any>(GET, { id }, resident.token)).data.proposal).toBeNull();
    expect((await h.gql<any>(GET, { id })).data.proposal).toBeNull();
    const list = await h.gql<any>(
      `query($f: ID!) { proposals(fundId: $f, first: 100) { nodes { id } } }`,
      { f: fundId },
      resident.token,
    );
    expect(list.data.proposals.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    // Acting on someone else's draft looks exactly like acting on nothing.
    expect(errorCode(await h.gql(OPEN, { id, at: inDays(7) }, gov.token))).toBe('NOT_FOUND');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM proposals');
    for (const [over, field] of [
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ budgetMinor: 0 }, 'budgetMinor'],
      [{ budgetMinor: -5 }, 'budgetMinor'],
    ] as const) {
      const res = await h.gql(CREATE, { input: input(over) }, ngo.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(errorCode(await h.gql(CREATE, { input: input({ budgetMinor: 1.5 }) }, ngo.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(CREATE, { input: input({ category: 'NOPE' }) }, ngo.token))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await h.gql(CREATE, { input: input({ fundId: '00000000-0000-4000-8000-000000000000' }) }, ngo.token)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(CREATE, { input: input({ fundId: 'not-an-id' }) }, ngo.token))).toBe('BAD_USER_INPUT');
    const after = await h.db.dataSource.query('SELECT count(*)::int AS n FROM proposals');
    expect(after).toEqual(before);
  });

  it('runs DRAFT -> CONSULTATION -> APPROVED with votes, and refuses illegal moves with CONFLICT', async () => {
    const id = await draft();
    expect(errorCode(await h.gql(OPEN, { id, at: inDays(-1) }, ngo.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(OPEN, { id, at: inDays(7) }, resident.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(VOTE, { id, c: 'SUPPORT' }, resident.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(DECIDE, { id, d: 'APPROVE' }, gov.token))).toBe('NOT_FOUND');

    const opened = await h.gql<any>(OPEN, { id, at: inDays(7) }, ngo.token);
    expect(opened.data.openConsultation.status).toBe('CONSULTATION');
    expect(errorCode(await h.gql(OPEN, { id, at: inDays(7) }, ngo.token))).toBe('CONFLICT');

    const v1 = await h.gql<any>(VOTE, { id, c: 'SUPPORT' }, resident.token);
    expect(v1.data.castVote).toMatchObject({ votes: { support: 1, oppose: 0 }, viewerVote: 'SUPPORT' });
    const v2 = await h.gql<any>(VOTE, { id, c: 'OPPOSE' }, resident.token);
    expect(v2.data.castVote).toMatchObject({ votes: { support: 0, oppose: 1 }, viewerVote: 'OPPOSE' });
    await h.gql(VOTE, { id, c: 'SUPPORT' }, resident2.token);
    expect(errorCode(await h.gql(VOTE, { id, c: 'SUPPORT' }, ngo.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(VOTE, { id, c: 'SUPPORT' }))).toBe('UNAUTHENTICATED');

    expect(errorCode(await h.gql(DECIDE, { id, d: 'APPROVE' }, resident.token))).toBe('FORBIDDEN');
    const decided = await h.gql<any>(DECIDE, { id, d: 'APPROVE' }, gov.token);
    expect(decided.data.decideProposal).toMatchObject({ status: 'APPROVED', decisionNote: 'ok' });
    expect(errorCode(await h.gql(DECIDE, { id, d: 'REJECT' }, gov.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(VOTE, { id, c: 'SUPPORT' }, resident.token))).toBe('CONFLICT');
    const tally = await h.gql<any>(`query($id: ID!) { proposal(id: $id) { votes { support oppose } } }`, { id });
    expect(tally.data.proposal.votes).toEqual({ support: 1, oppose: 1 });
  });

  it('opens bidding on an APPROVED proposal with a future close, by the fund side only', async () => {
    const id = await draft();
    await h.gql(OPEN, { id, at: inDays(7) }, ngo.token);
    const BID = `mutation($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { status biddingClosesAt } }`;
    expect(errorCode(await h.gql(BID, { id, at: inDays(7) }, gov.token))).toBe('CONFLICT');
    await h.gql(DECIDE, { id, d: 'APPROVE' }, gov.token);
    expect(errorCode(await h.gql(BID, { id, at: inDays(7) }, ngo.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(BID, { id, at: inDays(-1) }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(BID, { id, at: 'next tuesday' }, admin.token))).toBe('BAD_USER_INPUT');
    const at = inDays(10);
    const opened = await h.gql<any>(BID, { id, at }, admin.token);
    expect(opened.data.openBidding).toEqual({ status: 'BIDDING', biddingClosesAt: at });
  });

  it('closes voting at consultationEndsAt', async () => {
    const id = await draft();
    await h.gql(OPEN, { id, at: inDays(3) }, ngo.token);
    await h.db.dataSource.query(
      `UPDATE proposals SET consultation_ends_at = now() - interval '1 minute' WHERE id = $1`,
      [id],
    );
    const res = await h.gql(VOTE, { id, c: 'SUPPORT' }, resident.token);
    expect(errorCode(res)).toBe('CONFLICT');
    const count = await h.db.dataSource.query('SELECT count(*)::int AS n FROM votes WHERE proposal_id = $1', [id]);
    expect(count[0].n).toBe(0);
  });

  it('tells each viewer what they may do (viewerCan mirrors the rules)', async () => {
    const id = await draft();
    await h.gql(OPEN, { id, at: inDays(3) }, ngo.token);
    const asResident = (await h.gql<any>(GET, { id }, resident.token)).data.proposal.viewerCan;
    expect(asResident).toEqual({ vote: true, comment: true, decide: false, openConsultation: false, withdraw: false });
    const asGov = (await h.gql<any>(GET, { id }, gov.token)).data.proposal.viewerCan;
    expect(asGov).toMatchObject({ vote: false, decide: true });
    const asAuthor = (await h.gql<any>(GET, { id }, ngo.token)).data.proposal.viewerCan;
    expect(asAuthor).toMatchObject({ withdraw: true, decide: false });
    const anon = (await h.gql<any>(GET, { id })).data.proposal.viewerCan;
    expect(Object.values(anon).every((v) => v === false)).toBe(true);
  });

  it('withdraws from DRAFT by the author, never from a final state', async () => {
    const id = await draft();
    const W = `mutation($id: ID!) { withdrawProposal(proposalId: $id) { status } }`;
    expect(errorCode(await h.gql(W, { id }, resident.token))).toBe('NOT_FOUND');
    expect((await h.gql<any>(W, { id }, ngo.token)).data.withdrawProposal.status).toBe('WITHDRAWN');
    expect(errorCode(await h.gql(W, { id }, ngo.token))).toBe('CONFLICT');
  });

  it('filters by status and category, searches title and summary, and pages with cursors', async () => {
    const { fund } = await f.fund('Search fund');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await h.gql<any>(
        CREATE,
        {
          input: input({
            fundId: fund.id,
            title: `Garden ${i}`,
            summary: i % 2 ? 'Plant trees by the river' : 'Paint the fence again',
            category: i % 2 ? 'ENVIRONMENT' : 'OTHER',
          }),
        },
        ngo.token,
      );
      ids.push(res.data.createProposal.id);
      await h.gql(OPEN, { id: res.data.createProposal.id, at: inDays(5) }, ngo.token);
    }
    const Q = `query($f: ID!, $s: [ProposalStatus!], $c: Category, $q: String, $first: Int, $after: String) {
      proposals(fundId: $f, status: $s, category: $c, search: $q, first: $first, after: $after) {
        totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const byCategory = await h.gql<any>(Q, { f: fund.id, c: 'ENVIRONMENT' }, resident.token);
    expect(byCategory.data.proposals.totalCount).toBe(2);
    const searched = await h.gql<any>(Q, { f: fund.id, q: 'TREES' }, resident.token);
    expect(searched.data.proposals.nodes.map((n: { id: string }) => n.id).sort()).toEqual([ids[1], ids[3]].sort());
    const likeChars = await h.gql<any>(Q, { f: fund.id, q: '%' }, resident.token);
    expect(likeChars.data.proposals.totalCount).toBe(0);
    const drafts = await h.gql<any>(Q, { f: fund.id, s: ['DRAFT'] }, resident.token);
    expect(drafts.data.proposals.totalCount).toBe(0);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await h.gql(Q, { f: fund.id, first: 2, after }, resident.token);
      seen.push(...res.data.proposals.nodes.map((n: { id: string }) => n.id));
      expect(res.data.proposals.totalCount).toBe(5);
      if (!res.data.proposals.pageInfo.hasNextPage) break;
      after = res.data.proposals.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    expect(errorCode(await h.gql(Q, { f: fund.id, first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(Q, { f: fund.id, first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(Q, { f: fund.id, after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });
});
