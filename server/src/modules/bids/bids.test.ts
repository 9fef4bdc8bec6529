import { ProposalStatus, Role } from '@commonweal/shared';
import { Proposal } from '../proposals/proposal.entity.js';
import {
  errorCode,
  Factory,
  seedProposal,
  startHarness,
  subscribe,
  type Harness,
  type TestUser,
} from '../../test-support/harness.js';

type U = TestUser;

const SUBMIT = `mutation($input: SubmitBidInput!) { submitBid(input: $input) { id status amount { minorUnits } organization { id } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawBid(bidId: $id) { id status } }`;
const AWARD = `mutation($id: ID!) { awardBid(bidId: $id) { id status proposal { id status } } }`;
const BIDS = `query($id: ID!) { proposal(id: $id) { status bidCount bids { id status amount { minorUnits } plan } awardedBid { id amount { minorUnits } } viewerCan { bid award postProgress complete } } }`;
const ORG_BIDS = `query($o: ID!) { organization(id: $o) { bids { id amount { minorUnits } } partnerships { kind status proposal { id } } } }`;

describe('sealed bids and awards', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let ngoA: U;
  let ngoA2: U;
  let ngoB: U;
  let ngoC: U;
  let admin: U;
  let gov: U;
  let resident: U;
  let enterprise: U;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    [ngoA, ngoB, ngoC, admin, gov, resident, enterprise] = await f.users(
      Role.SOCIAL_ORGANIZATION,
      Role.SOCIAL_ORGANIZATION,
      Role.SOCIAL_ORGANIZATION,
      Role.FUND_ADMIN,
      Role.GOVERNMENT,
      Role.RESIDENT,
      Role.ENTERPRISE,
    );
    ngoA2 = await f.user(Role.SOCIAL_ORGANIZATION, { organization: ngoA.organization });
  });
  afterAll(() => h.close());

  const bidding = (closesInMs = 60_000) =>
    seedProposal(h, {
      fundId,
      authorId: admin.user.id,
      status: ProposalStatus.BIDDING,
      budgetMinor: 1_000_000n,
      biddingClosesAt: new Date(Date.now() + closesInMs),
    });
  const bid = async (proposalId: string, by: U, amountMinor = 800_000) => {
    const res = await h.gql<any>(
      SUBMIT,
      { input: { proposalId, amountMinor, plan: 'Our detailed delivery plan', durationDays: 90 } },
      by.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.submitBid.id as string;
  };
  const close = (proposalId: string) =>
    h.db.dataSource
      .getRepository(Proposal)
      .update({ id: proposalId }, { biddingClosesAt: new Date(Date.now() - 1000) });

  it('takes one live bid per verified social organization while bidding is open, within the budget', async () => {
    const p = await bidding();
    const input = { proposalId: p.id, amountMinor: 500_000, plan: 'Our detailed delivery plan', durationDays: 30 };
    expect(errorCode(await h.gql(SUBMIT, { input }))).toBe('UNAUTHENTICATED');
    for (const who of [resident, enterprise, admin, gov])
      expect(errorCode(await h.gql(SUBMIT, { input }, who.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(SUBMIT, { input: { ...input, amountMinor: 1_000_001 } }, ngoA.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await h.gql(SUBMIT, { input: { ...input, durationDays: 0 } }, ngoA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(SUBMIT, { input: { ...input, plan: 'short' } }, ngoA.token))).toBe('BAD_USER_INPUT');
    const first = await h.gql<any>(SUBMIT, { input }, ngoA.token);
    expect(first.data.submitBid).toMatchObject({
      status: 'SUBMITTED',
      amount: { minorUnits: 500_000 },
      organization: { id: ngoA.organization!.id },
    });
    expect(errorCode(await h.gql(SUBMIT, { input }, ngoA2.token))).toBe('CONFLICT');
    expect((await h.gql<any>(BIDS, { id: p.id }, ngoA2.token)).data.proposal.viewerCan.bid).toBe(false);
    expect((await h.gql<any>(BIDS, { id: p.id }, ngoB.token)).data.proposal.viewerCan.bid).toBe(true);
    // Withdrawn, the organization may bid again.
    expect(errorCode(await h.gql(WITHDRAW, { id: first.data.submitBid.id }, ngoB.token))).toBe('NOT_FOUND');
    expect((await h.gql<any>(WITHDRAW, { id: first.data.submitBid.id }, ngoA2.token)).data.withdrawBid.status).toBe(
      'WITHDRAWN',
    );
    expect((await h.gql<any>(SUBMIT, { input }, ngoA.token)).data.submitBid.status).toBe('SUBMITTED');

    const approved = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.APPROVED });
    expect(errorCode(await h.gql(SUBMIT, { input: { ...input, proposalId: approved.id } }, ngoA.token))).toBe(
      'CONFLICT',
    );
    await close(p.id);
    expect(errorCode(await h.gql(SUBMIT, { input }, ngoB.token))).toBe('CONFLICT');
  });

  it('keeps amounts and plans sealed before the award, on every path', async () => {
    const p = await bidding();
    const a = await bid(p.id, ngoA, 700_000);
    const b = await bid(p.id, ngoB, 650_000);
    const ids = async (who: U | null) =>
      ((await h.gql<any>(BIDS, { id: p.id }, who?.token)).data.proposal.bids as Array<{ id: string }>)
        .map((x) => x.id)
        .sort();
    expect(await ids(null)).toEqual([]);
    expect(await ids(resident)).toEqual([]);
    expect(await ids(ngoA2)).toEqual([a]);
    expect(await ids(ngoB)).toEqual([b]);
    expect(await ids(gov)).toEqual([a, b].sort());
    expect(await ids(admin)).toEqual([a, b].sort());
    expect((await h.gql<any>(BIDS, { id: p.id })).data.proposal).toMatchObject({ bidCount: 2, awardedBid: null });
    const orgBids = async (org: string, who: U | null) =>
      (await h.gql<any>(ORG_BIDS, { o: org }, who?.token)).data.organization.bids;
    expect(await orgBids(ngoB.organization!.id, ngoA)).toEqual([]);
    expect(await orgBids(ngoB.organization!.id, null)).toEqual([]);
    expect(await orgBids(ngoB.organization!.id, ngoB)).toHaveLength(1);

    // A resident watching the proposal never receives a bid.
    const watch = subscribe<any>(
      h.ws(resident.token),
      `subscription($id: ID!) { proposalUpdated(proposalId: $id) { bidCount bids { id amount { minorUnits } } } }`,
      { id: p.id },
    );
    await new Promise((r) => setTimeout(r, 200));
    await bid(p.id, ngoC, 990_000);
    expect((await watch.next()).data.proposalUpdated).toEqual({ bidCount: 3, bids: [] });
  });

  it('awards only after the close, by the fund’s side, exactly once even when awards race', async () => {
    const p = await bidding();
    const a = await bid(p.id, ngoA, 700_000);
    const b = await bid(p.id, ngoB, 650_000);
    const c = await bid(p.id, ngoC, 600_000);
    await h.gql(WITHDRAW, { id: c }, ngoC.token);
    expect(errorCode(await h.gql(AWARD, { id: a }, gov.token))).toBe('CONFLICT');
    expect((await h.gql<any>(BIDS, { id: p.id }, gov.token)).data.proposal.viewerCan.award).toBe(false);
    await close(p.id);
    expect((await h.gql<any>(BIDS, { id: p.id }, gov.token)).data.proposal.viewerCan.award).toBe(true);
    expect(errorCode(await h.gql(AWARD, { id: a }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(AWARD, { id: a }, ngoA.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(AWARD, { id: c }, gov.token))).toBe('CONFLICT');

    const results = await Promise.all([
      h.gql<any>(AWARD, { id: a }, gov.token),
      h.gql<any>(AWARD, { id: b }, admin.token),
      h.gql<any>(AWARD, { id: a }, admin.token),
      h.gql<any>(AWARD, { id: b }, gov.token),
    ]);
    const won = results.filter((r) => r.data?.awardBid);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.data?.awardBid).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const rows = await h.db.dataSource.query(
      `SELECT status, count(*)::int AS n FROM bids WHERE proposal_id = $1 GROUP BY status ORDER BY status`,
      [p.id],
    );
    expect(rows).toEqual([
      { status: 'AWARDED', n: 1 },
      { status: 'NOT_AWARDED', n: 1 },
      { status: 'WITHDRAWN', n: 1 },
    ]);
    const winner = won[0]!.data.awardBid.id as string;
    const loser = winner === a ? b : a;
    const [winnerOrg, loserOrg, winnerUser, loserUser] =
      winner === a
        ? [ngoA.organization!, ngoB.organization!, ngoA, ngoB]
        : [ngoB.organization!, ngoA.organization!, ngoB, ngoA];
    expect(won[0]!.data.awardBid.proposal.status).toBe('IN_PROGRESS');

    // After the award the winning bid is public; the loser's stays sealed from everyone but itself and the fund.
    const view = async (who: U | null) => (await h.gql<any>(BIDS, { id: p.id }, who?.token)).data.proposal;
    expect((await view(null)).awardedBid.id).toBe(winner);
    expect((await view(null)).bids.map((x: { id: string }) => x.id)).toEqual([winner]);
    expect((await view(winnerUser)).bids.map((x: { id: string }) => x.id)).toEqual([winner]);
    expect((await view(loserUser)).bids.map((x: { id: string }) => x.id).sort()).toEqual([winner, loser].sort());
    expect((await h.gql<any>(ORG_BIDS, { o: loserOrg.id }, winnerUser.token)).data.organization.bids).toEqual([]);
    expect((await h.gql<any>(ORG_BIDS, { o: loserOrg.id }, resident.token)).data.organization.bids).toEqual([]);
    const winnerRecord = (await h.gql<any>(ORG_BIDS, { o: winnerOrg.id }, resident.token)).data.organization;
    expect(winnerRecord.bids.map((x: { id: string }) => x.id)).toEqual([winner]);
    expect(winnerRecord.partnerships).toEqual([{ kind: 'PROJECT', status: 'ACTIVE', proposal: { id: p.id } }]);
  });

  it('lets the awarded organization and FUND_ADMIN report progress, then completes', async () => {
    const p = await bidding();
    const a = await bid(p.id, ngoA);
    await bid(p.id, ngoB);
    await close(p.id);
    await h.gql(AWARD, { id: a }, admin.token);
    const POST = `mutation($id: ID!, $b: String!, $pc: Int!) { postProgressUpdate(proposalId: $id, body: $b, percentComplete: $pc) { id percentComplete author { id } proposal { id } } }`;
    expect((await h.gql<any>(BIDS, { id: p.id }, ngoA2.token)).data.proposal.viewerCan.postProgress).toBe(true);
    expect((await h.gql<any>(BIDS, { id: p.id }, ngoB.token)).data.proposal.viewerCan.postProgress).toBe(false);
    expect(errorCode(await h.gql(POST, { id: p.id, b: 'We started', pc: 10 }, ngoB.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(POST, { id: p.id, b: 'We started', pc: 10 }, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(POST, { id: p.id, b: 'We started', pc: 101 }, ngoA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(POST, { id: p.id, b: '  ', pc: 5 }, ngoA.token))).toBe('BAD_USER_INPUT');
    const posted = await h.gql<any>(POST, { id: p.id, b: 'Kitchen installed', pc: 40 }, ngoA2.token);
    expect(posted.data.postProgressUpdate).toMatchObject({
      percentComplete: 40,
      author: { id: ngoA2.user.id },
      proposal: { id: p.id },
    });
    await h.gql(POST, { id: p.id, b: 'Checked by the fund', pc: 60 }, admin.token);
    const timeline = await h.gql<any>(`query($id: ID!) { proposal(id: $id) { progressUpdates { percentComplete } } }`, {
      id: p.id,
    });
    expect(timeline.data.proposal.progressUpdates).toEqual([{ percentComplete: 40 }, { percentComplete: 60 }]);

    const COMPLETE = `mutation($id: ID!) { completeProposal(proposalId: $id) { status } }`;
    expect(errorCode(await h.gql(COMPLETE, { id: p.id }, ngoA.token))).toBe('FORBIDDEN');
    expect((await h.gql<any>(COMPLETE, { id: p.id }, gov.token)).data.completeProposal.status).toBe('COMPLETED');
    expect(errorCode(await h.gql(COMPLETE, { id: p.id }, gov.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(POST, { id: p.id, b: 'One more thing', pc: 100 }, ngoA.token))).toBe('CONFLICT');
  });
});
