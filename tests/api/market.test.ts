/**
 * The collaboration market end to end over HTTP and WebSocket (issue 3):
 * an enterprise pledges money to a proposal in consultation and the fund
 * accepts it and records the payment on the ledger; two social organizations
 * bid on a proposal, the bids stay sealed, government awards one after the
 * close (exactly once, even when two awards race), the loser's amount stays
 * hidden from the winner and the public on every path, and the winner posts
 * progress until government completes the proposal; finally a strategic
 * partnership is proposed by the fund and answered by the organization.
 */
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
let liftId: string;
let enterpriseOrgId: string;
let ngoOrgId: string;
const clients: WsClientHandle[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 24 * 3600 * 1000;

async function open(token?: string | null): Promise<WsClientHandle> {
  const handle = wsClient(server.wsUrl, token);
  clients.push(handle);
  await handle.connected;
  return handle;
}

const orgIdOf = async (token: string): Promise<string> =>
  ok(await api.gql('{ viewerMembership { organization { id } } }', {}, token)).viewerMembership.organization.id;

/** Registers the founder of a new organization of `role` and has government verify it. */
async function verifiedOrganization(role: 'SOCIAL_ORGANIZATION' | 'ENTERPRISE', name: string) {
  const token = ok(
    await api.gql('mutation R($input: RegisterInput!) { register(input: $input) { token } }', {
      input: {
        email: `${unique()}@market.example`,
        password: 'a-long-enough-password',
        displayName: `Founder of ${name}`,
        role,
        newOrganization: { name },
      },
    }),
  ).register.token as string;
  const orgId = await orgIdOf(token);
  const verified = ok(
    await api.gql('mutation V($id: ID!) { verifyOrganization(id: $id) { verified } }', { id: orgId }, tokens.gov),
  );
  expect(verified.verifyOrganization.verified).toBe(true);
  return { token, orgId, name };
}

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 50) { nodes { id title } } }')).proposals
    .nodes as Array<{ id: string; title: string }>;
  liftId = list.find((p) => /lift/i.test(p.title))!.id;
  enterpriseOrgId = await orgIdOf(tokens.enterprise);
  ngoOrgId = await orgIdOf(tokens.ngo);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

// ------------------------------------------------------------------ sponsorship

describe('sponsorship: the enterprise pledges, the fund accepts and records the money', () => {
  const AMOUNT = 1_234_567; // 12,345.67 yuan
  let sponsorshipId: string;
  let totalBefore: number;
  let updates: Subscription;

  const PROPOSAL_VIEW =
    'query Q($id: ID!) { proposal(id: $id) { sponsoredTotal { minorUnits amount } sponsorships { id status kind amount { minorUnits } organization { id } } } }';
  const ORG_VIEW = 'query O($id: ID!) { organization(id: $id) { sponsorships { id status } } }';
  const FUND_VIEW = `query F($id: ID!) { fund(id: $id) {
      balance { minorUnits amount } totalRaised { minorUnits }
      ledger(first: 100) { totalCount nodes {
        id sequence kind direction amount { minorUnits } balanceAfter { minorUnits } counterparty memo
        hash previousHash proposal { id }
      } } } }`;

  const proposalSeenBy = async (token?: string | null) =>
    ok(await api.gql(PROPOSAL_VIEW, { id: liftId }, token)).proposal;
  const orgSponsorshipIds = async (token?: string | null): Promise<string[]> =>
    ok(await api.gql(ORG_VIEW, { id: enterpriseOrgId }, token)).organization.sponsorships.map(
      (s: { id: string }) => s.id,
    );

  it('a resident subscribes to the lift proposal; only public pledges are on it', async () => {
    const handle = await open(tokens.resident);
    updates = subscribe(
      handle.client,
      `subscription U($id: ID!) { proposalUpdated(proposalId: $id) {
         id sponsoredTotal { minorUnits } sponsorships { id status amount { minorUnits } } } }`,
      { id: liftId },
    );
    await settle(handle.client);
    const seen = await proposalSeenBy(tokens.resident);
    // the seeded in-kind pledge on the lift is still PROPOSED: residents do not see it
    for (const s of seen.sponsorships) expect(['ACCEPTED', 'FULFILLED']).toContain(s.status);
    totalBefore = seen.sponsoredTotal.minorUnits;
    const asFund = await proposalSeenBy(tokens.gov);
    expect(asFund.sponsorships.some((s: { status: string }) => s.status === 'PROPOSED')).toBe(true);
  });

  it('the enterprise pledges money to the proposal in consultation', async () => {
    const res = ok(
      await api.gql(
        `mutation S($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) {
           id status kind description amount { minorUnits amount currency } organization { id name } proposal { id }
           viewerCan { respond withdraw recordPayment } } }`,
        {
          input: {
            proposalId: liftId,
            kind: 'FUNDS',
            amountMinor: AMOUNT,
            description: '  Towards the lift repair, paid by bank transfer.  ',
          },
        },
        tokens.enterprise,
      ),
    );
    expect(res.proposeSponsorship).toMatchObject({
      status: 'PROPOSED',
      kind: 'FUNDS',
      description: 'Towards the lift repair, paid by bank transfer.',
      amount: { minorUnits: AMOUNT, amount: '12345.67', currency: 'CNY' },
      organization: { id: enterpriseOrgId, name: 'Chongqing Riverside Logistics Co.' },
      proposal: { id: liftId },
      viewerCan: { respond: false, withdraw: true, recordPayment: false },
    });
    sponsorshipId = res.proposeSponsorship.id;
  });

  it('while PROPOSED it is invisible to residents and the public, on the proposal and on the organization', async () => {
    for (const token of [tokens.resident, null]) {
      const p = await proposalSeenBy(token);
      expect(p.sponsorships.map((s: { id: string }) => s.id)).not.toContain(sponsorshipId);
      expect(p.sponsoredTotal.minorUnits).toBe(totalBefore);
      expect(await orgSponsorshipIds(token)).not.toContain(sponsorshipId);
    }
    // nor to another organization's members
    const p = await proposalSeenBy(tokens.ngo);
    expect(p.sponsorships.map((s: { id: string }) => s.id)).not.toContain(sponsorshipId);
  });

  it('...and visible to the enterprise, government and the fund admin', async () => {
    for (const token of [tokens.enterprise, tokens.gov, tokens.admin]) {
      const p = await proposalSeenBy(token);
      expect(p.sponsorships).toContainEqual({
        id: sponsorshipId,
        status: 'PROPOSED',
        kind: 'FUNDS',
        amount: { minorUnits: AMOUNT },
        organization: { id: enterpriseOrgId },
      });
      // a pledge does not count before it is accepted
      expect(p.sponsoredTotal.minorUnits).toBe(totalBefore);
      expect(await orgSponsorshipIds(token)).toContain(sponsorshipId);
    }
    const can = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { sponsorships { id viewerCan { respond } } } }',
        { id: liftId },
        tokens.gov,
      ),
    ).proposal.sponsorships.find((s: { id: string }) => s.id === sponsorshipId);
    expect(can.viewerCan.respond).toBe(true);
  });

  it('the resident’s subscription never carried the private pledge', async () => {
    // proposing emitted an update: the resident got it, seen through the resident's eyes
    const event = await updates.next();
    expect(event.errors).toBeUndefined();
    expect(event.data.proposalUpdated.sponsorships.map((s: { id: string }) => s.id)).not.toContain(sponsorshipId);
    expect(event.data.proposalUpdated.sponsoredTotal.minorUnits).toBe(totalBefore);
  });

  it('government accepts it: public, counted in sponsoredTotal, delivered live to the resident', async () => {
    const res = ok(
      await api.gql(
        'mutation R($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true, note: "Thank you.") { status note decidedAt decidedBy { displayName } } }',
        { id: sponsorshipId },
        tokens.gov,
      ),
    );
    expect(res.respondToSponsorship).toMatchObject({
      status: 'ACCEPTED',
      note: 'Thank you.',
      decidedAt: expect.any(String),
    });

    const event = await updates.waitFor((e) =>
      (e.data?.proposalUpdated?.sponsorships ?? []).some((s: { id: string }) => s.id === sponsorshipId),
    );
    expect(event.data.proposalUpdated.sponsorships).toContainEqual({
      id: sponsorshipId,
      status: 'ACCEPTED',
      amount: { minorUnits: AMOUNT },
    });
    expect(event.data.proposalUpdated.sponsoredTotal.minorUnits).toBe(totalBefore + AMOUNT);

    for (const token of [tokens.resident, null, tokens.ngo]) {
      const p = await proposalSeenBy(token);
      expect(p.sponsorships.map((s: { id: string }) => s.id)).toContain(sponsorshipId);
      expect(p.sponsoredTotal.minorUnits).toBe(totalBefore + AMOUNT);
      expect(await orgSponsorshipIds(token)).toContain(sponsorshipId);
    }
    // answering again is not a legal move
    const again = await api.gql(
      'mutation R($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: false) { id } }',
      { id: sponsorshipId },
      tokens.admin,
    );
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('the fund admin records the payment: balance and ledger grow by exactly the amount, chained', async () => {
    const before = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    const previous = before.ledger.nodes[0];
    expect(previous).toBeDefined(); // the seeded canteen sponsorship is entry 1
    expect(before.balance.minorUnits).toBe(previous.balanceAfter.minorUnits);

    const anonymous = await open();
    const posted = subscribe(
      anonymous.client,
      'subscription L($id: ID!) { ledgerEntryPosted(fundId: $id) { id kind amount { minorUnits } } }',
      { id: fundId },
    );
    await settle(anonymous.client);

    // two clicks at once: the money is recorded once
    const RECORD = 'mutation P($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { status fulfilledAt } }';
    const both = await Promise.all([
      api.gql(RECORD, { id: sponsorshipId }, tokens.admin),
      api.gql(RECORD, { id: sponsorshipId }, tokens.admin),
    ]);
    expect(both.map((r) => codes(r).join(',') || 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const res = both.find((r) => !r.errors)!.data!;
    expect(res.recordSponsorshipPayment).toEqual({ status: 'FULFILLED', fulfilledAt: expect.any(String) });

    const after = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    expect(after.balance.minorUnits).toBe(before.balance.minorUnits + AMOUNT);
    expect(after.totalRaised.minorUnits).toBe(before.totalRaised.minorUnits + AMOUNT);
    expect(after.ledger.totalCount).toBe(before.ledger.totalCount + 1);
    const entry = after.ledger.nodes[0];
    expect(entry).toMatchObject({
      sequence: previous.sequence + 1,
      kind: 'SPONSORSHIP',
      direction: 'IN',
      amount: { minorUnits: AMOUNT },
      balanceAfter: { minorUnits: previous.balanceAfter.minorUnits + AMOUNT },
      counterparty: 'Chongqing Riverside Logistics Co.',
      proposal: { id: liftId },
      previousHash: previous.hash,
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.hash).not.toBe(previous.hash);
    // the invariants: sum of entries = balance = last balanceAfter
    const sum = (after.ledger.nodes as Array<{ direction: string; amount: { minorUnits: number } }>).reduce(
      (acc, e) => acc + (e.direction === 'IN' ? e.amount.minorUnits : -e.amount.minorUnits),
      0,
    );
    expect(sum).toBe(after.balance.minorUnits);
    expect(entry.balanceAfter.minorUnits).toBe(after.balance.minorUnits);

    const live = await posted.next();
    expect(live.data.ledgerEntryPosted).toEqual({ id: entry.id, kind: 'SPONSORSHIP', amount: { minorUnits: AMOUNT } });

    const p = await proposalSeenBy(null);
    expect(p.sponsorships).toContainEqual(expect.objectContaining({ id: sponsorshipId, status: 'FULFILLED' }));
    expect(p.sponsoredTotal.minorUnits).toBe(totalBefore + AMOUNT); // FULFILLED still counts, once
  });

  it('recording it again and withdrawing it after fulfilment are CONFLICTs; the ledger is unchanged', async () => {
    const before = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    const again = await api.gql(
      'mutation P($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id } }',
      { id: sponsorshipId },
      tokens.admin,
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    const withdraw = await api.gql(
      'mutation W($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id } }',
      { id: sponsorshipId },
      tokens.enterprise,
    );
    expect(codes(withdraw)).toEqual(['CONFLICT']);
    const after = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    expect(after.balance).toEqual(before.balance);
    expect(after.ledger.totalCount).toBe(before.ledger.totalCount);
  });
  it('an in-kind pledge is fulfilled without touching the ledger or the money total', async () => {
    const inKind = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { sponsorships { id kind status } } }',
        { id: liftId },
        tokens.admin,
      ),
    ).proposal.sponsorships.find(
      (s: { kind: string; status: string }) => s.kind === 'IN_KIND' && s.status === 'PROPOSED',
    );
    expect(inKind).toBeDefined(); // the seeded spare motor
    const before = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    const totalNow = (await proposalSeenBy(null)).sponsoredTotal.minorUnits;
    ok(
      await api.gql(
        'mutation R($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { id } }',
        { id: inKind.id },
        tokens.admin,
      ),
    );
    const done = ok(
      await api.gql(
        'mutation P($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { status } }',
        { id: inKind.id },
        tokens.admin,
      ),
    );
    expect(done.recordSponsorshipPayment.status).toBe('FULFILLED');
    const after = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    expect(after.balance).toEqual(before.balance);
    expect(after.ledger.totalCount).toBe(before.ledger.totalCount);
    const p = await proposalSeenBy(tokens.resident);
    expect(p.sponsorships).toContainEqual(
      expect.objectContaining({ id: inKind.id, status: 'FULFILLED', kind: 'IN_KIND' }),
    );
    expect(p.sponsoredTotal.minorUnits).toBe(totalNow); // only money counts
  });
  it('payments recorded at the same time are posted one after another: no gaps, no forks, exact balance', async () => {
    const amounts = [10_001, 20_002, 30_003];
    const ids: string[] = [];
    for (const amountMinor of amounts) {
      const id = ok(
        await api.gql(
          'mutation S($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id } }',
          { input: { proposalId: liftId, kind: 'FUNDS', amountMinor, description: 'A small top-up.' } },
          tokens.enterprise,
        ),
      ).proposeSponsorship.id as string;
      ok(
        await api.gql(
          'mutation R($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { id } }',
          { id },
          tokens.gov,
        ),
      );
      ids.push(id);
    }
    const before = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    const results = await Promise.all(
      ids.map((id) =>
        api.gql(
          'mutation P($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { status } }',
          { id },
          tokens.admin,
        ),
      ),
    );
    for (const r of results) expect(ok(r).recordSponsorshipPayment.status).toBe('FULFILLED');

    const after = ok(await api.gql(FUND_VIEW, { id: fundId })).fund;
    const total = amounts.reduce((a, b) => a + b, 0);
    expect(after.balance.minorUnits).toBe(before.balance.minorUnits + total);
    expect(after.ledger.totalCount).toBe(before.ledger.totalCount + amounts.length);
    // the whole chain, oldest first: 1, 2, 3 ... each pointing at the one before
    const chain = [...after.ledger.nodes].reverse() as Array<{
      sequence: number;
      hash: string;
      previousHash: string | null;
      direction: string;
      amount: { minorUnits: number };
      balanceAfter: { minorUnits: number };
    }>;
    expect(chain.map((e) => e.sequence)).toEqual(chain.map((_e, k) => k + 1));
    let running = 0;
    chain.forEach((e, k) => {
      expect(e.previousHash).toBe(k === 0 ? null : chain[k - 1]!.hash);
      running += e.direction === 'IN' ? e.amount.minorUnits : -e.amount.minorUnits;
      expect(e.balanceAfter.minorUnits).toBe(running);
    });
    expect(new Set(chain.map((e) => e.hash)).size).toBe(chain.length);
    expect(
      chain
        .slice(-amounts.length)
        .map((e) => e.amount.minorUnits)
        .sort(),
    ).toEqual([...amounts].sort());
  });
});

// ------------------------------------------------------------------ sealed bids and the award

describe('bidding: sealed bids, one award after the close, progress until completion', () => {
  const BUDGET = 800_000; // 8,000.00 yuan
  const WINDOW_MS = 4500;
  let proposalId: string;
  let closesAt: number;
  let harbour: { token: string; orgId: string; name: string };
  let late: { token: string; orgId: string; name: string };
  /** The two bidders by label; winner and loser are settled by the award race. */
  const bidders: Record<'ngo' | 'harbour', { token: string; orgId: string; bidId: string; amount: number }> =
    {} as never;
  let winner: 'ngo' | 'harbour';
  let loser: 'ngo' | 'harbour';
  let residentUpdates: Subscription;
  let bidderUpdates: Record<'ngo' | 'harbour', Subscription>;

  const BIDS_VIEW = `query Q($id: ID!) { proposal(id: $id) {
      status bidCount bids { id status amount { minorUnits } plan organization { id } }
      awardedBid { id status amount { minorUnits } organization { id } } } }`;
  const ORG_BIDS =
    'query O($id: ID!) { organization(id: $id) { bids { id status amount { minorUnits } proposal { id } } } }';
  const SUBMIT = 'mutation B($input: SubmitBidInput!) { submitBid(input: $input) { id status amount { minorUnits } } }';
  const AWARD = 'mutation A($id: ID!) { awardBid(bidId: $id) { id status } }';
  const UPDATES = `subscription U($id: ID!) { proposalUpdated(proposalId: $id) {
      id status bidCount bids { id status amount { minorUnits } plan } awardedBid { id amount { minorUnits } }
      progressUpdates { percentComplete } } }`;

  const bidsSeenBy = async (token?: string | null) => ok(await api.gql(BIDS_VIEW, { id: proposalId }, token)).proposal;
  const orgBidIds = async (orgId: string, token?: string | null): Promise<string[]> =>
    (
      ok(await api.gql(ORG_BIDS, { id: orgId }, token)).organization.bids as Array<{
        id: string;
        proposal: { id: string };
      }>
    )
      .filter((b) => b.proposal.id === proposalId)
      .map((b) => b.id);
  /** The ids of the bids that were not withdrawn (a bidder also sees its own withdrawn bids). */
  const live = (bids: Array<{ id: string; status: string }>): string[] =>
    bids.filter((b) => b.status !== 'WITHDRAWN').map((b) => b.id);
  const submit = (
    token: string,
    amountMinor: number,
    plan = 'We will do the work in three phases with local volunteers.',
  ) => api.gql(SUBMIT, { input: { proposalId, amountMinor, plan, durationDays: 60 } }, token);
  const tokenOf = (who: 'ngo' | 'harbour') => (who === 'ngo' ? tokens.ngo : harbour.token);

  it('a second social organization registers and government verifies it (and a third, which bids late)', async () => {
    harbour = await verifiedOrganization('SOCIAL_ORGANIZATION', `Harbour Volunteers ${unique()}`);
    late = await verifiedOrganization('SOCIAL_ORGANIZATION', `Late Volunteers ${unique()}`);
  });

  it('the fund admin creates a proposal, consultation opens, government approves and opens bidding', async () => {
    const created = ok(
      await api.gql(
        'mutation P($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
        {
          input: {
            fundId,
            title: `Repaint the stairwells of building 5 (${unique()})`,
            summary: 'Clean, repaint and relight the four stairwells of building 5.',
            body: 'Scrape, prime and paint; replace twelve stairwell lamps with LED ones.',
            category: 'PROPERTY_SERVICES',
            budgetMinor: BUDGET,
          },
        },
        tokens.admin,
      ),
    );
    proposalId = created.createProposal.id;
    ok(
      await api.gql(
        'mutation O($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }',
        { id: proposalId, at: new Date(Date.now() + 7 * DAY).toISOString() },
        tokens.admin,
      ),
    );
    ok(
      await api.gql(
        'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { id } }',
        { id: proposalId },
        tokens.gov,
      ),
    );

    // subscribers: a resident and each bidder, set up before any bid exists
    const resident = await open(tokens.resident);
    residentUpdates = subscribe(resident.client, UPDATES, { id: proposalId });
    const ngoWs = await open(tokens.ngo);
    const harbourWs = await open(harbour.token);
    bidderUpdates = {
      ngo: subscribe(ngoWs.client, UPDATES, { id: proposalId }),
      harbour: subscribe(harbourWs.client, UPDATES, { id: proposalId }),
    };
    await Promise.all([settle(resident.client, 50), settle(ngoWs.client, 50), settle(harbourWs.client, 200)]);

    closesAt = Date.now() + WINDOW_MS;
    const opened = ok(
      await api.gql(
        'mutation B($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { status biddingClosesAt } }',
        { id: proposalId, at: new Date(closesAt).toISOString() },
        tokens.gov,
      ),
    );
    expect(opened.openBidding.status).toBe('BIDDING');
    expect(new Date(opened.openBidding.biddingClosesAt).getTime()).toBe(closesAt);
  });

  it('both organizations bid; one live bid each; over the budget is BAD_USER_INPUT; others are FORBIDDEN', async () => {
    const a = await submit(tokens.ngo, 650_000);
    // the same organization bidding twice at once: one bid, one CONFLICT
    const racing = await Promise.all([submit(harbour.token, 720_050), submit(harbour.token, 720_050)]);
    expect(racing.map((r) => codes(r).join(',') || 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const b = racing.find((r) => !r.errors)!;
    bidders.ngo = { token: tokens.ngo, orgId: ngoOrgId, bidId: ok(a).submitBid.id, amount: 650_000 };
    bidders.harbour = { token: harbour.token, orgId: harbour.orgId, bidId: ok(b).submitBid.id, amount: 720_050 };
    expect(ok(a).submitBid).toMatchObject({ status: 'SUBMITTED', amount: { minorUnits: 650_000 } });

    expect(codes(await submit(tokens.ngo, 600_000))).toEqual(['CONFLICT']);
    const over = await submit(late.token, BUDGET + 1);
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors![0]!.extensions?.field).toBe('amountMinor');
    for (const token of [tokens.resident, tokens.enterprise, tokens.gov]) {
      expect(codes(await submit(token, 500_000))).toEqual(['FORBIDDEN']);
    }
    // the refused ones wrote nothing
    const asGov = await bidsSeenBy(tokens.gov);
    expect(asGov.bidCount).toBe(2);
    expect(asGov.bids.map((x: { id: string }) => x.id).sort()).toEqual(
      [bidders.ngo.bidId, bidders.harbour.bidId].sort(),
    );
  });

  it('viewerCan.bid agrees with submitBid: false for an organization that already has a live bid', async () => {
    // DEFECT (server): Proposal.viewerCan.bid is canBid() = role + open window only; it ignores the
    // "one live bid per organization" rule that submitBid enforces (CONFLICT above), so the client
    // offers the bid form to an organization whose second bid can only fail.
    const CAN = 'query Q($id: ID!) { proposal(id: $id) { viewerCan { bid } } }';
    expect(ok(await api.gql(CAN, { id: proposalId }, late.token)).proposal.viewerCan.bid).toBe(true);
    expect(codes(await submit(tokens.ngo, 600_000))).toEqual(['CONFLICT']);
    expect(ok(await api.gql(CAN, { id: proposalId }, tokens.ngo)).proposal.viewerCan.bid).toBe(false);
  });

  it('a bidder may withdraw its bid and bid again while bidding is open', async () => {
    const w = ok(
      await api.gql(
        'mutation W($id: ID!) { withdrawBid(bidId: $id) { status } }',
        { id: bidders.ngo.bidId },
        tokens.ngo,
      ),
    );
    expect(w.withdrawBid.status).toBe('WITHDRAWN');
    expect((await bidsSeenBy(null)).bidCount).toBe(1);
    const again = ok(await submit(tokens.ngo, 650_000));
    bidders.ngo.bidId = again.submitBid.id;
    expect((await bidsSeenBy(null)).bidCount).toBe(2);
  });

  it('before the close: awarding is a CONFLICT and the bids are sealed for everyone but their own and the fund side', async () => {
    expect(Date.now()).toBeLessThan(closesAt); // the window is still open (else the test is too slow)
    expect(codes(await api.gql(AWARD, { id: bidders.ngo.bidId }, tokens.gov))).toEqual(['CONFLICT']);
    const gov = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { viewerCan { award bid } } }',
        { id: proposalId },
        tokens.gov,
      ),
    );
    expect(gov.proposal.viewerCan).toEqual({ award: false, bid: false });

    for (const token of [null, tokens.resident, tokens.enterprise, late.token]) {
      const p = await bidsSeenBy(token);
      expect(p).toEqual({ status: 'BIDDING', bidCount: 2, bids: [], awardedBid: null });
      expect(await orgBidIds(ngoOrgId, token)).toEqual([]);
      expect(await orgBidIds(harbour.orgId, token)).toEqual([]);
    }
    for (const [me, other] of [
      ['ngo', 'harbour'],
      ['harbour', 'ngo'],
    ] as const) {
      const p = await bidsSeenBy(bidders[me].token);
      expect(p.bidCount).toBe(2);
      expect(p.bids.every((b: { organization: { id: string } }) => b.organization.id === bidders[me].orgId)).toBe(true);
      expect(live(p.bids)).toEqual([bidders[me].bidId]);
      expect(p.bids).toContainEqual(
        expect.objectContaining({ id: bidders[me].bidId, amount: { minorUnits: bidders[me].amount } }),
      );
      expect(await orgBidIds(bidders[other].orgId, bidders[me].token)).toEqual([]);
      expect(await orgBidIds(bidders[me].orgId, bidders[me].token)).toContain(bidders[me].bidId);
    }
    for (const token of [tokens.gov, tokens.admin]) {
      expect(live((await bidsSeenBy(token)).bids).sort()).toEqual([bidders.ngo.bidId, bidders.harbour.bidId].sort());
    }
  });

  it('after the close: a late bid is a CONFLICT, and of two racing awards exactly one wins', async () => {
    await sleep(Math.max(0, closesAt - Date.now() + 150));
    const lateBid = await submit(late.token, 500_000);
    expect(codes(lateBid)).toEqual(['CONFLICT']);
    expect(lateBid.errors![0]!.message).toMatch(/clos/i);
    expect(
      codes(
        await api.gql('mutation W($id: ID!) { withdrawBid(bidId: $id) { id } }', { id: bidders.ngo.bidId }, tokens.ngo),
      ),
    ).toEqual(['CONFLICT']);

    const [x, y] = await Promise.all([
      api.gql(AWARD, { id: bidders.ngo.bidId }, tokens.gov),
      api.gql(AWARD, { id: bidders.harbour.bidId }, tokens.admin),
    ]);
    const outcomes = [codes(x), codes(y)].map((c) => (c.length === 0 ? 'OK' : c.join(',')));
    expect([...outcomes].sort()).toEqual(['CONFLICT', 'OK']);
    winner = outcomes[0] === 'OK' ? 'ngo' : 'harbour';
    loser = winner === 'ngo' ? 'harbour' : 'ngo';
    const won = (winner === 'ngo' ? x : y).data!.awardBid;
    expect(won).toEqual({ id: bidders[winner].bidId, status: 'AWARDED' });

    // and any later award is a CONFLICT too
    expect(codes(await api.gql(AWARD, { id: bidders[loser].bidId }, tokens.gov))).toEqual(['CONFLICT']);
  });

  it('the proposal is IN_PROGRESS; the winning bid is public, the losing one NOT_AWARDED and still sealed', async () => {
    const w = bidders[winner];
    const l = bidders[loser];
    const awarded = { id: w.bidId, status: 'AWARDED', amount: { minorUnits: w.amount }, organization: { id: w.orgId } };

    // the public, a resident and the winner's members: the award, and nothing of the loser
    for (const token of [null, tokens.resident, w.token]) {
      const p = await bidsSeenBy(token);
      expect(p.status).toBe('IN_PROGRESS');
      expect(p.bidCount).toBe(2);
      expect(p.awardedBid).toEqual({
        id: w.bidId,
        status: 'AWARDED',
        amount: { minorUnits: w.amount },
        organization: { id: w.orgId },
      });
      expect(live(p.bids)).toEqual([w.bidId]);
      expect(p.bids).toContainEqual(expect.objectContaining(awarded));
      expect(p.bids.map((b: { id: string }) => b.id)).not.toContain(l.bidId);
      expect(await orgBidIds(l.orgId, token)).toEqual([]);
      expect(await orgBidIds(w.orgId, token)).toContain(w.bidId);
      if (token !== w.token) {
        expect(p.bids).toHaveLength(1);
        expect(await orgBidIds(w.orgId, token)).toEqual([w.bidId]);
      }
      // nor through the award's proposal
      const nested = ok(
        await api.gql(
          'query Q($id: ID!) { proposal(id: $id) { awardedBid { proposal { bids { id status amount { minorUnits } } } } } }',
          { id: proposalId },
          token,
        ),
      ).proposal.awardedBid;
      expect(live(nested.proposal.bids)).toEqual([w.bidId]);
    }
    // the loser itself and the fund's side see the losing bid as NOT_AWARDED
    for (const token of [l.token, tokens.gov, tokens.admin]) {
      const p = await bidsSeenBy(token);
      expect(p.bids).toContainEqual(
        expect.objectContaining({ id: l.bidId, status: 'NOT_AWARDED', amount: { minorUnits: l.amount } }),
      );
      expect(await orgBidIds(l.orgId, token)).toContain(l.bidId);
    }
    expect(live((await bidsSeenBy(tokens.gov)).bids).sort()).toEqual([w.bidId, l.bidId].sort());
  });

  it('no subscription payload ever carried a sealed amount to the resident or to the other bidder', async () => {
    const w = bidders[winner];
    const l = bidders[loser];
    /** Every event up to and including the award's. */
    const untilAward = async (sub: Subscription) => {
      const log: Array<{ data?: any; errors?: unknown }> = [];
      await sub.waitFor((e) => {
        log.push(e);
        return e.data?.proposalUpdated?.status === 'IN_PROGRESS';
      });
      for (const e of log) expect(e.errors).toBeUndefined();
      return log.map((e) => e.data.proposalUpdated);
    };
    const resident = await untilAward(residentUpdates);
    const won = await untilAward(bidderUpdates[winner]);
    const lost = await untilAward(bidderUpdates[loser]);

    // while bidding: a count, never a bid (the resident), only its own (each bidder)
    const sealed = resident.filter((u) => u.status === 'BIDDING');
    expect(sealed.length).toBeGreaterThanOrEqual(3); // open, bids, withdrawal, bid again
    for (const u of sealed) expect(u.bids).toEqual([]);
    expect(sealed.map((u) => u.bidCount)).toContain(2);
    for (const u of won.filter((x) => x.status === 'BIDDING')) {
      for (const b of u.bids) expect(b.id).not.toBe(l.bidId);
    }
    // at the award: the public gets the winner, the loser sees both
    expect(resident.at(-1).awardedBid).toEqual({ id: w.bidId, amount: { minorUnits: w.amount } });
    expect(resident.at(-1).bids.map((b: { id: string }) => b.id)).toEqual([w.bidId]);
    expect(live(won.at(-1).bids)).toEqual([w.bidId]);
    expect(live(lost.at(-1).bids).sort()).toEqual([w.bidId, l.bidId].sort());
    // nothing of the loser's bid anywhere in what the resident or the winner received
    for (const text of [...resident, ...won].map((u) => JSON.stringify(u))) {
      expect(text).not.toContain(l.bidId);
      expect(text).not.toContain(`"minorUnits":${l.amount}`);
    }
  });

  it('the winner becomes an ACTIVE PROJECT partner of the fund, on the public record', async () => {
    const w = bidders[winner];
    const list = ok(
      await api.gql(
        'query P($f: ID!) { partnerships(fundId: $f) { id kind status organization { id } proposal { id } commitments } }',
        { f: fundId },
      ),
    ).partnerships as Array<{
      id: string;
      kind: string;
      status: string;
      organization: { id: string };
      proposal: { id: string } | null;
    }>;
    const project = list.filter((p) => p.proposal?.id === proposalId);
    expect(project).toEqual([
      expect.objectContaining({ kind: 'PROJECT', status: 'ACTIVE', organization: { id: w.orgId } }),
    ]);
    const viaOrg = ok(
      await api.gql('query O($id: ID!) { organization(id: $id) { partnerships { id kind status } } }', { id: w.orgId }),
    ).organization.partnerships;
    expect(viaOrg).toContainEqual({ id: project[0]!.id, kind: 'PROJECT', status: 'ACTIVE' });
    // the loser has no partnership for it
    const loserList = ok(
      await api.gql('query O($id: ID!) { organization(id: $id) { partnerships { proposal { id } } } }', {
        id: bidders[loser].orgId,
      }),
    ).organization.partnerships as Array<{ proposal: { id: string } | null }>;
    expect(loserList.filter((p) => p.proposal?.id === proposalId)).toEqual([]);
  });

  it('the winner posts progress; the loser is FORBIDDEN; 101 % is BAD_USER_INPUT', async () => {
    const PROGRESS =
      'mutation G($id: ID!, $body: String!, $pct: Int!) { postProgressUpdate(proposalId: $id, body: $body, percentComplete: $pct) { id percentComplete body author { displayName } } }';
    const CAN = 'query Q($id: ID!) { proposal(id: $id) { viewerCan { postProgress complete } } }';
    expect(ok(await api.gql(CAN, { id: proposalId }, bidders[winner].token)).proposal.viewerCan).toEqual({
      postProgress: true,
      complete: false,
    });
    expect(ok(await api.gql(CAN, { id: proposalId }, bidders[loser].token)).proposal.viewerCan.postProgress).toBe(
      false,
    );

    const posted = ok(
      await api.gql(PROGRESS, { id: proposalId, body: 'Two stairwells done.', pct: 40 }, tokenOf(winner)),
    );
    expect(posted.postProgressUpdate).toMatchObject({ percentComplete: 40, body: 'Two stairwells done.' });
    await residentUpdates.waitFor((e) =>
      (e.data?.proposalUpdated?.progressUpdates ?? []).some(
        (u: { percentComplete: number }) => u.percentComplete === 40,
      ),
    );

    expect(codes(await api.gql(PROGRESS, { id: proposalId, body: 'We did it!', pct: 90 }, tokenOf(loser)))).toEqual([
      'FORBIDDEN',
    ]);
    const tooMuch = await api.gql(PROGRESS, { id: proposalId, body: 'Over-achieved.', pct: 101 }, tokenOf(winner));
    expect(codes(tooMuch)).toEqual(['BAD_USER_INPUT']);
    expect(tooMuch.errors![0]!.extensions?.field).toBe('percentComplete');
    const updates = ok(
      await api.gql('query Q($id: ID!) { proposal(id: $id) { progressUpdates { percentComplete } } }', {
        id: proposalId,
      }),
    ).proposal.progressUpdates;
    expect(updates).toEqual([{ percentComplete: 40 }]);
  });

  it('government completes the proposal; progress after completion is a CONFLICT', async () => {
    const done = ok(
      await api.gql(
        'mutation C($id: ID!) { completeProposal(proposalId: $id) { status } }',
        { id: proposalId },
        tokens.gov,
      ),
    );
    expect(done.completeProposal.status).toBe('COMPLETED');
    const late2 = await api.gql(
      'mutation G($id: ID!) { postProgressUpdate(proposalId: $id, body: "One more thing.", percentComplete: 100) { id } }',
      { id: proposalId },
      tokenOf(winner),
    );
    expect(codes(late2)).toEqual(['CONFLICT']);
    // the loser's bid stays sealed after completion as well
    const p = await bidsSeenBy(null);
    expect(p.status).toBe('COMPLETED');
    expect(p.bids.map((b: { id: string }) => b.id)).toEqual([bidders[winner].bidId]);
  });
});

// ------------------------------------------------------------------ strategic partnership

describe('a strategic partnership: the fund proposes, the organization answers', () => {
  let partnershipId: string;
  const LIST = 'query P($f: ID!) { partnerships(fundId: $f) { id status } }';
  const ORG = 'query O($id: ID!) { organization(id: $id) { partnerships { id status } } }';
  const RESPOND =
    'mutation R($id: ID!, $a: Boolean!) { respondToPartnership(partnershipId: $id, accept: $a) { id status respondedAt } }';
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

  it('the seeded strategic partnership with the enterprise is on the public record', async () => {
    const all = ok(
      await api.gql(
        'query P($f: ID!) { partnerships(fundId: $f) { kind status organization { id } } }',
        { f: fundId },
        tokens.resident,
      ),
    ).partnerships;
    expect(all).toContainEqual({ kind: 'STRATEGIC', status: 'ACTIVE', organization: { id: enterpriseOrgId } });
  });

  it('the fund admin proposes one to the social work centre; residents and other organizations cannot see it', async () => {
    const res = ok(
      await api.gql(
        `mutation P($input: ProposePartnershipInput!) { proposePartnership(input: $input) {
           id kind status proposedByFund organization { id } viewerCan { respond } } }`,
        {
          input: {
            fundId,
            organizationId: ngoOrgId,
            title: `Elder visits partnership ${unique()}`,
            commitments: 'Weekly home visits to elders living alone, reported monthly to the fund.',
            endsOn: new Date(Date.now() + 365 * DAY).toISOString(),
          },
        },
        tokens.admin,
      ),
    );
    expect(res.proposePartnership).toMatchObject({
      kind: 'STRATEGIC',
      status: 'PROPOSED',
      proposedByFund: true,
      organization: { id: ngoOrgId },
      viewerCan: { respond: false },
    });
    partnershipId = res.proposePartnership.id;

    for (const token of [null, tokens.resident, tokens.enterprise]) {
      expect(ids(ok(await api.gql(LIST, { f: fundId }, token)).partnerships)).not.toContain(partnershipId);
      expect(ids(ok(await api.gql(ORG, { id: ngoOrgId }, token)).organization.partnerships)).not.toContain(
        partnershipId,
      );
    }
    for (const token of [tokens.ngo, tokens.gov, tokens.admin]) {
      expect(ok(await api.gql(LIST, { f: fundId }, token)).partnerships).toContainEqual({
        id: partnershipId,
        status: 'PROPOSED',
      });
    }
    const can = ok(
      await api.gql(
        'query P($f: ID!) { partnerships(fundId: $f) { id viewerCan { respond } } }',
        { f: fundId },
        tokens.ngo,
      ),
    ).partnerships.find((p: { id: string }) => p.id === partnershipId);
    expect(can.viewerCan.respond).toBe(true);
  });

  it('the fund side cannot answer its own proposal; an outsider cannot even find it', async () => {
    expect(codes(await api.gql(RESPOND, { id: partnershipId, a: true }, tokens.admin))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(RESPOND, { id: partnershipId, a: true }, tokens.gov))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(RESPOND, { id: partnershipId, a: true }, tokens.enterprise))).toEqual(['NOT_FOUND']);
    expect(ok(await api.gql(LIST, { f: fundId }, tokens.admin)).partnerships).toContainEqual({
      id: partnershipId,
      status: 'PROPOSED',
    });
  });

  it('a member of the organization accepts: ACTIVE and public; answering again is a CONFLICT', async () => {
    const res = ok(await api.gql(RESPOND, { id: partnershipId, a: true }, tokens.ngo));
    expect(res.respondToPartnership).toEqual({ id: partnershipId, status: 'ACTIVE', respondedAt: expect.any(String) });
    for (const token of [null, tokens.resident, tokens.enterprise]) {
      expect(ok(await api.gql(LIST, { f: fundId }, token)).partnerships).toContainEqual({
        id: partnershipId,
        status: 'ACTIVE',
      });
      expect(ok(await api.gql(ORG, { id: ngoOrgId }, token)).organization.partnerships).toContainEqual({
        id: partnershipId,
        status: 'ACTIVE',
      });
    }
    expect(codes(await api.gql(RESPOND, { id: partnershipId, a: false }, tokens.ngo))).toEqual(['CONFLICT']);
    const filtered = ok(
      await api.gql(
        'query P($f: ID!) { partnerships(fundId: $f, status: PROPOSED) { id } }',
        { f: fundId },
        tokens.admin,
      ),
    );
    expect(ids(filtered.partnerships)).not.toContain(partnershipId);
  });
});
