/**
 * The flagship story end to end over HTTP and WebSocket: a resident raises a
 * need, a neighbour supports it, a social organization proposes against it,
 * consultation opens, comments and votes arrive live at a subscriber, and
 * government approves.
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
const clients: WsClientHandle[] = [];

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

describe('the story: need -> proposal -> live consultation -> approval', () => {
  // state shared by the steps, in order
  let needId: string;
  let proposalId: string;
  let comments: Subscription;
  let updates: Subscription;
  let firstCommentId: string;
  let supportBefore: number;

  it('a resident raises a need', async () => {
    const res = ok(
      await api.gql(
        `mutation N($input: CreateNeedInput!) {
           createNeed(input: $input) { id title status supportCount category author { displayName } neighborhood { name } }
         }`,
        {
          input: {
            fundId,
            title: `Street lamp out by gate 2 (${unique()})`,
            description: 'The lamp at gate 2 has been dark for a month; elders trip on the steps at night.',
            category: 'PROPERTY_SERVICES',
          },
        },
        tokens.resident,
      ),
    );
    expect(res.createNeed).toMatchObject({
      status: 'OPEN',
      supportCount: 0,
      category: 'PROPERTY_SERVICES',
      author: { displayName: 'Grandma Liu' },
      // defaults to where the resident lives
      neighborhood: { name: expect.stringContaining('Old Street') },
    });
    needId = res.createNeed.id;
    const listed = ok(
      await api.gql('query L($f: ID!) { needs(fundId: $f, first: 100) { nodes { id } } }', { f: fundId }),
    );
    expect(listed.needs.nodes.map((n: { id: string }) => n.id)).toContain(needId);
  });

  it('a neighbour supports it twice; the count goes up once', async () => {
    const SUPPORT = 'mutation S($id: ID!) { supportNeed(needId: $id) { id supportCount viewerHasSupported } }';
    const first = ok(await api.gql(SUPPORT, { id: needId }, tokens.resident2));
    expect(first.supportNeed).toEqual({ id: needId, supportCount: 1, viewerHasSupported: true });
    const second = ok(await api.gql(SUPPORT, { id: needId }, tokens.resident2));
    expect(second.supportNeed).toEqual({ id: needId, supportCount: 1, viewerHasSupported: true });
    const seen = ok(
      await api.gql(
        'query Q($id: ID!) { need(id: $id) { supportCount viewerHasSupported } }',
        { id: needId },
        tokens.resident,
      ),
    );
    expect(seen.need).toEqual({ supportCount: 1, viewerHasSupported: false });
  });

  it('the social organization drafts a proposal against the need; residents cannot see the draft', async () => {
    const res = ok(
      await api.gql(
        `mutation P($input: CreateProposalInput!) {
           createProposal(input: $input) { id status need { id } organization { name } budget { minorUnits amount currency } }
         }`,
        {
          input: {
            fundId,
            needId,
            title: 'Replace the gate 2 street lamp with a solar lamp',
            summary: 'A solar lamp with a motion sensor at gate 2, maintained by the Social Work Centre volunteers.',
            body: 'Buy and install one 60 W solar street lamp; volunteers check it monthly. Quote attached at the meeting.',
            category: 'PROPERTY_SERVICES',
            budgetMinor: 350_050,
          },
        },
        tokens.ngo,
      ),
    );
    expect(res.createProposal).toMatchObject({
      status: 'DRAFT',
      need: { id: needId },
      organization: { name: 'Danzishi Social Work Service Centre' },
      budget: { minorUnits: 350_050, amount: '3500.50', currency: 'CNY' },
    });
    proposalId = res.createProposal.id;

    const Q = 'query Q($id: ID!) { proposal(id: $id) { id status } }';
    expect(ok(await api.gql(Q, { id: proposalId }, tokens.resident)).proposal).toBeNull();
    expect(ok(await api.gql(Q, { id: proposalId })).proposal).toBeNull();
    expect(ok(await api.gql(Q, { id: proposalId }, tokens.ngo)).proposal).toEqual({ id: proposalId, status: 'DRAFT' });
    const list = ok(await api.gql('{ proposals(first: 100) { nodes { id } } }', {}, tokens.resident));
    expect(list.proposals.nodes.map((p: { id: string }) => p.id)).not.toContain(proposalId);
    const viaNeed = ok(
      await api.gql('query Q($id: ID!) { need(id: $id) { proposals { id } } }', { id: needId }, tokens.resident),
    );
    expect(viaNeed.need.proposals).toEqual([]);
  });

  it('the organization opens consultation; now everyone sees it', async () => {
    const endsAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const res = ok(
      await api.gql(
        'mutation O($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { status consultationEndsAt } }',
        { id: proposalId, at: endsAt },
        tokens.ngo,
      ),
    );
    expect(res.openConsultation.status).toBe('CONSULTATION');
    expect(new Date(res.openConsultation.consultationEndsAt).getTime()).toBe(new Date(endsAt).getTime());
    const seen = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { status votes { support oppose } viewerCan { vote comment } } }',
        { id: proposalId },
        tokens.resident,
      ),
    );
    expect(seen.proposal).toEqual({
      status: 'CONSULTATION',
      votes: { support: 0, oppose: 0 },
      viewerCan: { vote: true, comment: true },
    });
    supportBefore = seen.proposal.votes.support;
  });

  it('a neighbour subscribes over WebSocket to comments and updates of the proposal', async () => {
    const handle = wsClient(server.wsUrl, tokens.resident2);
    clients.push(handle);
    await handle.connected;
    comments = subscribe(
      handle.client,
      `subscription C($id: ID!) { commentAdded(proposalId: $id) { id body author { displayName } parent { id } proposal { id } } }`,
      { id: proposalId },
    );
    updates = subscribe(
      handle.client,
      `subscription U($id: ID!) { proposalUpdated(proposalId: $id) { id status commentCount votes { support oppose } viewerVote } }`,
      { id: proposalId },
    );
    await settle(handle.client);
    expect(comments.pending()).toEqual([]);
    expect(updates.pending()).toEqual([]);
  });

  it('a comment reaches the subscriber live, with body and author', async () => {
    const body = `Please put it on the left side of the gate, near the stairs. (${unique()})`;
    const res = ok(
      await api.gql(
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { id body } }',
        { input: { proposalId, body } },
        tokens.resident,
      ),
    );
    firstCommentId = res.addComment.id;
    const event = await comments.next();
    expect(event.errors).toBeUndefined();
    expect(event.data.commentAdded).toEqual({
      id: firstCommentId,
      body,
      author: { displayName: 'Grandma Liu' },
      parent: null,
      proposal: { id: proposalId },
    });
    const update = await updates.waitFor((e) => e.data?.proposalUpdated?.commentCount === 1);
    expect(update.data.proposalUpdated.status).toBe('CONSULTATION');
  });

  it('a reply arrives with its parent', async () => {
    const body = `And a second lamp by the bins would help too. (${unique()})`;
    const res = ok(
      await api.gql(
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { id parent { id } } }',
        { input: { proposalId, parentId: firstCommentId, body } },
        tokens.resident,
      ),
    );
    expect(res.addComment.parent).toEqual({ id: firstCommentId });
    const event = await comments.next();
    expect(event.data.commentAdded).toMatchObject({ id: res.addComment.id, body, parent: { id: firstCommentId } });
  });

  it('a vote reaches the subscriber as proposalUpdated with the support tally incremented', async () => {
    const res = ok(
      await api.gql(
        'mutation V($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { votes { support oppose } viewerVote } }',
        { id: proposalId },
        tokens.resident,
      ),
    );
    expect(res.castVote).toEqual({ votes: { support: supportBefore + 1, oppose: 0 }, viewerVote: 'SUPPORT' });
    const update = await updates.waitFor((e) => e.data?.proposalUpdated?.votes?.support === supportBefore + 1);
    // each subscriber sees the event through its own eyes: resident2 has not voted
    expect(update.data.proposalUpdated).toMatchObject({
      id: proposalId,
      votes: { support: supportBefore + 1, oppose: 0 },
      viewerVote: null,
    });
  });

  it('a second vote by the same resident changes it rather than counting twice', async () => {
    const res = ok(
      await api.gql(
        'mutation V($id: ID!) { castVote(proposalId: $id, choice: OPPOSE) { votes { support oppose } viewerVote } }',
        { id: proposalId },
        tokens.resident,
      ),
    );
    expect(res.castVote).toEqual({ votes: { support: supportBefore, oppose: 1 }, viewerVote: 'OPPOSE' });
    await updates.waitFor((e) => e.data?.proposalUpdated?.votes?.oppose === 1);
    ok(
      await api.gql(
        'mutation V($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { id } }',
        { id: proposalId },
        tokens.resident,
      ),
    );
    await updates.waitFor(
      (e) => e.data?.proposalUpdated?.votes?.support === supportBefore + 1 && e.data.proposalUpdated.votes.oppose === 0,
    );
  });

  it('government approves: the subscriber sees APPROVED, the need stays open until completion, voting is now a CONFLICT', async () => {
    const res = ok(
      await api.gql(
        'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE, note: "  Cheap and useful.  ") { status decidedAt decisionNote } }',
        { id: proposalId },
        tokens.gov,
      ),
    );
    expect(res.decideProposal).toEqual({
      status: 'APPROVED',
      decidedAt: expect.any(String),
      decisionNote: 'Cheap and useful.',
    });
    const update = await updates.waitFor((e) => e.data?.proposalUpdated?.status === 'APPROVED');
    expect(update.data.proposalUpdated.votes).toEqual({ support: supportBefore + 1, oppose: 0 });

    const need = ok(
      await api.gql('query Q($id: ID!) { need(id: $id) { status proposals { id status } } }', { id: needId }),
    );
    // Approval does not yet address the need: it is ADDRESSED when the proposal completes (decision 008).
    expect(need.need).toEqual({ status: 'OPEN', proposals: [{ id: proposalId, status: 'APPROVED' }] });

    const vote = await api.gql(
      'mutation V($id: ID!) { castVote(proposalId: $id, choice: OPPOSE) { id } }',
      { id: proposalId },
      tokens.resident2,
    );
    expect(codes(vote)).toEqual(['CONFLICT']);
    const tally = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { votes { support oppose } viewerVote } }',
        { id: proposalId },
        tokens.resident2,
      ),
    );
    expect(tally.proposal).toEqual({ votes: { support: supportBefore + 1, oppose: 0 }, viewerVote: null });

    // deciding again is not a legal transition
    const again = await api.gql(
      'mutation D($id: ID!) { decideProposal(proposalId: $id, decision: REJECT) { status } }',
      { id: proposalId },
      tokens.admin,
    );
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('nothing else was delivered to the subscriber: no stray comment events', () => {
    expect(comments.pending()).toEqual([]);
  });
});
