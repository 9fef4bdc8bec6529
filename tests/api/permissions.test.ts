/**
 * The permission matrix of DESIGN.md §3, black-box: every mutation as an
 * anonymous caller (UNAUTHENTICATED), as roles that may not (FORBIDDEN, or
 * NOT_FOUND for drafts, private pledges, sealed bids and proposed
 * partnerships they cannot see) and as roles that may (success, or the
 * state-specific CONFLICT). Cases are named by the state of their fixture,
 * e.g. 'awardBid (bidding closed)'.
 *
 * The matrix itself is the section "The matrix, as tested" of
 * docs/permissions.md, read at run time: one row per key of OPS (the
 * document and the fixtures that prepare it), one column per kind of
 * caller, each cell the expected code. Refused calls are also checked to
 * have changed nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import {
  apiFor,
  codes,
  ok,
  startServer,
  unique,
  type Api,
  type DemoAccount,
  type GqlResponse,
  type StartedServer,
} from '../support/server.js';

/**
 * The demo accounts plus: organization founders whose organizations are not
 * verified, a GOVERNMENT applicant whose membership is pending, and members
 * of a second verified enterprise and social organization (who are neither
 * the sponsor, the bidder nor the awarded organization of the fixtures).
 */
type Who =
  'anonymous' | DemoAccount | 'unverifiedEnterprise' | 'unverifiedNgo' | 'pendingGov' | 'otherEnterprise' | 'otherNgo';
type Expected = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

let server: StartedServer;
let api: Api;
const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
let fundId: string;
let streetOfficeId: string;
let enterpriseOrgId: string;
let ngoOrgId: string;

const DAY = 24 * 3600 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const future = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function register(input: Record<string, unknown>): Promise<string> {
  const res = ok(
    await api.gql('mutation R($input: RegisterInput!) { register(input: $input) { token } }', {
      input: { email: `${unique()}@perm.example`, password: 'a-long-enough-password', ...input },
    }),
  );
  return res.register.token;
}

// ------------------------------------------------------------------ fixtures

async function createDraft(author: DemoAccount = 'ngo'): Promise<string> {
  const res = ok(
    await api.gql(
      'mutation P($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
      {
        input: {
          fundId,
          title: `Fixture proposal ${unique()}`,
          summary: 'A proposal created as a fixture for a permission check.',
          body: 'Nothing to see here: this proposal only exists to be acted upon by the test.',
          category: 'OTHER',
          budgetMinor: 10_000,
        },
      },
      tokens[author],
    ),
  );
  return res.createProposal.id;
}

async function inConsultation(author: DemoAccount = 'ngo'): Promise<string> {
  const id = await createDraft(author);
  ok(
    await api.gql(
      'mutation O($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }',
      { id, at: future(10) },
      tokens[author],
    ),
  );
  return id;
}

async function approved(): Promise<string> {
  const id = await inConsultation();
  ok(
    await api.gql(
      'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { id } }',
      { id },
      tokens.gov,
    ),
  );
  return id;
}

async function statusOf(proposalId: string): Promise<string> {
  return ok(await api.gql('query Q($id: ID!) { proposal(id: $id) { status } }', { id: proposalId }, tokens.admin))
    .proposal.status;
}

async function needId(): Promise<string> {
  const res = ok(
    await api.gql(
      'mutation N($input: CreateNeedInput!) { createNeed(input: $input) { id } }',
      {
        input: {
          fundId,
          title: `Fixture need ${unique()}`,
          description: 'A need created as a fixture.',
          category: 'OTHER',
        },
      },
      tokens.resident2,
    ),
  );
  return res.createNeed.id;
}

async function unverifiedOrgId(): Promise<string> {
  const token = await register({
    displayName: 'Founder',
    role: 'ENTERPRISE',
    newOrganization: { name: `Fixture Co ${unique()}` },
  });
  return ok(await api.gql('{ viewerMembership { organization { id verified } } }', {}, token)).viewerMembership
    .organization.id;
}

/** A new GOVERNMENT user asking to join the street office; returns the membership id and the user's token. */
async function pendingMembership(): Promise<{ id: string; token: string }> {
  const token = await register({ displayName: 'Applicant', role: 'GOVERNMENT', organizationId: streetOfficeId });
  const m = ok(await api.gql('{ viewerMembership { id status } }', {}, token)).viewerMembership;
  expect(m.status).toBe('PENDING');
  return { id: m.id, token };
}

// ------------------------------------------------------------------ market fixtures

const SPONSORSHIP_AMOUNT = 250_000;
type SponsorshipFixture = { id: string; proposalId: string };

async function sponsorshipsOf(proposalId: string): Promise<Array<{ id: string; status: string }>> {
  return ok(
    await api.gql(
      'query Q($id: ID!) { proposal(id: $id) { sponsorships { id status } } }',
      { id: proposalId },
      tokens.admin,
    ),
  ).proposal.sponsorships;
}

/** A FUNDS pledge by the demo enterprise on a proposal in consultation, taken to `status`. */
async function sponsorship(status: 'PROPOSED' | 'ACCEPTED' | 'FULFILLED'): Promise<SponsorshipFixture> {
  const proposalId = await inConsultation();
  const id = ok(
    await api.gql(
      'mutation S($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id } }',
      {
        input: {
          proposalId,
          kind: 'FUNDS',
          amountMinor: SPONSORSHIP_AMOUNT,
          description: 'Two and a half thousand yuan.',
        },
      },
      tokens.enterprise,
    ),
  ).proposeSponsorship.id as string;
  if (status !== 'PROPOSED') {
    ok(
      await api.gql(
        'mutation R($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { id } }',
        { id },
        tokens.gov,
      ),
    );
  }
  if (status === 'FULFILLED') {
    ok(
      await api.gql(
        'mutation P($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id } }',
        { id },
        tokens.admin,
      ),
    );
  }
  return { id, proposalId };
}

const sponsorshipStatus =
  (s: SponsorshipFixture, before: string, after: string): Prepared['verify'] =>
  async (allowed) => {
    expect(await sponsorshipsOf(s.proposalId)).toEqual([{ id: s.id, status: allowed ? after : before }]);
  };

const balance = async (): Promise<number> =>
  ok(await api.gql('query F($id: ID!) { fund(id: $id) { balance { minorUnits } } }', { id: fundId })).fund.balance
    .minorUnits;

const bidInput = (proposalId: string) => ({
  proposalId,
  amountMinor: 9_000,
  plan: 'We will do it well, with two volunteers.',
  durationDays: 30,
});

async function openBidding(proposalId: string, closesAt: Date): Promise<void> {
  ok(
    await api.gql(
      'mutation B($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { id } }',
      { id: proposalId, at: closesAt.toISOString() },
      tokens.gov,
    ),
  );
}

/** A proposal in BIDDING for days to come. */
async function biddingOpen(): Promise<string> {
  const id = await approved();
  await openBidding(id, new Date(Date.now() + 3 * DAY));
  return id;
}

/** The demo social organization's bid. */
async function submitBid(proposalId: string): Promise<string> {
  return ok(
    await api.gql(
      'mutation B($input: SubmitBidInput!) { submitBid(input: $input) { id } }',
      { input: bidInput(proposalId) },
      tokens.ngo,
    ),
  ).submitBid.id;
}

const bidCountIs =
  (proposalId: string, before: number, after: number): Prepared['verify'] =>
  async (allowed) => {
    const p = ok(
      await api.gql('query Q($id: ID!) { proposal(id: $id) { bidCount } }', { id: proposalId }, tokens.admin),
    );
    expect(p.proposal.bidCount).toBe(allowed ? after : before);
  };

/**
 * Proposals whose bidding has closed with one bid by the demo social
 * organization. Bidding windows must end in the future when they open, so
 * these are made together, in beforeAll, with a short window that has
 * passed by the time a case takes one: one wait for all of them. On a busy
 * machine a bid may miss its window; then that fixture starts over with a
 * longer one.
 */
const CLOSED_WINDOW_MS = 2000;
/** The cases that take a proposal from the pool (directly or through inProgress). */
const USES_CLOSED_BIDDING: ReadonlyArray<string> = [
  'withdrawBid (bidding closed)',
  'awardBid (bidding closed)',
  'postProgressUpdate (in progress)',
  'completeProposal (in progress)',
];
type ClosedBidding = { proposalId: string; bidId: string };
const closedPool: Array<Promise<ClosedBidding>> = [];

async function makeClosedBidding(approvedId?: string): Promise<ClosedBidding> {
  for (let windowMs = CLOSED_WINDOW_MS; ; windowMs *= 2) {
    const proposalId = approvedId ?? (await approved());
    approvedId = undefined;
    const closesAt = Date.now() + windowMs;
    await openBidding(proposalId, new Date(closesAt));
    const res = await api.gql(
      'mutation B($input: SubmitBidInput!) { submitBid(input: $input) { id } }',
      { input: bidInput(proposalId) },
      tokens.ngo,
    );
    if (codes(res)[0] === 'CONFLICT' && Date.now() >= closesAt && windowMs < 30_000) continue; // too slow: again
    const bidId: string = ok(res).submitBid.id;
    await sleep(Math.max(0, closesAt - Date.now() + 100));
    return { proposalId, bidId };
  }
}

/** Approves `count` proposals first (no hurry), then opens them all for a short bidding window at once. */
function fillClosedPool(count: number): void {
  const approvedIds = Promise.all(Array.from({ length: count }, () => approved()));
  for (let i = 0; i < count; i++) {
    const fixture = approvedIds.then((ids) => makeClosedBidding(ids[i]));
    fixture.catch(() => undefined); // awaited (and reported) by the case that takes it
    closedPool.push(fixture);
  }
}

async function biddingClosed(): Promise<ClosedBidding> {
  return closedPool.shift() ?? makeClosedBidding();
}

/** A proposal IN_PROGRESS: the demo social organization's bid was awarded. */
async function inProgress(): Promise<string> {
  const { proposalId, bidId } = await biddingClosed();
  ok(await api.gql('mutation A($id: ID!) { awardBid(bidId: $id) { id } }', { id: bidId }, tokens.gov));
  return proposalId;
}

const progressCountIs =
  (proposalId: string, before: number, after: number): Prepared['verify'] =>
  async (allowed) => {
    const p = ok(
      await api.gql('query Q($id: ID!) { proposal(id: $id) { progressUpdates { id } } }', { id: proposalId }),
    );
    expect(p.proposal.progressUpdates).toHaveLength(allowed ? after : before);
  };

async function partnershipsTitled(title: string): Promise<Array<{ id: string; status: string }>> {
  const all = ok(
    await api.gql('query P($f: ID!) { partnerships(fundId: $f) { id title status } }', { f: fundId }, tokens.admin),
  ).partnerships as Array<{ id: string; title: string; status: string }>;
  return all.filter((p) => p.title === title).map(({ id, status }) => ({ id, status }));
}

/** A STRATEGIC partnership with the demo social organization, proposed by the fund admin or by the organization. */
async function partnership(by: 'admin' | 'ngo'): Promise<string> {
  const res = ok(
    await api.gql(
      'mutation P($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status } }',
      {
        input: {
          fundId,
          organizationId: ngoOrgId,
          title: `Fixture partnership ${unique()}`,
          commitments: 'Monthly volunteer days for the fund.',
        },
      },
      tokens[by],
    ),
  );
  return res.proposePartnership.id;
}

const partnershipStatus =
  (id: string, before: string, after: string): Prepared['verify'] =>
  async (allowed) => {
    const all = ok(
      await api.gql('query P($f: ID!) { partnerships(fundId: $f) { id status } }', { f: fundId }, tokens.admin),
    ).partnerships as Array<{ id: string; status: string }>;
    expect(all.find((p) => p.id === id)?.status).toBe(allowed ? after : before);
  };

// ------------------------------------------------------------------ operations

interface Prepared {
  variables: Record<string, unknown>;
  /** Runs after the call: checks that a refused call changed nothing (and an allowed one did). */
  verify?: (allowed: boolean, res: GqlResponse) => Promise<void>;
}

interface Operation {
  document: string;
  prepare: () => Promise<Prepared>;
}

const unchangedStatus =
  (id: string, before: string, after: string): Prepared['verify'] =>
  async (allowed) => {
    expect(await statusOf(id)).toBe(allowed ? after : before);
  };

/** Whether the page has a short link now (an allowed call makes one; a refused one must not). */
const shareLinkIs =
  (id: string, whenAllowed: boolean): Prepared['verify'] =>
  async (allowed) => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query('SELECT 1 FROM share_links WHERE target_id = $1', [id]);
      expect(rows.rowCount).toBe(allowed && whenAllowed ? 1 : 0);
    } finally {
      await db.end();
    }
  };

const OFFER_CATEGORIES = ['ELDERLY_CARE', 'YOUTH_EDUCATION', 'HEALTHCARE', 'ENVIRONMENT'];
let offerTries = 0;

const OPS: Record<string, Operation> = {
  createNeed: {
    document: 'mutation M($input: CreateNeedInput!) { createNeed(input: $input) { id status } }',
    prepare: async () => {
      const title = `Need ${unique()}`;
      const count = async () =>
        ok(
          await api.gql('query Q($f: ID!) { needs(fundId: $f, first: 100) { nodes { title } } }', { f: fundId }),
        ).needs.nodes.filter((n: { title: string }) => n.title === title).length;
      return {
        variables: {
          input: { fundId, title, description: 'The playground swings are broken.', category: 'YOUTH_EDUCATION' },
        },
        verify: async (allowed) => expect(await count()).toBe(allowed ? 1 : 0),
      };
    },
  },
  supportNeed: {
    document: 'mutation M($id: ID!) { supportNeed(needId: $id) { id supportCount } }',
    prepare: async () => {
      const id = await needId();
      return {
        variables: { id },
        verify: async (allowed) => {
          const n = ok(await api.gql('query Q($id: ID!) { need(id: $id) { supportCount } }', { id })).need;
          expect(n.supportCount).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
  castVote: {
    document: 'mutation M($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { votes { support } } }',
    prepare: async () => {
      const id = await inConsultation();
      return {
        variables: { id },
        verify: async (allowed) => {
          const p = ok(await api.gql('query Q($id: ID!) { proposal(id: $id) { votes { support } } }', { id })).proposal;
          expect(p.votes.support).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
  addComment: {
    document: 'mutation M($input: AddCommentInput!) { addComment(input: $input) { id } }',
    prepare: async () => {
      const id = await inConsultation();
      return {
        variables: { input: { proposalId: id, body: 'I have something to say.' } },
        verify: async (allowed) => {
          const p = ok(await api.gql('query Q($id: ID!) { proposal(id: $id) { commentCount } }', { id })).proposal;
          expect(p.commentCount).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
  createProposal: {
    document: 'mutation M($input: CreateProposalInput!) { createProposal(input: $input) { id status } }',
    prepare: async () => {
      const title = `Proposal ${unique()}`;
      return {
        variables: {
          input: {
            fundId,
            title,
            summary: 'Plant trees along the river.',
            body: 'Forty saplings and two years of care.',
            category: 'ENVIRONMENT',
            budgetMinor: 500_000,
          },
        },
        verify: async (allowed) => {
          const all = ok(
            await api.gql(
              'query Q($s: String) { proposals(search: $s, first: 100) { totalCount } }',
              { s: title },
              tokens.admin,
            ),
          );
          expect(all.proposals.totalCount).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
  'openConsultation (a draft)': {
    document:
      'mutation M($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { status } }',
    prepare: async () => {
      const id = await createDraft('ngo');
      return { variables: { id, at: future(5) }, verify: unchangedStatus(id, 'DRAFT', 'CONSULTATION') };
    },
  },
  'openConsultation (a visible proposal)': {
    document:
      'mutation M($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { status } }',
    prepare: async () => {
      const id = await inConsultation('ngo');
      return { variables: { id, at: future(5) }, verify: unchangedStatus(id, 'CONSULTATION', 'CONSULTATION') };
    },
  },
  'withdrawProposal (a draft)': {
    document: 'mutation M($id: ID!) { withdrawProposal(proposalId: $id) { status } }',
    prepare: async () => {
      const id = await createDraft('ngo');
      return { variables: { id }, verify: unchangedStatus(id, 'DRAFT', 'WITHDRAWN') };
    },
  },
  'withdrawProposal (in consultation)': {
    document: 'mutation M($id: ID!) { withdrawProposal(proposalId: $id) { status } }',
    prepare: async () => {
      const id = await inConsultation('ngo');
      return { variables: { id }, verify: unchangedStatus(id, 'CONSULTATION', 'WITHDRAWN') };
    },
  },
  decideProposal: {
    document: 'mutation M($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { status } }',
    prepare: async () => {
      const id = await inConsultation('ngo');
      return { variables: { id }, verify: unchangedStatus(id, 'CONSULTATION', 'APPROVED') };
    },
  },
  openBidding: {
    document: 'mutation M($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { status } }',
    prepare: async () => {
      const id = await approved();
      return { variables: { id, at: future(14) }, verify: unchangedStatus(id, 'APPROVED', 'BIDDING') };
    },
  },
  'completeProposal (in progress)': {
    document: 'mutation M($id: ID!) { completeProposal(proposalId: $id) { status } }',
    prepare: async () => {
      const id = await inProgress();
      return { variables: { id }, verify: unchangedStatus(id, 'IN_PROGRESS', 'COMPLETED') };
    },
  },
  'completeProposal (approved)': {
    // only IN_PROGRESS completes: the allowed roles pass authorization and meet the state machine
    document: 'mutation M($id: ID!) { completeProposal(proposalId: $id) { status } }',
    prepare: async () => {
      const id = await approved();
      return { variables: { id }, verify: unchangedStatus(id, 'APPROVED', 'COMPLETED') };
    },
  },
  verifyOrganization: {
    document: 'mutation M($id: ID!) { verifyOrganization(id: $id) { verified } }',
    prepare: async () => {
      const id = await unverifiedOrgId();
      return {
        variables: { id },
        verify: async (allowed) => {
          expect(
            ok(await api.gql('query Q($id: ID!) { organization(id: $id) { verified } }', { id })).organization.verified,
          ).toBe(allowed);
        },
      };
    },
  },
  approveMembership: {
    document: 'mutation M($id: ID!) { approveMembership(membershipId: $id) { status } }',
    prepare: async () => {
      const m = await pendingMembership();
      return {
        variables: { id: m.id },
        verify: async (allowed) => {
          const after = ok(await api.gql('{ viewerMembership { status } }', {}, m.token)).viewerMembership.status;
          expect(after).toBe(allowed ? 'APPROVED' : 'PENDING');
        },
      };
    },
  },
  rejectMembership: {
    document: 'mutation M($id: ID!) { rejectMembership(membershipId: $id) { status } }',
    prepare: async () => {
      const m = await pendingMembership();
      return {
        variables: { id: m.id },
        verify: async (allowed) => {
          const after = ok(await api.gql('{ viewerMembership { status } }', {}, m.token)).viewerMembership.status;
          expect(after).toBe(allowed ? 'REJECTED' : 'PENDING');
        },
      };
    },
  },

  declareOffer: {
    document: 'mutation M($input: DeclareOfferInput!) { declareOffer(input: $input) { offer { categories } } }',
    prepare: async () => {
      // Each try declares a category the offer does not hold yet, so a change shows.
      const offerOf = async () =>
        ok(
          await api.gql('query Q($id: ID!) { organization(id: $id) { offer { categories } } }', {
            id: enterpriseOrgId,
          }),
        ).organization.offer?.categories ?? null;
      const before = await offerOf();
      const category = OFFER_CATEGORIES[offerTries++ % OFFER_CATEGORIES.length]!;
      return {
        variables: { input: { organizationId: enterpriseOrgId, categories: [category], kinds: ['FUNDS'] } },
        verify: async (allowed) => expect(await offerOf()).toEqual(allowed ? [category] : before),
      };
    },
  },

  'createShareLink (a proposal in consultation)': {
    document: 'mutation M($id: ID!) { createShareLink(kind: PROPOSAL, id: $id) { code path } }',
    prepare: async () => {
      const id = await inConsultation('ngo');
      return { variables: { id }, verify: shareLinkIs(id, true) };
    },
  },
  'createShareLink (a draft)': {
    document: 'mutation M($id: ID!) { createShareLink(kind: PROPOSAL, id: $id) { code path } }',
    prepare: async () => {
      const id = await createDraft('ngo');
      return { variables: { id }, verify: shareLinkIs(id, false) };
    },
  },

  createWebhook: {
    document: 'mutation M($f: ID!, $u: String!) { createWebhook(fundId: $f, url: $u) { webhook { id } } }',
    prepare: async () => {
      // A receiver nobody listens on: deliveries fail and retry in the background, harmlessly.
      const url = `http://127.0.0.1:9/${unique()}`;
      return {
        variables: { f: fundId, u: url },
        verify: async (allowed) => {
          const hooks = ok(
            await api.gql('query Q($f: ID!) { webhooks(fundId: $f) { url } }', { f: fundId }, tokens.admin),
          ).webhooks as Array<{ url: string }>;
          expect(hooks.filter((w) => w.url === url)).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  deleteWebhook: {
    document: 'mutation M($id: ID!) { deleteWebhook(id: $id) }',
    prepare: async () => {
      const made = ok(
        await api.gql(
          'mutation M($f: ID!, $u: String!) { createWebhook(fundId: $f, url: $u) { webhook { id } } }',
          { f: fundId, u: `http://127.0.0.1:9/${unique()}` },
          tokens.admin,
        ),
      ).createWebhook.webhook.id as string;
      return {
        variables: { id: made },
        verify: async (allowed) => {
          const hooks = ok(
            await api.gql('query Q($f: ID!) { webhooks(fundId: $f) { id } }', { f: fundId }, tokens.admin),
          ).webhooks as Array<{ id: string }>;
          expect(hooks.some((w) => w.id === made)).toBe(!allowed);
        },
      };
    },
  },

  // The collaboration market: sponsorships, sealed bids and the award, progress, partnerships.
  'proposeSponsorship (in consultation)': {
    document: 'mutation M($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id status } }',
    prepare: async () => {
      const id = await inConsultation();
      return {
        variables: {
          input: { proposalId: id, kind: 'FUNDS', amountMinor: 100_000, description: 'Ten thousand yuan.' },
        },
        verify: async (allowed) => expect(await sponsorshipsOf(id)).toHaveLength(allowed ? 1 : 0),
      };
    },
  },
  'proposeSponsorship (a draft)': {
    document: 'mutation M($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id status } }',
    prepare: async () => {
      const id = await createDraft('ngo');
      return {
        variables: { input: { proposalId: id, kind: 'IN_KIND', amountMinor: 5_000, description: 'Two ladders.' } },
        verify: async (allowed) => expect(await sponsorshipsOf(id)).toHaveLength(allowed ? 1 : 0),
      };
    },
  },
  'proposeSponsorship (withdrawn)': {
    document: 'mutation M($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id status } }',
    prepare: async () => {
      const id = await inConsultation();
      ok(await api.gql('mutation W($id: ID!) { withdrawProposal(proposalId: $id) { id } }', { id }, tokens.ngo));
      return {
        variables: { input: { proposalId: id, kind: 'SERVICES', amountMinor: 5_000, description: 'A day of work.' } },
        verify: async (allowed) => expect(await sponsorshipsOf(id)).toHaveLength(allowed ? 1 : 0),
      };
    },
  },
  'withdrawSponsorship (proposed)': {
    document: 'mutation M($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id status } }',
    prepare: async () => {
      const s = await sponsorship('PROPOSED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'PROPOSED', 'WITHDRAWN') };
    },
  },
  'withdrawSponsorship (accepted)': {
    document: 'mutation M($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id status } }',
    prepare: async () => {
      const s = await sponsorship('ACCEPTED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'ACCEPTED', 'WITHDRAWN') };
    },
  },
  'withdrawSponsorship (fulfilled)': {
    document: 'mutation M($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id status } }',
    prepare: async () => {
      const s = await sponsorship('FULFILLED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'FULFILLED', 'WITHDRAWN') };
    },
  },
  'respondToSponsorship (proposed)': {
    document: 'mutation M($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { id status } }',
    prepare: async () => {
      const s = await sponsorship('PROPOSED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'PROPOSED', 'ACCEPTED') };
    },
  },
  'respondToSponsorship (accepted)': {
    document: 'mutation M($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: false) { id status } }',
    prepare: async () => {
      const s = await sponsorship('ACCEPTED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'ACCEPTED', 'DECLINED') };
    },
  },
  'recordSponsorshipPayment (accepted)': {
    document: 'mutation M($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id status } }',
    prepare: async () => {
      const s = await sponsorship('ACCEPTED');
      const before = await balance();
      const status = sponsorshipStatus(s, 'ACCEPTED', 'FULFILLED')!;
      return {
        variables: { id: s.id },
        verify: async (allowed, res) => {
          await status(allowed, res);
          expect(await balance()).toBe(before + (allowed ? SPONSORSHIP_AMOUNT : 0));
        },
      };
    },
  },
  'recordSponsorshipPayment (proposed)': {
    document: 'mutation M($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id status } }',
    prepare: async () => {
      const s = await sponsorship('PROPOSED');
      return { variables: { id: s.id }, verify: sponsorshipStatus(s, 'PROPOSED', 'FULFILLED') };
    },
  },
  'submitBid (bidding open)': {
    document: 'mutation M($input: SubmitBidInput!) { submitBid(input: $input) { id status } }',
    prepare: async () => {
      const id = await biddingOpen();
      return { variables: { input: bidInput(id) }, verify: bidCountIs(id, 0, 1) };
    },
  },
  'submitBid (approved, bidding not open)': {
    document: 'mutation M($input: SubmitBidInput!) { submitBid(input: $input) { id status } }',
    prepare: async () => {
      const id = await approved();
      return { variables: { input: bidInput(id) }, verify: bidCountIs(id, 0, 1) };
    },
  },
  'submitBid (a draft)': {
    document: 'mutation M($input: SubmitBidInput!) { submitBid(input: $input) { id status } }',
    prepare: async () => {
      const id = await createDraft('admin');
      return { variables: { input: bidInput(id) }, verify: bidCountIs(id, 0, 1) };
    },
  },
  'withdrawBid (bidding open)': {
    document: 'mutation M($id: ID!) { withdrawBid(bidId: $id) { id status } }',
    prepare: async () => {
      const proposalId = await biddingOpen();
      const bidId = await submitBid(proposalId);
      return { variables: { id: bidId }, verify: bidCountIs(proposalId, 1, 0) };
    },
  },
  'withdrawBid (bidding closed)': {
    document: 'mutation M($id: ID!) { withdrawBid(bidId: $id) { id status } }',
    prepare: async () => {
      const { proposalId, bidId } = await biddingClosed();
      return { variables: { id: bidId }, verify: bidCountIs(proposalId, 1, 0) };
    },
  },
  'awardBid (bidding closed)': {
    document: 'mutation M($id: ID!) { awardBid(bidId: $id) { id status } }',
    prepare: async () => {
      const { proposalId, bidId } = await biddingClosed();
      return { variables: { id: bidId }, verify: unchangedStatus(proposalId, 'BIDDING', 'IN_PROGRESS') };
    },
  },
  'awardBid (bidding open)': {
    document: 'mutation M($id: ID!) { awardBid(bidId: $id) { id status } }',
    prepare: async () => {
      const proposalId = await biddingOpen();
      const bidId = await submitBid(proposalId);
      return { variables: { id: bidId }, verify: unchangedStatus(proposalId, 'BIDDING', 'IN_PROGRESS') };
    },
  },
  'postProgressUpdate (in progress)': {
    document:
      'mutation M($id: ID!) { postProgressUpdate(proposalId: $id, body: "Half done.", percentComplete: 50) { id percentComplete } }',
    prepare: async () => {
      const id = await inProgress();
      return { variables: { id }, verify: progressCountIs(id, 0, 1) };
    },
  },
  'postProgressUpdate (bidding)': {
    document:
      'mutation M($id: ID!) { postProgressUpdate(proposalId: $id, body: "Half done.", percentComplete: 50) { id percentComplete } }',
    prepare: async () => {
      const id = await biddingOpen();
      return { variables: { id }, verify: progressCountIs(id, 0, 1) };
    },
  },
  'proposePartnership (a verified organization)': {
    document: 'mutation M($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status } }',
    prepare: async () => {
      const title = `Strategic partnership ${unique()}`;
      return {
        variables: { input: { fundId, organizationId: enterpriseOrgId, title, commitments: 'Volunteers monthly.' } },
        verify: async (allowed) => expect(await partnershipsTitled(title)).toHaveLength(allowed ? 1 : 0),
      };
    },
  },
  'proposePartnership (an unverified organization)': {
    document: 'mutation M($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status } }',
    prepare: async () => {
      const title = `Strategic partnership ${unique()}`;
      const organizationId = await unverifiedOrgId();
      return {
        variables: { input: { fundId, organizationId, title, commitments: 'Volunteers monthly.' } },
        verify: async (allowed) => expect(await partnershipsTitled(title)).toHaveLength(allowed ? 1 : 0),
      };
    },
  },
  'respondToPartnership (proposed by the fund)': {
    document: 'mutation M($id: ID!) { respondToPartnership(partnershipId: $id, accept: true) { id status } }',
    prepare: async () => {
      const id = await partnership('admin');
      return { variables: { id }, verify: partnershipStatus(id, 'PROPOSED', 'ACTIVE') };
    },
  },
  'respondToPartnership (proposed by the organization)': {
    document: 'mutation M($id: ID!) { respondToPartnership(partnershipId: $id, accept: true) { id status } }',
    prepare: async () => {
      const id = await partnership('ngo');
      return { variables: { id }, verify: partnershipStatus(id, 'PROPOSED', 'ACTIVE') };
    },
  },
  'respondToPartnership (active)': {
    document: 'mutation M($id: ID!) { respondToPartnership(partnershipId: $id, accept: false) { id status } }',
    prepare: async () => {
      const id = await partnership('admin');
      ok(
        await api.gql(
          'mutation R($id: ID!) { respondToPartnership(partnershipId: $id, accept: true) { id } }',
          { id },
          tokens.ngo,
        ),
      );
      return { variables: { id }, verify: partnershipStatus(id, 'ACTIVE', 'DECLINED') };
    },
  },

  // Money operations (authorization; their rules are tested in server/src/modules/{campaigns,disbursements})
  // and contract operations whose features have not landed.
  createCampaign: {
    document: 'mutation M($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
    prepare: async () => ({
      variables: { input: { fundId, title: 'Lift appeal', description: 'Help fix the lift.', goalMinor: 1_000_000 } },
    }),
  },
  donate: {
    document: 'mutation M($input: DonateInput!) { donate(input: $input) { id } }',
    prepare: async () => ({
      variables: { input: { campaignId: randomUUID(), amountMinor: 1000, idempotencyKey: unique() } },
    }),
  },
  requestDisbursement: {
    document: 'mutation M($input: RequestDisbursementInput!) { requestDisbursement(input: $input) { id } }',
    prepare: async () => ({
      variables: { input: { proposalId: randomUUID(), amountMinor: 50_000, memo: 'First instalment.' } },
    }),
  },
  approveDisbursement: {
    document: 'mutation M($id: ID!) { approveDisbursement(disbursementId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  rejectDisbursement: {
    document: 'mutation M($id: ID!) { rejectDisbursement(disbursementId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  submitFeedback: {
    document: 'mutation M($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id } }',
    prepare: async () => ({ variables: { input: { fundId, body: 'The new lamp is great.' } } }),
  },
  respondToFeedback: {
    document:
      'mutation M($id: ID!) { respondToFeedback(feedbackId: $id, response: "Thank you.", status: ACKNOWLEDGED) { id } }',
    prepare: async () => {
      const id = ok(
        await api.gql(
          'mutation F($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id } }',
          { input: { fundId, body: `Feedback fixture ${unique()}` } },
          tokens.resident2,
        ),
      ).submitFeedback.id;
      return {
        variables: { id },
        verify: async (allowed) => {
          const item = ok(
            await api.gql('query Q($id: ID!) { feedbackItem(id: $id) { status } }', { id }, tokens.admin),
          );
          expect(item.feedbackItem.status).toBe(allowed ? 'ACKNOWLEDGED' : 'RECEIVED');
        },
      };
    },
  },
  followProposal: {
    document: 'mutation M($id: ID!) { followProposal(proposalId: $id) { viewerFollows } }',
    prepare: async () => ({ variables: { id: await inConsultation() } }),
  },
  unfollowProposal: {
    document: 'mutation M($id: ID!) { unfollowProposal(proposalId: $id) { viewerFollows } }',
    prepare: async () => ({ variables: { id: await inConsultation() } }),
  },
  'followProposal (a draft)': {
    document: 'mutation M($id: ID!) { followProposal(proposalId: $id) { viewerFollows } }',
    prepare: async () => ({ variables: { id: await createDraft() } }),
  },
  markNotificationsRead: {
    document: 'mutation M($ids: [ID!]!) { markNotificationsRead(ids: $ids) }',
    prepare: async () => ({ variables: { ids: [randomUUID()] } }),
  },
  markAllNotificationsRead: {
    document: 'mutation M { markAllNotificationsRead }',
    prepare: async () => ({ variables: {} }),
  },
  reportComment: {
    document: 'mutation M($id: ID!) { reportComment(commentId: $id, reason: "Insulting") { id } }',
    prepare: async () => ({ variables: { id: await commentOn(await inConsultation()) } }),
  },
  hideComment: {
    document: 'mutation M($id: ID!) { hideComment(commentId: $id, reason: "Insulting") { id } }',
    prepare: async () => {
      const id = await commentOn(await inConsultation());
      return { variables: { id }, verify: async (allowed) => expect(await hiddenOf(id)).toBe(allowed) };
    },
  },
  restoreComment: {
    document: 'mutation M($id: ID!) { restoreComment(commentId: $id, reason: "Apology made") { id } }',
    prepare: async () => {
      const id = await commentOn(await inConsultation());
      ok(
        await api.gql(
          'mutation H($id: ID!) { hideComment(commentId: $id, reason: "Insulting") { id } }',
          { id },
          tokens.admin,
        ),
      );
      return { variables: { id }, verify: async (allowed) => expect(await hiddenOf(id)).toBe(!allowed) };
    },
  },
  reviseProposal: {
    document: 'mutation M($input: ReviseProposalInput!) { reviseProposal(input: $input) { id } }',
    prepare: async () => {
      const id = await inConsultation();
      const title = `Revised ${unique()}`;
      return {
        variables: { input: { proposalId: id, title, reason: 'Residents asked for it' } },
        verify: async (allowed) => {
          const p = ok(await api.gql('query Q($id: ID!) { proposal(id: $id) { title revisions { number } } }', { id }));
          expect(p.proposal.title === title).toBe(allowed);
          expect(p.proposal.revisions).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  createSurvey: {
    document: 'mutation M($input: CreateSurveyInput!) { createSurvey(input: $input) { id } }',
    prepare: async () => ({
      variables: {
        input: {
          fundId,
          title: `Survey ${unique()}`,
          questions: [{ kind: 'SCALE', prompt: 'How safe is the street?' }],
        },
      },
    }),
  },
  openSurvey: {
    document: 'mutation M($id: ID!) { openSurvey(surveyId: $id) { id } }',
    prepare: async () => {
      const { id } = await draftSurvey();
      return {
        variables: { id },
        verify: async (allowed) => expect(await surveyStatus(id)).toBe(allowed ? 'OPEN' : 'DRAFT'),
      };
    },
  },
  closeSurvey: {
    document: 'mutation M($id: ID!) { closeSurvey(surveyId: $id) { id } }',
    prepare: async () => {
      const { id } = await openSurvey();
      return {
        variables: { id },
        verify: async (allowed) => expect(await surveyStatus(id)).toBe(allowed ? 'CLOSED' : 'OPEN'),
      };
    },
  },
  submitSurveyResponse: {
    document: 'mutation M($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id } }',
    prepare: async () => {
      const { id, questionId } = await openSurvey();
      return {
        variables: { input: { surveyId: id, answers: [{ questionId, scale: 4 }] } },
        verify: async (allowed) => expect(await responseCount(id)).toBe(allowed ? 1 : 0),
      };
    },
  },
  recordAssistedSurveyResponse: {
    document:
      'mutation M($s: ID!, $r: ID!, $a: [SurveyAnswerInput!]!) { recordAssistedSurveyResponse(surveyId: $s, residentId: $r, answers: $a) { id } }',
    prepare: async () => {
      const { id, questionId } = await openSurvey();
      return {
        variables: { s: id, r: await userIdOf('resident2'), a: [{ questionId, scale: 2 }] },
        verify: async (allowed) => expect(await responseCount(id)).toBe(allowed ? 1 : 0),
      };
    },
  },
  scheduleMeeting: {
    document: 'mutation M($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
    prepare: async () => ({ variables: { input: meetingInput(future(2)) } }),
  },
  cancelMeeting: {
    document: 'mutation M($id: ID!) { cancelMeeting(meetingId: $id, reason: "The hall is flooded") { id } }',
    prepare: async () => {
      const id = await scheduleMeeting(future(2));
      return {
        variables: { id },
        verify: async (allowed) => expect(await meetingStatus(id)).toBe(allowed ? 'CANCELLED' : 'SCHEDULED'),
      };
    },
  },
  rsvpMeeting: {
    document: 'mutation M($id: ID!) { rsvpMeeting(meetingId: $id, response: GOING) { rsvpCounts { going } } }',
    prepare: async () => ({ variables: { id: await scheduleMeeting(future(2)) } }),
  },
  'publishMeetingMinutes (not started)': {
    document:
      'mutation M($id: ID!) { publishMeetingMinutes(meetingId: $id, minutes: "Minutes of the meeting.") { id } }',
    prepare: async () => ({ variables: { id: await scheduleMeeting(future(2)) } }),
  },
  'publishMeetingMinutes (started)': {
    document:
      'mutation M($id: ID!) { publishMeetingMinutes(meetingId: $id, minutes: "Minutes of the meeting.") { id } }',
    prepare: async () => ({ variables: { id: await startedMeeting() } }),
  },
  'recordAssistedVote (not started)': {
    document: 'mutation M($input: RecordAssistedVoteInput!) { recordAssistedVote(input: $input) { choice } }',
    prepare: async () => {
      const meetingId = await scheduleMeeting(future(2), await inConsultation());
      return { variables: { input: { meetingId, residentId: await userIdOf('resident2'), choice: 'SUPPORT' } } };
    },
  },
  'recordAssistedVote (started)': {
    document: 'mutation M($input: RecordAssistedVoteInput!) { recordAssistedVote(input: $input) { choice } }',
    prepare: async () => {
      const meetingId = await startedMeeting(await inConsultation());
      return { variables: { input: { meetingId, residentId: await userIdOf('resident2'), choice: 'SUPPORT' } } };
    },
  },
  'recordAssistedFeedback (not started)': {
    document: 'mutation M($input: RecordAssistedFeedbackInput!) { recordAssistedFeedback(input: $input) { id } }',
    prepare: async () => {
      const meetingId = await scheduleMeeting(future(2));
      return {
        variables: { input: { meetingId, residentId: await userIdOf('resident2'), body: 'On paper: more benches.' } },
      };
    },
  },
  'recordAssistedFeedback (started)': {
    document: 'mutation M($input: RecordAssistedFeedbackInput!) { recordAssistedFeedback(input: $input) { assisted } }',
    prepare: async () => {
      const meetingId = await startedMeeting();
      return {
        variables: { input: { meetingId, residentId: await userIdOf('resident2'), body: 'On paper: more benches.' } },
      };
    },
  },
  'reviseProposal (a draft)': {
    document: 'mutation M($input: ReviseProposalInput!) { reviseProposal(input: $input) { id } }',
    prepare: async () => ({ variables: { input: { proposalId: await createDraft(), title: `Draft ${unique()}` } } }),
  },
};

const commentProposal = new Map<string, { proposalId: string }>();

async function commentOn(proposalId: string): Promise<string> {
  const id: string = ok(
    await api.gql(
      'mutation C($input: AddCommentInput!) { addComment(input: $input) { id } }',
      { input: { proposalId, body: 'A comment to moderate.' } },
      tokens.resident2,
    ),
  ).addComment.id;
  commentProposal.set(id, { proposalId });
  return id;
}

async function draftSurvey(): Promise<{ id: string; questionId: string }> {
  const survey = ok(
    await api.gql(
      'mutation S($input: CreateSurveyInput!) { createSurvey(input: $input) { id questions { id } } }',
      {
        input: {
          fundId,
          title: `Survey ${unique()}`,
          questions: [{ kind: 'SCALE', prompt: 'How safe is the street?' }],
        },
      },
      tokens.admin,
    ),
  ).createSurvey;
  return { id: survey.id, questionId: survey.questions[0].id };
}

async function openSurvey(): Promise<{ id: string; questionId: string }> {
  const survey = await draftSurvey();
  ok(await api.gql('mutation O($id: ID!) { openSurvey(surveyId: $id) { id } }', { id: survey.id }, tokens.admin));
  return survey;
}

async function surveyStatus(id: string): Promise<string> {
  return ok(await api.gql('query Q($id: ID!) { survey(id: $id) { status } }', { id }, tokens.admin)).survey.status;
}

async function responseCount(id: string): Promise<number> {
  return ok(await api.gql('query Q($id: ID!) { survey(id: $id) { results { responseCount } } }', { id }, tokens.admin))
    .survey.results.responseCount;
}

async function userIdOf(who: DemoAccount): Promise<string> {
  return ok(await api.gql('{ viewer { id } }', {}, tokens[who])).viewer.id;
}

function meetingInput(startsAt: string, proposalId: string | null = null) {
  return {
    fundId,
    proposalId,
    kind: 'PUBLIC_CONSULTATION',
    title: `Meeting ${unique()}`,
    location: 'Community hall',
    startsAt,
  };
}

async function scheduleMeeting(startsAt: string, proposalId: string | null = null): Promise<string> {
  return ok(
    await api.gql(
      'mutation S($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
      { input: meetingInput(startsAt, proposalId) },
      tokens.admin,
    ),
  ).scheduleMeeting.id;
}

/** A meeting that has begun: meetings are scheduled only in the future, so this one starts in a moment. */
async function startedMeeting(proposalId: string | null = null): Promise<string> {
  const id = await scheduleMeeting(new Date(Date.now() + 1200).toISOString(), proposalId);
  await sleep(1300);
  return id;
}

async function meetingStatus(id: string): Promise<string> {
  return ok(await api.gql('query Q($id: ID!) { meeting(id: $id) { status } }', { id })).meeting.status;
}

/** Whether a comment shows as hidden to the public. */
async function hiddenOf(commentId: string): Promise<boolean> {
  const { proposalId } = commentProposal.get(commentId)!;
  const res = ok(
    await api.gql('query Q($id: ID!) { proposal(id: $id) { comments(first: 100) { nodes { id hidden } } } }', {
      id: proposalId,
    }),
  );
  return (res.proposal.comments.nodes as Array<{ id: string; hidden: boolean }>).find((c) => c.id === commentId)!
    .hidden;
}

// ------------------------------------------------------------------ the matrix, read from docs/permissions.md

/** The columns of the matrix, in this order, after `operation`. */
const CALLERS: ReadonlyArray<Who> = [
  'anonymous',
  'resident',
  'resident2',
  'enterprise',
  'ngo',
  'gov',
  'admin',
  'unverifiedEnterprise',
  'unverifiedNgo',
  'pendingGov',
  'otherEnterprise',
  'otherNgo',
];
const EXPECTED: ReadonlyArray<Expected> = ['OK', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'];
const MATRIX_DOC = new URL('../../docs/permissions.md', import.meta.url);
const MATRIX_HEADING = '## The matrix, as tested';

type Row = [op: string, who: Who, expected: Expected];

interface Matrix {
  /** The filled cells, by the `###` heading they stand under. */
  groups: Map<string, Row[]>;
  /** Every row's operation, in the order of the document. */
  operations: string[];
  /** What is wrong with the tables: an unknown column, a word that is not a code, a repeated row... */
  problems: string[];
}

/**
 * Reads the tables of the section MATRIX_HEADING (up to the next `#` or `##`
 * heading): each a header `operation | <CALLERS>`, a separator, then one row
 * per operation; a cell is one of EXPECTED or empty (not tried). Prettier
 * pads the cells, so cells are split on `|` and trimmed.
 */
function readMatrix(markdown: string): Matrix {
  const matrix: Matrix = { groups: new Map(), operations: [], problems: [] };
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === MATRIX_HEADING);
  if (start < 0) {
    matrix.problems.push(`no section "${MATRIX_HEADING}"`);
    return matrix;
  }
  const cellsOf = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
  let group = '';
  let table: 'none' | 'separator' | 'body' | 'skip' = 'none';
  for (let i = start + 1; i < lines.length && !/^#{1,2} /.test(lines[i]!); i++) {
    const line = lines[i]!;
    const where = `docs/permissions.md:${i + 1}`;
    if (line.startsWith('### ')) group = line.slice(4).trim();
    if (!line.trim().startsWith('|')) {
      table = 'none';
      continue;
    }
    const cells = cellsOf(line);
    if (table === 'none') {
      const wanted = ['operation', ...CALLERS];
      table = cells.join('|') === wanted.join('|') ? 'separator' : 'skip';
      if (table === 'skip') matrix.problems.push(`${where}: the header must be "${wanted.join(' | ')}"`);
      continue;
    }
    if (table === 'separator') {
      if (!cells.every((cell) => /^:?-+:?$/.test(cell))) matrix.problems.push(`${where}: expected the separator row`);
      table = 'body';
      continue;
    }
    if (table === 'skip') continue;
    const [op = '', ...values] = cells;
    if (values.length !== CALLERS.length) {
      matrix.problems.push(`${where}: ${op} has ${values.length} cells, not ${CALLERS.length}`);
      continue;
    }
    if (matrix.operations.includes(op)) matrix.problems.push(`${where}: ${op} has a row already`);
    matrix.operations.push(op);
    if (values.every((value) => value === '')) matrix.problems.push(`${where}: ${op} tries nobody`);
    values.forEach((value, column) => {
      if (value === '') return;
      const who = CALLERS[column]!;
      if (!EXPECTED.includes(value as Expected)) {
        matrix.problems.push(`${where}: ${op} as ${who} is "${value}", not one of ${EXPECTED.join(', ')}`);
        return;
      }
      const rows = matrix.groups.get(group) ?? [];
      rows.push([op, who, value as Expected]);
      matrix.groups.set(group, rows);
    });
  }
  return matrix;
}

const MATRIX = readMatrix(readFileSync(MATRIX_DOC, 'utf8'));
const ROWS: Row[] = [...MATRIX.groups.values()].flat();

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  Object.assign(tokens, await api.demoTokens());
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const orgs = ok(await api.gql('{ organizations(type: GOVERNMENT) { id name } }')).organizations as Array<{
    id: string;
    name: string;
  }>;
  streetOfficeId = orgs.find((o) => o.name === 'Danzishi Street Office')!.id;
  tokens.unverifiedEnterprise = await register({
    displayName: 'Unverified Enterprise',
    role: 'ENTERPRISE',
    newOrganization: { name: `Unverified Enterprise ${unique()}` },
  });
  tokens.unverifiedNgo = await register({
    displayName: 'Unverified NGO',
    role: 'SOCIAL_ORGANIZATION',
    newOrganization: { name: `Unverified NGO ${unique()}` },
  });
  tokens.pendingGov = (await pendingMembership()).token;
  const orgOf = async (token: string): Promise<string> =>
    ok(await api.gql('{ viewerMembership { organization { id } } }', {}, token)).viewerMembership.organization.id;
  enterpriseOrgId = await orgOf(tokens.enterprise);
  ngoOrgId = await orgOf(tokens.ngo);
  fillClosedPool(
    ROWS.filter(([op]) => USES_CLOSED_BIDDING.includes(op)).length + 2, // + the viewerCan test
  );
  for (const [who, role] of [
    ['otherEnterprise', 'ENTERPRISE'],
    ['otherNgo', 'SOCIAL_ORGANIZATION'],
  ] as const) {
    tokens[who] = await register({ displayName: who, role, newOrganization: { name: `${who} ${unique()}` } });
    ok(
      await api.gql(
        'mutation V($id: ID!) { verifyOrganization(id: $id) { id } }',
        { id: await orgOf(tokens[who]) },
        tokens.gov,
      ),
    );
  }
});
afterAll(async () => {
  await server?.stop();
});

async function runCase(op: string, who: Who, expected: Expected) {
  const operation = OPS[op];
  if (!operation) throw new Error(`docs/permissions.md names ${op}, which OPS does not know how to prepare`);
  const prepared = await operation.prepare();
  const token = who === 'anonymous' ? null : tokens[who];
  const res = await api.gql(operation.document, prepared.variables, token);
  if (expected === 'OK') {
    expect({ errors: res.errors }).toEqual({ errors: undefined });
    expect(res.data).toBeTruthy();
  } else {
    expect(codes(res)).toEqual([expected]);
    expect(res.data).toBeNull();
  }
  await prepared.verify?.(expected === 'OK', res);
}

for (const [group, rows] of MATRIX.groups) {
  describe(`docs/permissions.md: ${group}`, () => {
    it.each(rows)('%s as %s -> %s', runCase);
  });
}

describe('the state machine answers CONFLICT for illegal moves by allowed callers', () => {
  const ADD = 'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }';

  it('after REJECTED or WITHDRAWN, discussion is closed and no further move is legal', async () => {
    const rejected = await inConsultation();
    ok(
      await api.gql(
        'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: REJECT) { id } }',
        { id: rejected },
        tokens.admin,
      ),
    );
    const withdrawn = await inConsultation();
    ok(
      await api.gql('mutation W($id: ID!) { withdrawProposal(proposalId: $id) { id } }', { id: withdrawn }, tokens.ngo),
    );
    for (const id of [rejected, withdrawn]) {
      const comment = await api.gql(ADD, { input: { proposalId: id, body: 'Too late?' } }, tokens.resident);
      expect(codes(comment)).toEqual(['CONFLICT']);
      const vote = await api.gql(
        'mutation V($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { id } }',
        { id },
        tokens.resident,
      );
      expect(codes(vote)).toEqual(['CONFLICT']);
      const withdraw = await api.gql(
        'mutation W($id: ID!) { withdrawProposal(proposalId: $id) { id } }',
        { id },
        tokens.admin,
      );
      expect(codes(withdraw)).toEqual(['CONFLICT']);
      const decide = await api.gql(
        'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { id } }',
        { id },
        tokens.gov,
      );
      expect(codes(decide)).toEqual(['CONFLICT']);
      const p = ok(await api.gql('query Q($id: ID!) { proposal(id: $id) { commentCount votes { support } } }', { id }));
      expect(p.proposal).toEqual({ commentCount: 0, votes: { support: 0 } });
    }
    expect(await statusOf(rejected)).toBe('REJECTED');
    expect(await statusOf(withdrawn)).toBe('WITHDRAWN');
  });

  it('a DRAFT cannot be decided, voted on or opened for bidding', async () => {
    const id = await createDraft('admin'); // a draft the fund side can see
    expect(
      codes(
        await api.gql(
          'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { id } }',
          { id },
          tokens.admin,
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      codes(
        await api.gql(
          'mutation B($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { id } }',
          { id, at: future(3) },
          tokens.admin,
        ),
      ),
    ).toEqual(['CONFLICT']);
    // residents cannot even see it
    expect(
      codes(
        await api.gql(
          'mutation V($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { id } }',
          { id },
          tokens.resident,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(await statusOf(id)).toBe('DRAFT');
  });
});

describe('the matrix is complete', () => {
  it('is read from docs/permissions.md: one header of known callers per table, each cell a known code', () => {
    expect(MATRIX.problems).toEqual([]);
    expect(ROWS.length).toBeGreaterThan(0);
  });

  it('has a row for every operation the test can prepare, and the test can prepare every row', () => {
    const known = Object.keys(OPS);
    expect(MATRIX.operations.filter((op) => !known.includes(op))).toEqual([]);
    expect(known.filter((op) => !MATRIX.operations.includes(op))).toEqual([]);
  });

  it('tries every row as an anonymous caller', () => {
    const anonymous = new Set(ROWS.filter(([, who]) => who === 'anonymous').map(([op]) => op));
    expect(MATRIX.operations.filter((op) => !anonymous.has(op))).toEqual([]);
  });

  it('covers every mutation of the server schema except register and login, each with an anonymous case', async () => {
    const schema = ok(await api.gql('{ __schema { mutationType { fields { name } } } }'));
    const mutations = (schema.__schema.mutationType.fields as Array<{ name: string }>).map((f) => f.name).sort();
    const covered = new Set(ROWS.map(([op]) => op.split(' ')[0]));
    const anonymous = new Set(ROWS.filter(([, who]) => who === 'anonymous').map(([op]) => op.split(' ')[0]));
    expect(mutations.filter((m) => !covered.has(m) && m !== 'register' && m !== 'login')).toEqual([]);
    expect([...covered].filter((m) => !anonymous.has(m))).toEqual([]);
  });

  const CAN = `query Q($id: ID!) { proposal(id: $id) { viewerCan {
      comment vote decide openConsultation withdraw openBidding sponsor bid award postProgress complete } } }`;
  const NOTHING = {
    comment: false,
    vote: false,
    decide: false,
    openConsultation: false,
    withdraw: false,
    openBidding: false,
    sponsor: false,
    bid: false,
    award: false,
    postProgress: false,
    complete: false,
  };
  const can = async (id: string, who: Who) =>
    ok(await api.gql(CAN, { id }, who === 'anonymous' ? null : tokens[who])).proposal.viewerCan;

  it('viewerCan agrees with the rules in consultation', async () => {
    const id = await inConsultation();
    expect(await can(id, 'resident')).toEqual({ ...NOTHING, comment: true, vote: true });
    expect(await can(id, 'gov')).toEqual({ ...NOTHING, comment: true, decide: true });
    expect(await can(id, 'ngo')).toEqual({ ...NOTHING, comment: true, withdraw: true });
    expect(await can(id, 'enterprise')).toEqual({ ...NOTHING, comment: true, sponsor: true });
    expect(await can(id, 'unverifiedEnterprise')).toEqual(NOTHING);
    expect(await can(id, 'anonymous')).toEqual(NOTHING);
  });

  it('viewerCan agrees with the rules while bidding, after the close and in progress', async () => {
    const open = await biddingOpen();
    expect(await can(open, 'ngo')).toMatchObject({ bid: true, award: false, postProgress: false });
    expect(await can(open, 'unverifiedNgo')).toMatchObject({ bid: false });
    expect(await can(open, 'gov')).toMatchObject({ bid: false, award: false, sponsor: false });
    expect(await can(open, 'enterprise')).toMatchObject({ sponsor: true, bid: false });

    const { proposalId: closed } = await biddingClosed();
    expect(await can(closed, 'ngo')).toMatchObject({ bid: false, award: false });
    expect(await can(closed, 'gov')).toMatchObject({ award: true, complete: false });
    expect(await can(closed, 'admin')).toMatchObject({ award: true });
    expect(await can(closed, 'resident')).toMatchObject({ award: false });

    const inWork = await inProgress();
    expect(await can(inWork, 'ngo')).toMatchObject({ postProgress: true, complete: false, bid: false });
    expect(await can(inWork, 'otherNgo')).toMatchObject({ postProgress: false });
    expect(await can(inWork, 'admin')).toMatchObject({ postProgress: true, complete: true, award: false });
    expect(await can(inWork, 'gov')).toMatchObject({ postProgress: false, complete: true, award: false });
    expect(await can(inWork, 'resident')).toEqual({ ...NOTHING, comment: true });
  });
});
