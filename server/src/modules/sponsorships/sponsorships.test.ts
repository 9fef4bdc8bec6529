import { OrganizationType, ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, subscribe, type Harness } from '../../test-support/harness.js';

type U = Awaited<ReturnType<Factory['user']>>;

const PROPOSE = `mutation($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id status kind amount { minorUnits amount } organization { id } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!, $note: String) { respondToSponsorship(sponsorshipId: $id, accept: $accept, note: $note) { id status note decidedBy { id } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id status } }`;
const PAY = `mutation($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id status fulfilledAt } }`;
const VIEW = `query($id: ID!) { proposal(id: $id) { sponsoredTotal { minorUnits } sponsorships { id status viewerCan { respond withdraw recordPayment } } viewerCan { sponsor } } }`;
const LEDGER = `query($f: ID!) { fund(id: $f) { balance { minorUnits } totalRaised { minorUnits } ledger(first: 10) { totalCount nodes { sequence kind direction amount { minorUnits } balanceAfter { minorUnits } counterparty hash previousHash proposal { id } } } } }`;

describe('sponsorships', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let enterprise: U;
  let colleague: U;
  let otherEnterprise: U;
  let admin: U;
  let gov: U;
  let resident: U;
  let ngo: U;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    enterprise = await f.user(Role.ENTERPRISE);
    colleague = await f.user(Role.ENTERPRISE, { organization: enterprise.organization });
    otherEnterprise = await f.user(Role.ENTERPRISE);
    admin = await f.user(Role.FUND_ADMIN);
    gov = await f.user(Role.GOVERNMENT);
    resident = await f.user(Role.RESIDENT);
    ngo = await f.user(Role.SOCIAL_ORGANIZATION);
  });
  afterAll(() => h.close());

  const open = (status = ProposalStatus.CONSULTATION) =>
    seedProposal(h, { fundId, authorId: ngo.user.id, status, consultationEndsAt: new Date(Date.now() + 86_400_000) });
  const pledge = async (proposalId: string, over: Record<string, unknown> = {}, by = enterprise) => {
    const res = await h.gql<any>(
      PROPOSE,
      { input: { proposalId, kind: 'FUNDS', amountMinor: 300_000, description: 'Kitchen equipment', ...over } },
      by.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.proposeSponsorship.id as string;
  };

  it('takes pledges from verified enterprises only, on proposals open for them', async () => {
    const p = await open();
    const input = { proposalId: p.id, kind: 'IN_KIND', amountMinor: 50_000, description: 'Two wheelchairs' };
    expect(errorCode(await h.gql(PROPOSE, { input }))).toBe('UNAUTHENTICATED');
    for (const who of [resident, ngo, admin, gov])
      expect(errorCode(await h.gql(PROPOSE, { input }, who.token))).toBe('FORBIDDEN');
    const unverified = await f.user(Role.ENTERPRISE, {
      organization: await f.organization(OrganizationType.ENTERPRISE, false),
    });
    expect(errorCode(await h.gql(PROPOSE, { input }, unverified.token))).toBe('FORBIDDEN');
    const ok = await h.gql<any>(PROPOSE, { input }, enterprise.token);
    expect(ok.data.proposeSponsorship).toMatchObject({
      status: 'PROPOSED',
      kind: 'IN_KIND',
      amount: { minorUnits: 50_000, amount: '500.00' },
      organization: { id: enterprise.organization!.id },
    });

    for (const status of [ProposalStatus.REJECTED, ProposalStatus.COMPLETED, ProposalStatus.WITHDRAWN]) {
      const closed = await open(status);
      expect(errorCode(await h.gql(PROPOSE, { input: { ...input, proposalId: closed.id } }, enterprise.token))).toBe(
        'CONFLICT',
      );
    }
    const draft = await open(ProposalStatus.DRAFT);
    expect(errorCode(await h.gql(PROPOSE, { input: { ...input, proposalId: draft.id } }, enterprise.token))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses bad pledges and writes nothing', async () => {
    const p = await open();
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM sponsorships');
    const base = { proposalId: p.id, kind: 'FUNDS', amountMinor: 100, description: 'Money for the lift' };
    for (const over of [
      { amountMinor: 0 },
      { amountMinor: -1 },
      { amountMinor: 1.5 },
      { amountMinor: 10_000_000_001 },
      { description: '  ' },
      { kind: 'GOLD' },
      { proposalId: 'x' },
    ]) {
      expect([over, errorCode(await h.gql(PROPOSE, { input: { ...base, ...over } }, enterprise.token))]).toEqual([
        over,
        'BAD_USER_INPUT',
      ]);
    }
    expect(
      errorCode(
        await h.gql(
          PROPOSE,
          { input: { ...base, proposalId: '6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11' } },
          enterprise.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM sponsorships')).toEqual(before);
  });

  it('keeps PROPOSED and DECLINED pledges between the sponsor and the fund’s side', async () => {
    const p = await open();
    const id = await pledge(p.id);
    const seen = async (who: U | null) =>
      ((await h.gql<any>(VIEW, { id: p.id }, who?.token)).data.proposal.sponsorships as Array<{ id: string }>).map(
        (s) => s.id,
      );
    expect(await seen(null)).toEqual([]);
    expect(await seen(resident)).toEqual([]);
    expect(await seen(otherEnterprise)).toEqual([]);
    expect(await seen(colleague)).toEqual([id]);
    expect(await seen(gov)).toEqual([id]);
    expect(await seen(admin)).toEqual([id]);
    const orgView = `query($o: ID!) { organization(id: $o) { sponsorships { id } } }`;
    expect(
      (await h.gql<any>(orgView, { o: enterprise.organization!.id }, resident.token)).data.organization.sponsorships,
    ).toEqual([]);
    // Acting on a pledge you cannot see looks like acting on nothing.
    expect(errorCode(await h.gql(WITHDRAW, { id }, otherEnterprise.token))).toBe('NOT_FOUND');

    await h.gql(RESPOND, { id, accept: false, note: 'Not needed' }, gov.token);
    expect(await seen(resident)).toEqual([]);
    expect(await seen(enterprise)).toEqual([id]);
  });

  it('runs PROPOSED -> ACCEPTED -> FULFILLED, posting FUNDS to the ledger once', async () => {
    const p = await open(ProposalStatus.APPROVED);
    const id = await pledge(p.id, { amountMinor: 123_456 });
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, enterprise.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(PAY, { id }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(RESPOND, { id, accept: true, note: 'x'.repeat(2001) }, gov.token))).toBe(
      'BAD_USER_INPUT',
    );
    const watcher = subscribe<any>(
      h.ws(resident.token),
      `subscription($id: ID!) { proposalUpdated(proposalId: $id) { sponsoredTotal { minorUnits } sponsorships { id status } } }`,
      { id: p.id },
    );
    await new Promise((r) => setTimeout(r, 200));

    const accepted = await h.gql<any>(RESPOND, { id, accept: true, note: 'Thank you' }, gov.token);
    expect(accepted.data.respondToSponsorship).toMatchObject({
      status: 'ACCEPTED',
      note: 'Thank you',
      decidedBy: { id: gov.user.id },
    });
    expect((await watcher.next()).data.proposalUpdated).toEqual({
      sponsoredTotal: { minorUnits: 123_456 },
      sponsorships: [{ id, status: 'ACCEPTED' }],
    });
    expect(errorCode(await h.gql(RESPOND, { id, accept: false }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(PAY, { id }, gov.token))).toBe('FORBIDDEN');

    const paid = await h.gql<any>(PAY, { id }, admin.token);
    expect(paid.data.recordSponsorshipPayment.status).toBe('FULFILLED');
    expect(errorCode(await h.gql(PAY, { id }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(WITHDRAW, { id }, enterprise.token))).toBe('CONFLICT');
    const ledger = (await h.gql<any>(LEDGER, { f: fundId })).data.fund;
    expect(ledger.balance.minorUnits).toBe(123_456);
    expect(ledger.ledger.nodes).toEqual([
      expect.objectContaining({
        sequence: 1,
        kind: 'SPONSORSHIP',
        direction: 'IN',
        amount: { minorUnits: 123_456 },
        balanceAfter: { minorUnits: 123_456 },
        counterparty: enterprise.organization!.name,
        previousHash: null,
        proposal: { id: p.id },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('fulfils goods and services without touching the ledger, and lets sponsors withdraw before that', async () => {
    const p = await open();
    const before = (await h.gql<any>(LEDGER, { f: fundId })).data.fund.ledger.totalCount;
    const goods = await pledge(p.id, { kind: 'SERVICES', amountMinor: 90_000 });
    await h.gql(RESPOND, { id: goods, accept: true }, admin.token);
    expect((await h.gql<any>(PAY, { id: goods }, admin.token)).data.recordSponsorshipPayment.status).toBe('FULFILLED');
    expect((await h.gql<any>(LEDGER, { f: fundId })).data.fund.ledger.totalCount).toBe(before);
    // sponsoredTotal counts money only.
    expect((await h.gql<any>(VIEW, { id: p.id })).data.proposal.sponsoredTotal.minorUnits).toBe(0);

    const later = await pledge(p.id);
    await h.gql(RESPOND, { id: later, accept: true }, admin.token);
    const mine = (await h.gql<any>(VIEW, { id: p.id }, colleague.token)).data.proposal.sponsorships.find(
      (s: { id: string }) => s.id === later,
    );
    expect(mine.viewerCan).toEqual({ respond: false, withdraw: true, recordPayment: false });
    expect(errorCode(await h.gql(WITHDRAW, { id: later }, otherEnterprise.token))).toBe('FORBIDDEN');
    expect((await h.gql<any>(WITHDRAW, { id: later }, colleague.token)).data.withdrawSponsorship.status).toBe(
      'WITHDRAWN',
    );
    expect(errorCode(await h.gql(WITHDRAW, { id: later }, colleague.token))).toBe('CONFLICT');
  });

  it('tells each viewer whether they may pledge', async () => {
    const p = await open();
    expect((await h.gql<any>(VIEW, { id: p.id }, enterprise.token)).data.proposal.viewerCan.sponsor).toBe(true);
    expect((await h.gql<any>(VIEW, { id: p.id }, resident.token)).data.proposal.viewerCan.sponsor).toBe(false);
    const done = await open(ProposalStatus.COMPLETED);
    expect((await h.gql<any>(VIEW, { id: done.id }, enterprise.token)).data.proposal.viewerCan.sponsor).toBe(false);
  });
});
