import { BidStatus, ProposalStatus, Role } from '@commonweal/shared';
import { Bid } from '../bids/bid.entity.js';
import {
  errorCode,
  Factory,
  seedProposal,
  startHarness,
  type Harness,
  type TestUser,
} from '../../test-support/harness.js';

const REQUEST = `mutation($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id status amount { minorUnits } payee { id } } }`;
const APPROVE = `mutation($id: ID!) { approveDisbursement(disbursementId: $id) { id status decidedBy { id } ledgerEntry { kind direction amount { minorUnits } } } }`;
const REJECT = `mutation($id: ID!, $note: String) { rejectDisbursement(disbursementId: $id, note: $note) { id status note } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { spent { minorUnits } remainingToDisburse { minorUnits } viewerCan { requestDisbursement } disbursements { id status } } }`;

describe('two-key disbursements', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let admin: TestUser;
  let gov: TestUser;
  let gov2: TestUser;
  let ngo: TestUser;
  let resident: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    [admin, gov, gov2, ngo, resident] = await f.users(
      Role.FUND_ADMIN,
      Role.GOVERNMENT,
      Role.GOVERNMENT,
      Role.SOCIAL_ORGANIZATION,
      Role.RESIDENT,
    );
  });
  afterAll(() => h.close());

  /** A proposal in progress awarded to `ngo` for `awarded`, and money in the fund. */
  async function project(awarded: bigint, fundBalance: number) {
    const p = await seedProposal(h, {
      fundId,
      authorId: admin.user.id,
      status: ProposalStatus.IN_PROGRESS,
      budgetMinor: awarded,
    });
    const em = h.db.dataSource.manager;
    await em.save(
      em.create(Bid, {
        proposalId: p.id,
        organizationId: ngo.organization!.id,
        submittedById: ngo.user.id,
        amountMinor: awarded,
        plan: 'The plan',
        durationDays: 30,
        status: BidStatus.AWARDED,
      }),
    );
    if (fundBalance > 0) {
      const campaign = await h.gql<any>(
        `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
        { input: { fundId, title: 'Top up the fund', description: 'Money for the projects', goalMinor: 100_000_000 } },
        admin.token,
      );
      await h.gql(`mutation($input: DonateInput!) { donate(input: $input) { id } }`, {
        input: {
          campaignId: campaign.data.createCampaign.id,
          amountMinor: fundBalance,
          idempotencyKey: `top-up-${p.id}`,
        },
      });
    }
    return p;
  }
  const balance = async () =>
    (await h.gql<any>(`query($f: ID!) { fund(id: $f) { balance { minorUnits } } }`, { f: fundId })).data.fund.balance
      .minorUnits as number;

  it('pays the awarded organization after a second person approves', async () => {
    const p = await project(100_000n, 200_000);
    const input = { proposalId: p.id, amountMinor: 40_000, memo: 'First instalment' };
    expect(errorCode(await h.gql(REQUEST, { input }))).toBe('UNAUTHENTICATED');
    for (const who of [gov, ngo, resident])
      expect(errorCode(await h.gql(REQUEST, { input }, who.token))).toBe('FORBIDDEN');
    const req = await h.gql<any>(REQUEST, { input }, admin.token);
    expect(req.data.requestDisbursement).toMatchObject({
      status: 'PENDING_APPROVAL',
      amount: { minorUnits: 40_000 },
      payee: { id: ngo.organization!.id },
    });
    const id = req.data.requestDisbursement.id;
    // Pending requests are for the fund's side only.
    expect((await h.gql<any>(PROPOSAL, { id: p.id }, resident.token)).data.proposal.disbursements).toEqual([]);
    expect((await h.gql<any>(PROPOSAL, { id: p.id }, admin.token)).data.proposal).toMatchObject({
      remainingToDisburse: { minorUnits: 60_000 },
      disbursements: [{ id, status: 'PENDING_APPROVAL' }],
    });
    // The requester can never be the approver; a FUND_ADMIN is not a key holder.
    expect(errorCode(await h.gql(APPROVE, { id }, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(APPROVE, { id }, resident.token))).toBe('FORBIDDEN');
    const before = await balance();
    const ok = await h.gql<any>(APPROVE, { id }, gov.token);
    expect(ok.data.approveDisbursement).toMatchObject({
      status: 'APPROVED',
      decidedBy: { id: gov.user.id },
      ledgerEntry: { kind: 'DISBURSEMENT', direction: 'OUT', amount: { minorUnits: 40_000 } },
    });
    expect(await balance()).toBe(before - 40_000);
    expect(errorCode(await h.gql(APPROVE, { id }, gov2.token))).toBe('CONFLICT');
    expect((await h.gql<any>(PROPOSAL, { id: p.id }, resident.token)).data.proposal).toMatchObject({
      spent: { minorUnits: 40_000 },
      disbursements: [{ id, status: 'APPROVED' }],
    });
  });

  it('never pays more than the awarded amount, counting pending requests', async () => {
    const p = await project(50_000n, 100_000);
    const ask = (amountMinor: number) =>
      h.gql<any>(REQUEST, { input: { proposalId: p.id, amountMinor, memo: 'Instalment' } }, admin.token);
    const first = await ask(30_000);
    expect(errorCode(await ask(20_001))).toBe('BAD_USER_INPUT');
    const rejected = await h.gql<any>(
      REJECT,
      { id: first.data.requestDisbursement.id, note: 'Invoice missing' },
      gov.token,
    );
    expect(rejected.data.rejectDisbursement).toMatchObject({ status: 'REJECTED', note: 'Invoice missing' });
    expect((await ask(50_000)).data.requestDisbursement.status).toBe('PENDING_APPROVAL');
    expect((await h.gql<any>(PROPOSAL, { id: p.id }, admin.token)).data.proposal.viewerCan.requestDisbursement).toBe(
      false,
    );
    expect(errorCode(await ask(1))).toBe('BAD_USER_INPUT');
    const notYet = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.BIDDING });
    expect(
      errorCode(
        await h.gql(REQUEST, { input: { proposalId: notYet.id, amountMinor: 1, memo: 'Too early' } }, admin.token),
      ),
    ).toBe('CONFLICT');
  });

  it('fails with INSUFFICIENT_FUNDS and changes nothing when the fund is short', async () => {
    const p = await project(900_000_000n, 0);
    const before = await balance();
    const req = await h.gql<any>(
      REQUEST,
      { input: { proposalId: p.id, amountMinor: before + 1, memo: 'Too much' } },
      admin.token,
    );
    const res = await h.gql(APPROVE, { id: req.data.requestDisbursement.id }, gov.token);
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(await balance()).toBe(before);
    const still = await h.gql<any>(PROPOSAL, { id: p.id }, admin.token);
    expect(still.data.proposal.disbursements).toEqual([
      { id: req.data.requestDisbursement.id, status: 'PENDING_APPROVAL' },
    ]);
  });

  it('lets only one of two concurrent approvals through when together they exceed the balance', async () => {
    const p = await project(900_000_000n, 0);
    const available = await balance();
    const half = Math.floor(available / 2) + 1; // eslint-disable-line no-restricted-syntax -- test arithmetic on a whole number
    const a = await h.gql<any>(
      REQUEST,
      { input: { proposalId: p.id, amountMinor: half, memo: 'Payment A' } },
      admin.token,
    );
    const b = await h.gql<any>(
      REQUEST,
      { input: { proposalId: p.id, amountMinor: half, memo: 'Payment B' } },
      admin.token,
    );
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const results = await Promise.all([
      h.gql<any>(APPROVE, { id: a.data.requestDisbursement.id }, gov.token),
      h.gql<any>(APPROVE, { id: b.data.requestDisbursement.id }, gov2.token),
    ]);
    expect(results.filter((r) => r.data?.approveDisbursement).length).toBe(1);
    expect(results.filter((r) => !r.data?.approveDisbursement).map(errorCode)).toEqual(['INSUFFICIENT_FUNDS']);
    expect(await balance()).toBe(available - half);
    const verify = await h.gql<any>(`query($f: ID!) { verifyLedger(fundId: $f) { valid } }`, { f: fundId });
    expect(verify.data.verifyLedger.valid).toBe(true);
  });
});
