/**
 * Bad input writes nothing (DESIGN.md §3 "Errors and bad input"): empty,
 * blank and over-long strings, unknown enum values (inline literals and
 * variables), malformed IDs and out-of-range numbers are BAD_USER_INPUT
 * (naming the field where the server validates it), unknown IDs are
 * NOT_FOUND; after each refused call a list query shows no new row.
 */
import { apiFor, codes, ok, startServer, type Api, type DemoAccount, type StartedServer } from '../support/server.js';

let server: StartedServer;
let api: Api;
let tokens: Record<DemoAccount, string>;
let fundId: string;
let liftId: string; // CONSULTATION, seeded
let canteenId: string; // APPROVED, seeded
let draftId: string; // the Social Work Centre's DRAFT, seeded
let canteenCommentId: string;

const UNKNOWN = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const all = ok(await api.gql('{ proposals(first: 100) { nodes { id title status } } }', {}, tokens.admin)).proposals
    .nodes as Array<{
    id: string;
    title: string;
    status: string;
  }>;
  liftId = all.find((p) => p.status === 'CONSULTATION' && /lift/i.test(p.title))!.id;
  canteenId = all.find((p) => p.status === 'APPROVED')!.id;
  draftId = all.find((p) => p.status === 'DRAFT')!.id;
  canteenCommentId = ok(
    await api.gql('query Q($id: ID!) { proposal(id: $id) { comments { nodes { id } } } }', { id: canteenId }),
  ).proposal.comments.nodes[0].id;
});
afterAll(async () => {
  await server?.stop();
});

interface Case {
  label: string;
  document: string;
  variables?: Record<string, unknown>;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND';
  /** extensions.field, when the server names the field (class-validator and ID checks do). */
  field?: string;
}

// ------------------------------------------------------------------ createNeed

const NEED = 'mutation N($input: CreateNeedInput!) { createNeed(input: $input) { id } }';
const goodNeed = () => ({
  fundId,
  title: 'Broken railing on the stairs',
  description: 'The railing between floors 2 and 3 is loose and wobbles.',
  category: 'PROPERTY_SERVICES',
});
const need = (label: string, overrides: Record<string, unknown>, code: Case['code'], field?: string): Case => ({
  label,
  document: NEED,
  variables: { input: { ...goodNeed(), ...overrides } },
  code,
  ...(field ? { field } : {}),
});
const needInline = (label: string, fields: string, code: Case['code'] = 'BAD_USER_INPUT'): Case => ({
  label,
  document: `mutation { createNeed(input: { fundId: "${fundId}", ${fields} }) { id } }`,
  code,
});

const needCases = (): Case[] => [
  need('empty title', { title: '' }, 'BAD_USER_INPUT', 'title'),
  need('blank title', { title: '      ' }, 'BAD_USER_INPUT', 'title'),
  need('over-long title (121)', { title: 'x'.repeat(121) }, 'BAD_USER_INPUT', 'title'),
  need('empty description', { description: '' }, 'BAD_USER_INPUT', 'description'),
  need('blank description', { description: ' \t\n'.repeat(10) }, 'BAD_USER_INPUT', 'description'),
  need('over-long description (5001)', { description: 'y'.repeat(5001) }, 'BAD_USER_INPUT', 'description'),
  need('null title (variable)', { title: null }, 'BAD_USER_INPUT'),
  need('unknown category (variable)', { category: 'SPACE_PROGRAM' }, 'BAD_USER_INPUT'),
  need('lower-case category (variable)', { category: 'other' }, 'BAD_USER_INPUT'),
  need('malformed fundId', { fundId: 'fund-1' }, 'BAD_USER_INPUT', 'fundId'),
  need('malformed neighborhoodId', { neighborhoodId: '12345' }, 'BAD_USER_INPUT', 'neighborhoodId'),
  need('unknown fundId', { fundId: UNKNOWN }, 'NOT_FOUND'),
  needInline(
    'unknown category (inline literal)',
    'title: "Railing", description: "The railing is loose.", category: SPACE_PROGRAM',
  ),
  needInline(
    'category as a string literal (inline)',
    'title: "Railing", description: "The railing is loose.", category: "OTHER"',
  ),
  needInline('missing title (inline)', 'description: "The railing is loose.", category: OTHER'),
  needInline('title of the wrong type (inline)', 'title: 42, description: "The railing is loose.", category: OTHER'),
];

// ------------------------------------------------------------------ createProposal

const PROPOSAL = 'mutation P($input: CreateProposalInput!) { createProposal(input: $input) { id } }';
const goodProposal = () => ({
  fundId,
  title: 'Fix the railing',
  summary: 'A welder fixes the loose railing in building 5.',
  body: 'One day of welding work and paint; the property company supervises.',
  category: 'PROPERTY_SERVICES',
  budgetMinor: 80_000,
});
const proposal = (label: string, overrides: Record<string, unknown>, code: Case['code'], field?: string): Case => ({
  label,
  document: PROPOSAL,
  variables: { input: { ...goodProposal(), ...overrides } },
  code,
  ...(field ? { field } : {}),
});
const proposalInline = (label: string, fields: string): Case => ({
  label,
  document: `mutation { createProposal(input: { fundId: "${fundId}", title: "Fix the railing", summary: "A welder fixes the railing.", body: "One day of welding work.", ${fields} }) { id } }`,
  code: 'BAD_USER_INPUT',
});

const proposalCases = (): Case[] => [
  proposal('empty title', { title: '' }, 'BAD_USER_INPUT', 'title'),
  proposal('blank title', { title: '     ' }, 'BAD_USER_INPUT', 'title'),
  proposal('over-long title (121)', { title: 't'.repeat(121) }, 'BAD_USER_INPUT', 'title'),
  proposal('too-short summary', { summary: 'short' }, 'BAD_USER_INPUT', 'summary'),
  proposal('blank summary', { summary: ' '.repeat(20) }, 'BAD_USER_INPUT', 'summary'),
  proposal('over-long summary (501)', { summary: 's'.repeat(501) }, 'BAD_USER_INPUT', 'summary'),
  proposal('empty body', { body: '' }, 'BAD_USER_INPUT', 'body'),
  proposal('over-long body (20001)', { body: 'b'.repeat(20001) }, 'BAD_USER_INPUT', 'body'),
  proposal('zero budget', { budgetMinor: 0 }, 'BAD_USER_INPUT', 'budgetMinor'),
  proposal('negative budget', { budgetMinor: -100 }, 'BAD_USER_INPUT', 'budgetMinor'),
  proposal('budget above the maximum', { budgetMinor: 10_000_000_001 }, 'BAD_USER_INPUT', 'budgetMinor'),
  proposal('fractional budget', { budgetMinor: 12.5 }, 'BAD_USER_INPUT'),
  proposal('unsafe-integer budget', { budgetMinor: 2 ** 53 }, 'BAD_USER_INPUT'),
  proposal('unknown category (variable)', { category: 'TIME_TRAVEL' }, 'BAD_USER_INPUT'),
  proposal('malformed fundId', { fundId: 'not-a-uuid' }, 'BAD_USER_INPUT', 'fundId'),
  proposal('malformed needId', { needId: "1' OR '1'='1" }, 'BAD_USER_INPUT', 'needId'),
  proposal('unknown fundId', { fundId: UNKNOWN }, 'NOT_FOUND'),
  proposal('unknown needId', { needId: UNKNOWN }, 'NOT_FOUND'),
  proposalInline('unknown category (inline literal)', 'category: TIME_TRAVEL, budgetMinor: 100'),
  proposalInline('fractional budget (inline literal)', 'category: OTHER, budgetMinor: 1.5'),
  proposalInline('budget as a string (inline literal)', 'category: OTHER, budgetMinor: "100"'),
];

// ------------------------------------------------------------------ addComment

const COMMENT = 'mutation C($input: AddCommentInput!) { addComment(input: $input) { id } }';
const comment = (label: string, input: Record<string, unknown>, code: Case['code'], field?: string): Case => ({
  label,
  document: COMMENT,
  variables: { input: { proposalId: liftId, body: 'A perfectly fine comment.', ...input } },
  code,
  ...(field ? { field } : {}),
});

const commentCases = (): Case[] => [
  comment('empty body', { body: '' }, 'BAD_USER_INPUT', 'body'),
  comment('blank body', { body: '  \n\t  ' }, 'BAD_USER_INPUT', 'body'),
  comment('over-long body (4001)', { body: 'c'.repeat(4001) }, 'BAD_USER_INPUT', 'body'),
  comment('malformed proposalId', { proposalId: 'lift' }, 'BAD_USER_INPUT', 'proposalId'),
  comment('malformed parentId', { parentId: 'parent-1' }, 'BAD_USER_INPUT', 'parentId'),
  comment('unknown proposalId', { proposalId: UNKNOWN }, 'NOT_FOUND'),
  comment('unknown parentId', { parentId: UNKNOWN }, 'NOT_FOUND'),
  comment("someone else's draft", { proposalId: draftId }, 'NOT_FOUND'),
  comment('a parent on another proposal', { parentId: canteenCommentId }, 'BAD_USER_INPUT', 'parentId'),
  {
    label: 'body of the wrong type (inline literal)',
    document: `mutation { addComment(input: { proposalId: "${liftId}", body: 12 }) { id } }`,
    code: 'BAD_USER_INPUT',
  },
];

// ------------------------------------------------------------------ runner

async function expectRefusedAndNothingWritten(c: Case, token: string, snapshot: () => Promise<unknown>) {
  const before = await snapshot();
  const res = await api.gql(c.document, c.variables, token);
  expect({ label: c.label, codes: codes(res) }).toEqual({ label: c.label, codes: [c.code] });
  if (c.field)
    expect({ label: c.label, field: res.errors![0]!.extensions!.field }).toEqual({ label: c.label, field: c.field });
  expect(res.data ?? null).toBeNull();
  expect(await snapshot()).toEqual(before);
}

const needCount = async () =>
  ok(await api.gql('query Q($f: ID!) { needs(fundId: $f, first: 100) { totalCount nodes { id } } }', { f: fundId }))
    .needs;
const proposalCount = async () =>
  ok(await api.gql('{ proposals(first: 100) { totalCount nodes { id } } }', {}, tokens.admin)).proposals;
const commentCounts = async () => {
  const res = ok(await api.gql('{ proposals(first: 100) { nodes { id commentCount } } }', {}, tokens.admin));
  return res.proposals.nodes;
};

// The tables are built twice: at collection time only for their labels, and
// again inside each test, once the server's ids are known.
const labels = (cases: () => Case[]) => cases().map((c) => c.label);
const byLabel = (cases: () => Case[], label: string) => cases().find((c) => c.label === label)!;

describe('createNeed refuses bad input and writes nothing', () => {
  it('sanity: the good input is accepted (so each refusal below is about its one bad field)', async () => {
    const before = await needCount();
    ok(await api.gql(NEED, { input: goodNeed() }, tokens.resident));
    expect((await needCount()).totalCount).toBe(before.totalCount + 1);
  });
  it.each(labels(needCases))('%s', async (label) => {
    await expectRefusedAndNothingWritten(byLabel(needCases, label), tokens.resident, needCount);
  });
});

describe('createProposal refuses bad input and writes nothing', () => {
  it('sanity: the good input is accepted', async () => {
    const before = await proposalCount();
    ok(await api.gql(PROPOSAL, { input: goodProposal() }, tokens.ngo));
    expect((await proposalCount()).totalCount).toBe(before.totalCount + 1);
  });
  it.each(labels(proposalCases))('%s', async (label) => {
    await expectRefusedAndNothingWritten(byLabel(proposalCases, label), tokens.ngo, proposalCount);
  });
});

describe('addComment refuses bad input and writes nothing', () => {
  it('sanity: the good input is accepted', async () => {
    const before = (await commentCounts()).find((p: { id: string }) => p.id === liftId).commentCount;
    ok(await api.gql(COMMENT, { input: { proposalId: liftId, body: 'Fine.' } }, tokens.resident));
    expect((await commentCounts()).find((p: { id: string }) => p.id === liftId).commentCount).toBe(before + 1);
  });
  it.each(labels(commentCases))('%s', async (label) => {
    await expectRefusedAndNothingWritten(byLabel(commentCases, label), tokens.resident, commentCounts);
  });
});

describe('createNeed: an unknown neighborhood is an unknown ID', () => {
  it('is NOT_FOUND (DESIGN.md §3: "Unknown IDs give NOT_FOUND") and writes nothing', async () => {
    await expectRefusedAndNothingWritten(
      need('unknown neighborhoodId', { neighborhoodId: UNKNOWN }, 'NOT_FOUND'),
      tokens.resident,
      needCount,
    );
  });
});

describe('proposal transitions validate their arguments and change nothing when refused', () => {
  const fresh = async (): Promise<string> => {
    const id = ok(await api.gql(PROPOSAL, { input: { ...goodProposal(), title: 'Transition fixture' } }, tokens.ngo))
      .createProposal.id;
    return id;
  };
  const status = async (id: string) =>
    ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { status decisionNote consultationEndsAt } }',
        { id },
        tokens.admin,
      ),
    ).proposal;
  const OPEN =
    'mutation O($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { status } }';
  const DAY = 24 * 3600 * 1000;

  it.each([
    ['in the past', () => new Date(Date.now() - DAY).toISOString(), 'BAD_USER_INPUT', 'consultationEndsAt'],
    [
      'beyond the longest window (367 days)',
      () => new Date(Date.now() + 367 * DAY).toISOString(),
      'BAD_USER_INPUT',
      'consultationEndsAt',
    ],
    ['not a date', () => 'next tuesday', 'BAD_USER_INPUT', undefined],
  ])('openConsultation with an end %s is refused', async (_label, at, code, field) => {
    const id = await fresh();
    const res = await api.gql(OPEN, { id, at: at() }, tokens.ngo);
    expect(codes(res)).toEqual([code]);
    if (field) expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(await status(id)).toEqual({ status: 'DRAFT', decisionNote: null, consultationEndsAt: null });
  });

  it('decideProposal with an over-long note (LIMITS.decisionNote.max 2000 + 1) is BAD_USER_INPUT naming note, and nothing changes', async () => {
    const id = await fresh();
    ok(await api.gql(OPEN, { id, at: new Date(Date.now() + 5 * DAY).toISOString() }, tokens.ngo));
    const res = await api.gql(
      'mutation D($id: ID!, $note: String) { decideProposal(proposalId: $id, decision: APPROVE, note: $note) { status } }',
      { id, note: 'n'.repeat(2001) },
      tokens.gov,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.field).toBe('note');
    expect((await status(id)).status).toBe('CONSULTATION');
  });

  it.each([
    ['an over-long search (101)', '{ proposals(search: "' + 's'.repeat(101) + '") { totalCount } }', 'search'],
    ['first: 0', '{ proposals(first: 0) { totalCount } }', 'first'],
    ['first: 101', '{ proposals(first: 101) { totalCount } }', 'first'],
    ['a garbage cursor', '{ proposals(after: "%%%not-a-cursor") { totalCount } }', 'after'],
  ])('proposals with %s is BAD_USER_INPUT naming the argument', async (_label, query, field) => {
    const res = await api.gql(query);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.field).toBe(field);
  });
});
