/**
 * The permission matrix of DESIGN.md §3, black-box: every mutation as an
 * anonymous caller (UNAUTHENTICATED), as roles that may not (FORBIDDEN, or
 * NOT_FOUND for drafts they cannot see) and as roles that may (success; for
 * the contract operations whose feature has not landed yet, NOT_IMPLEMENTED,
 * so this file breaks loudly when they land and must be updated).
 *
 * Each case states its expected code explicitly. Refused calls on proposals
 * are also checked to have changed nothing.
 */
import { randomUUID } from 'node:crypto';
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

type Who = 'anonymous' | DemoAccount | 'unverifiedEnterprise' | 'unverifiedNgo' | 'pendingGov';
type Expected = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'NOT_IMPLEMENTED';

let server: StartedServer;
let api: Api;
const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
let fundId: string;
let streetOfficeId: string;

const DAY = 24 * 3600 * 1000;
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
  completeProposal: {
    // Only IN_PROGRESS completes, and nothing reaches IN_PROGRESS before bidding lands:
    // the allowed roles pass authorization and meet the state machine (CONFLICT).
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

  // Contract operations whose features have not landed: authorization only.
  proposeSponsorship: {
    document: 'mutation M($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id } }',
    prepare: async () => ({
      variables: {
        input: { proposalId: randomUUID(), kind: 'FUNDS', amountMinor: 100_000, description: 'Ten thousand yuan.' },
      },
    }),
  },
  withdrawSponsorship: {
    document: 'mutation M($id: ID!) { withdrawSponsorship(sponsorshipId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  respondToSponsorship: {
    document: 'mutation M($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  recordSponsorshipPayment: {
    document: 'mutation M($id: ID!) { recordSponsorshipPayment(sponsorshipId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  submitBid: {
    document: 'mutation M($input: SubmitBidInput!) { submitBid(input: $input) { id } }',
    prepare: async () => ({
      variables: {
        input: { proposalId: randomUUID(), amountMinor: 900_000, plan: 'We will do it well.', durationDays: 30 },
      },
    }),
  },
  withdrawBid: {
    document: 'mutation M($id: ID!) { withdrawBid(bidId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  awardBid: {
    document: 'mutation M($id: ID!) { awardBid(bidId: $id) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
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
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  postProgressUpdate: {
    document:
      'mutation M($id: ID!) { postProgressUpdate(proposalId: $id, body: "Half done.", percentComplete: 50) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
  proposePartnership: {
    document: 'mutation M($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id } }',
    prepare: async () => ({
      variables: {
        input: {
          fundId,
          organizationId: randomUUID(),
          title: 'Strategic partnership',
          commitments: 'Volunteers monthly.',
        },
      },
    }),
  },
  respondToPartnership: {
    document: 'mutation M($id: ID!) { respondToPartnership(partnershipId: $id, accept: true) { id } }',
    prepare: async () => ({ variables: { id: randomUUID() } }),
  },
};

// ------------------------------------------------------------------ the matrix

type Row = [op: keyof typeof OPS, who: Who, expected: Expected];

const IMPLEMENTED: Row[] = [
  // RESIDENT only
  ['createNeed', 'anonymous', 'UNAUTHENTICATED'],
  ['createNeed', 'ngo', 'FORBIDDEN'],
  ['createNeed', 'enterprise', 'FORBIDDEN'],
  ['createNeed', 'gov', 'FORBIDDEN'],
  ['createNeed', 'admin', 'FORBIDDEN'],
  ['createNeed', 'resident', 'OK'],
  ['supportNeed', 'anonymous', 'UNAUTHENTICATED'],
  ['supportNeed', 'enterprise', 'FORBIDDEN'],
  ['supportNeed', 'gov', 'FORBIDDEN'],
  ['supportNeed', 'admin', 'FORBIDDEN'],
  ['supportNeed', 'resident', 'OK'],
  ['castVote', 'anonymous', 'UNAUTHENTICATED'],
  ['castVote', 'ngo', 'FORBIDDEN'],
  ['castVote', 'enterprise', 'FORBIDDEN'],
  ['castVote', 'gov', 'FORBIDDEN'],
  ['castVote', 'admin', 'FORBIDDEN'],
  ['castVote', 'resident', 'OK'],

  // any signed-in participant; organization roles only through a verified organization
  ['addComment', 'anonymous', 'UNAUTHENTICATED'],
  ['addComment', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['addComment', 'unverifiedNgo', 'FORBIDDEN'],
  ['addComment', 'pendingGov', 'FORBIDDEN'],
  ['addComment', 'resident', 'OK'],
  ['addComment', 'ngo', 'OK'],
  ['addComment', 'enterprise', 'OK'],
  ['addComment', 'gov', 'OK'],
  ['addComment', 'admin', 'OK'],
  ['createProposal', 'anonymous', 'UNAUTHENTICATED'],
  ['createProposal', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['createProposal', 'unverifiedNgo', 'FORBIDDEN'],
  ['createProposal', 'pendingGov', 'FORBIDDEN'],
  ['createProposal', 'resident', 'OK'],
  ['createProposal', 'ngo', 'OK'],
  ['createProposal', 'enterprise', 'OK'],
  ['createProposal', 'gov', 'OK'],
  ['createProposal', 'admin', 'OK'],

  // the author (ngo here) or FUND_ADMIN; drafts are invisible (NOT_FOUND) to everyone else
  ['openConsultation (a draft)', 'anonymous', 'UNAUTHENTICATED'],
  ['openConsultation (a draft)', 'resident', 'NOT_FOUND'],
  ['openConsultation (a draft)', 'enterprise', 'NOT_FOUND'],
  ['openConsultation (a draft)', 'gov', 'NOT_FOUND'],
  ['openConsultation (a draft)', 'ngo', 'OK'],
  ['openConsultation (a draft)', 'admin', 'OK'],
  ['openConsultation (a visible proposal)', 'resident', 'FORBIDDEN'],
  ['openConsultation (a visible proposal)', 'gov', 'FORBIDDEN'],
  ['openConsultation (a visible proposal)', 'ngo', 'CONFLICT'], // the author, but it is already in consultation
  ['withdrawProposal (a draft)', 'anonymous', 'UNAUTHENTICATED'],
  ['withdrawProposal (a draft)', 'resident', 'NOT_FOUND'],
  ['withdrawProposal (a draft)', 'gov', 'NOT_FOUND'],
  ['withdrawProposal (a draft)', 'ngo', 'OK'],
  ['withdrawProposal (a draft)', 'admin', 'OK'],
  ['withdrawProposal (in consultation)', 'anonymous', 'UNAUTHENTICATED'],
  ['withdrawProposal (in consultation)', 'resident', 'FORBIDDEN'],
  ['withdrawProposal (in consultation)', 'enterprise', 'FORBIDDEN'],
  ['withdrawProposal (in consultation)', 'gov', 'FORBIDDEN'],
  ['withdrawProposal (in consultation)', 'ngo', 'OK'],
  ['withdrawProposal (in consultation)', 'admin', 'OK'],

  // GOVERNMENT, FUND_ADMIN
  ['decideProposal', 'anonymous', 'UNAUTHENTICATED'],
  ['decideProposal', 'resident', 'FORBIDDEN'],
  ['decideProposal', 'ngo', 'FORBIDDEN'], // even the author
  ['decideProposal', 'enterprise', 'FORBIDDEN'],
  ['decideProposal', 'pendingGov', 'FORBIDDEN'],
  ['decideProposal', 'gov', 'OK'],
  ['decideProposal', 'admin', 'OK'],
  ['openBidding', 'anonymous', 'UNAUTHENTICATED'],
  ['openBidding', 'resident', 'FORBIDDEN'],
  ['openBidding', 'ngo', 'FORBIDDEN'],
  ['openBidding', 'pendingGov', 'FORBIDDEN'],
  ['openBidding', 'gov', 'OK'],
  ['openBidding', 'admin', 'OK'],
  ['completeProposal', 'anonymous', 'UNAUTHENTICATED'],
  ['completeProposal', 'resident', 'FORBIDDEN'],
  ['completeProposal', 'ngo', 'FORBIDDEN'],
  ['completeProposal', 'gov', 'CONFLICT'],
  ['completeProposal', 'admin', 'CONFLICT'],
  ['verifyOrganization', 'anonymous', 'UNAUTHENTICATED'],
  ['verifyOrganization', 'resident', 'FORBIDDEN'],
  ['verifyOrganization', 'ngo', 'FORBIDDEN'],
  ['verifyOrganization', 'enterprise', 'FORBIDDEN'],
  ['verifyOrganization', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['verifyOrganization', 'pendingGov', 'FORBIDDEN'],
  ['verifyOrganization', 'gov', 'OK'],
  ['verifyOrganization', 'admin', 'OK'],

  // a verified member of the organization (the street office: gov) or FUND_ADMIN
  ['approveMembership', 'anonymous', 'UNAUTHENTICATED'],
  ['approveMembership', 'resident', 'FORBIDDEN'],
  ['approveMembership', 'ngo', 'FORBIDDEN'], // verified, but of another organization
  ['approveMembership', 'enterprise', 'FORBIDDEN'],
  ['approveMembership', 'pendingGov', 'FORBIDDEN'],
  ['approveMembership', 'gov', 'OK'],
  ['approveMembership', 'admin', 'OK'],
  ['rejectMembership', 'anonymous', 'UNAUTHENTICATED'],
  ['rejectMembership', 'resident', 'FORBIDDEN'],
  ['rejectMembership', 'ngo', 'FORBIDDEN'],
  ['rejectMembership', 'gov', 'OK'],
  ['rejectMembership', 'admin', 'OK'],
];

const NOT_YET_IMPLEMENTED: Row[] = [
  // ENTERPRISE of a verified organization
  ['proposeSponsorship', 'anonymous', 'UNAUTHENTICATED'],
  ['proposeSponsorship', 'resident', 'FORBIDDEN'],
  ['proposeSponsorship', 'ngo', 'FORBIDDEN'],
  ['proposeSponsorship', 'gov', 'FORBIDDEN'],
  ['proposeSponsorship', 'admin', 'FORBIDDEN'],
  ['proposeSponsorship', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['proposeSponsorship', 'enterprise', 'NOT_IMPLEMENTED'],
  ['withdrawSponsorship', 'anonymous', 'UNAUTHENTICATED'],
  ['withdrawSponsorship', 'resident', 'FORBIDDEN'],
  ['withdrawSponsorship', 'ngo', 'FORBIDDEN'],
  ['withdrawSponsorship', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['withdrawSponsorship', 'enterprise', 'NOT_IMPLEMENTED'],
  // GOVERNMENT, FUND_ADMIN
  ['respondToSponsorship', 'anonymous', 'UNAUTHENTICATED'],
  ['respondToSponsorship', 'resident', 'FORBIDDEN'],
  ['respondToSponsorship', 'enterprise', 'FORBIDDEN'],
  ['respondToSponsorship', 'pendingGov', 'FORBIDDEN'],
  ['respondToSponsorship', 'gov', 'NOT_IMPLEMENTED'],
  ['respondToSponsorship', 'admin', 'NOT_IMPLEMENTED'],
  // FUND_ADMIN
  ['recordSponsorshipPayment', 'anonymous', 'UNAUTHENTICATED'],
  ['recordSponsorshipPayment', 'gov', 'FORBIDDEN'],
  ['recordSponsorshipPayment', 'enterprise', 'FORBIDDEN'],
  ['recordSponsorshipPayment', 'admin', 'NOT_IMPLEMENTED'],
  ['createCampaign', 'anonymous', 'UNAUTHENTICATED'],
  ['createCampaign', 'resident', 'FORBIDDEN'],
  ['createCampaign', 'gov', 'FORBIDDEN'],
  ['createCampaign', 'enterprise', 'FORBIDDEN'],
  ['createCampaign', 'admin', 'NOT_IMPLEMENTED'],
  ['requestDisbursement', 'anonymous', 'UNAUTHENTICATED'],
  ['requestDisbursement', 'resident', 'FORBIDDEN'],
  ['requestDisbursement', 'gov', 'FORBIDDEN'],
  ['requestDisbursement', 'ngo', 'FORBIDDEN'],
  ['requestDisbursement', 'admin', 'NOT_IMPLEMENTED'],
  // SOCIAL_ORGANIZATION of a verified organization
  ['submitBid', 'anonymous', 'UNAUTHENTICATED'],
  ['submitBid', 'resident', 'FORBIDDEN'],
  ['submitBid', 'enterprise', 'FORBIDDEN'],
  ['submitBid', 'gov', 'FORBIDDEN'],
  ['submitBid', 'admin', 'FORBIDDEN'],
  ['submitBid', 'unverifiedNgo', 'FORBIDDEN'],
  ['submitBid', 'ngo', 'NOT_IMPLEMENTED'],
  ['withdrawBid', 'anonymous', 'UNAUTHENTICATED'],
  ['withdrawBid', 'enterprise', 'FORBIDDEN'],
  ['withdrawBid', 'unverifiedNgo', 'FORBIDDEN'],
  ['withdrawBid', 'ngo', 'NOT_IMPLEMENTED'],
  // GOVERNMENT, FUND_ADMIN
  ['awardBid', 'anonymous', 'UNAUTHENTICATED'],
  ['awardBid', 'resident', 'FORBIDDEN'],
  ['awardBid', 'ngo', 'FORBIDDEN'],
  ['awardBid', 'gov', 'NOT_IMPLEMENTED'],
  ['awardBid', 'admin', 'NOT_IMPLEMENTED'],
  // GOVERNMENT, never the requester (FUND_ADMIN requests, so FUND_ADMIN never approves)
  ['approveDisbursement', 'anonymous', 'UNAUTHENTICATED'],
  ['approveDisbursement', 'resident', 'FORBIDDEN'],
  ['approveDisbursement', 'admin', 'FORBIDDEN'],
  ['approveDisbursement', 'pendingGov', 'FORBIDDEN'],
  ['approveDisbursement', 'gov', 'NOT_IMPLEMENTED'],
  ['rejectDisbursement', 'anonymous', 'UNAUTHENTICATED'],
  ['rejectDisbursement', 'admin', 'FORBIDDEN'],
  ['rejectDisbursement', 'ngo', 'FORBIDDEN'],
  ['rejectDisbursement', 'gov', 'NOT_IMPLEMENTED'],
  // any signed-in participant
  ['submitFeedback', 'anonymous', 'UNAUTHENTICATED'],
  ['submitFeedback', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['submitFeedback', 'pendingGov', 'FORBIDDEN'],
  ['submitFeedback', 'resident', 'NOT_IMPLEMENTED'],
  // GOVERNMENT, FUND_ADMIN
  ['respondToFeedback', 'anonymous', 'UNAUTHENTICATED'],
  ['respondToFeedback', 'resident', 'FORBIDDEN'],
  ['respondToFeedback', 'ngo', 'FORBIDDEN'],
  ['respondToFeedback', 'gov', 'NOT_IMPLEMENTED'],
  ['respondToFeedback', 'admin', 'NOT_IMPLEMENTED'],
  // DESIGN.md §3: members of the awarded organization (a SOCIAL_ORGANIZATION), FUND_ADMIN.
  ['postProgressUpdate', 'anonymous', 'UNAUTHENTICATED'],
  ['postProgressUpdate', 'unverifiedNgo', 'FORBIDDEN'],
  ['postProgressUpdate', 'resident', 'FORBIDDEN'],
  ['postProgressUpdate', 'enterprise', 'FORBIDDEN'],
  ['postProgressUpdate', 'ngo', 'NOT_IMPLEMENTED'],
  ['postProgressUpdate', 'admin', 'NOT_IMPLEMENTED'],
  // FUND_ADMIN or GOVERNMENT for the fund, a member for the organization: never a RESIDENT
  ['proposePartnership', 'anonymous', 'UNAUTHENTICATED'],
  ['proposePartnership', 'unverifiedEnterprise', 'FORBIDDEN'],
  ['proposePartnership', 'resident', 'FORBIDDEN'],
  ['proposePartnership', 'admin', 'NOT_IMPLEMENTED'],
  ['proposePartnership', 'gov', 'NOT_IMPLEMENTED'],
  ['proposePartnership', 'enterprise', 'NOT_IMPLEMENTED'],
  ['respondToPartnership', 'anonymous', 'UNAUTHENTICATED'],
  ['respondToPartnership', 'unverifiedNgo', 'FORBIDDEN'],
  ['respondToPartnership', 'resident', 'FORBIDDEN'],
  ['respondToPartnership', 'gov', 'NOT_IMPLEMENTED'],
  ['respondToPartnership', 'ngo', 'NOT_IMPLEMENTED'],
  // anyone, signed in or not
  ['donate', 'anonymous', 'NOT_IMPLEMENTED'],
  ['donate', 'resident', 'NOT_IMPLEMENTED'],
];

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
});
afterAll(async () => {
  await server?.stop();
});

async function runCase(op: keyof typeof OPS, who: Who, expected: Expected) {
  const operation = OPS[op]!;
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

describe('implemented operations (DESIGN.md §3)', () => {
  it.each(IMPLEMENTED)('%s as %s -> %s', runCase);
});

describe('contract operations not implemented yet refuse the wrong callers', () => {
  it.each(NOT_YET_IMPLEMENTED)('%s as %s -> %s', runCase);
});

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
  it('covers every mutation of the server schema except register and login, each with an anonymous case', async () => {
    const schema = ok(await api.gql('{ __schema { mutationType { fields { name } } } }'));
    const mutations = (schema.__schema.mutationType.fields as Array<{ name: string }>).map((f) => f.name).sort();
    const covered = new Set([...IMPLEMENTED, ...NOT_YET_IMPLEMENTED].map(([op]) => String(op).split(' ')[0]));
    const anonymous = new Set(
      [...IMPLEMENTED, ...NOT_YET_IMPLEMENTED]
        .filter(([, who]) => who === 'anonymous')
        .map(([op]) => String(op).split(' ')[0]),
    );
    expect(mutations.filter((m) => !covered.has(m) && m !== 'register' && m !== 'login')).toEqual([]);
    expect([...covered].filter((m) => !anonymous.has(m))).toEqual([]);
  });

  it('viewerCan agrees with the rules for a resident and for government', async () => {
    const id = await inConsultation();
    const Q =
      'query Q($id: ID!) { proposal(id: $id) { viewerCan { comment vote decide openConsultation withdraw openBidding } } }';
    expect(ok(await api.gql(Q, { id }, tokens.resident)).proposal.viewerCan).toEqual({
      comment: true,
      vote: true,
      decide: false,
      openConsultation: false,
      withdraw: false,
      openBidding: false,
    });
    expect(ok(await api.gql(Q, { id }, tokens.gov)).proposal.viewerCan).toEqual({
      comment: true,
      vote: false,
      decide: true,
      openConsultation: false,
      withdraw: false,
      openBidding: false,
    });
    expect(ok(await api.gql(Q, { id }, tokens.ngo)).proposal.viewerCan).toMatchObject({
      withdraw: true,
      vote: false,
      decide: false,
    });
    expect(ok(await api.gql(Q, { id })).proposal.viewerCan).toEqual({
      comment: false,
      vote: false,
      decide: false,
      openConsultation: false,
      withdraw: false,
      openBidding: false,
    });
  });
});
