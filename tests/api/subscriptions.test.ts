/**
 * Subscriptions over graphql-ws: authentication at connection_init, and
 * visibility checks when subscribing (drafts only for their author and
 * FUND_ADMIN).
 */
import {
  apiFor,
  nowSeconds,
  ok,
  startServer,
  subscribe,
  signJwt,
  unique,
  wsClient,
  type Api,
  type DemoAccount,
  type StartedServer,
} from '../support/server.js';
import { rawConnectionInit, settle, type WsClientHandle } from '../support/ws.js';

let server: StartedServer;
let api: Api;
let tokens: Record<DemoAccount, string>;
let fundId: string;
let liftId: string;
const clients: WsClientHandle[] = [];

const open = async (token?: string | null) => {
  const handle = wsClient(server.wsUrl, token);
  clients.push(handle);
  await handle.connected;
  return handle;
};

const COMMENTS = 'subscription C($id: ID!) { commentAdded(proposalId: $id) { id body author { displayName } } }';
const UPDATES = 'subscription U($id: ID!) { proposalUpdated(proposalId: $id) { id status title } }';

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION]) { nodes { id title } } }')).proposals
    .nodes as Array<{
    id: string;
    title: string;
  }>;
  liftId = list.find((p) => /lift/i.test(p.title))!.id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

describe('connection_init', () => {
  it('a valid token is acknowledged, and so is no token (anonymous)', async () => {
    expect(await rawConnectionInit(server.wsUrl, { authorization: `Bearer ${tokens.resident}` })).toEqual({
      acked: true,
    });
    expect(await rawConnectionInit(server.wsUrl, {})).toEqual({ acked: true });
  });

  it.each([
    ['garbage', () => 'Bearer garbage'],
    [
      'signed with another secret',
      () =>
        `Bearer ${signJwt('z'.repeat(40), { sub: '00000000-0000-4000-8000-000000000000', exp: nowSeconds() + 600 })}`,
    ],
    [
      'expired',
      () =>
        `Bearer ${signJwt(server.jwtSecret, { sub: '00000000-0000-4000-8000-000000000000', exp: nowSeconds() - 60 })}`,
    ],
    [
      'for a user that does not exist',
      () =>
        `Bearer ${signJwt(server.jwtSecret, { sub: '00000000-0000-4000-8000-000000000000', exp: nowSeconds() + 600 })}`,
    ],
  ])('a %s token is refused: the socket closes with 4403', async (_label, authorization) => {
    const result = await rawConnectionInit(server.wsUrl, { authorization: authorization() });
    expect(result.acked).toBe(false);
    expect(result.closeCode).toBe(4403);
  });

  it('the graphql-ws client sees the same refusal as a closed connection with 4403', async () => {
    const handle = wsClient(server.wsUrl, 'not-a-token');
    clients.push(handle);
    const closed = (await handle.connected.then(
      () => null,
      (e: unknown) => e,
    )) as { code?: number } | null;
    expect(closed).not.toBeNull();
    expect(closed!.code).toBe(4403);
  });
});

describe('visibility when subscribing', () => {
  let draftId: string;

  beforeAll(async () => {
    const res = ok(
      await api.gql(
        'mutation P($input: CreateProposalInput!) { createProposal(input: $input) { id status } }',
        {
          input: {
            fundId,
            title: `Secret draft ${unique()}`,
            summary: 'A draft only its author and the fund secretariat may see.',
            body: 'Still being written; do not look.',
            category: 'CULTURE_RECREATION',
            budgetMinor: 100_000,
          },
        },
        tokens.ngo,
      ),
    );
    draftId = res.createProposal.id;
    expect(res.createProposal.status).toBe('DRAFT');
  });

  it.each([
    ['commentAdded', COMMENTS],
    ['proposalUpdated', UPDATES],
  ])(
    "%s on someone else's draft is NOT_FOUND, for a resident and for an anonymous subscriber",
    async (_name, query) => {
      for (const token of [tokens.resident, null, tokens.gov]) {
        const handle = await open(token);
        const sub = subscribe(handle.client, query, { id: draftId });
        const first = await sub.next();
        expect(first.data ?? null).toBeNull();
        expect(first.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
        await sub.done;
      }
    },
  );

  it('a malformed proposal id is BAD_USER_INPUT', async () => {
    const handle = await open(tokens.resident);
    const sub = subscribe(handle.client, COMMENTS, { id: 'not-an-id' });
    const first = await sub.next();
    expect(first.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it("the author's subscription to their own draft works and receives comments and updates", async () => {
    const author = await open(tokens.ngo);
    const admin = await open(tokens.admin);
    const comments = subscribe(author.client, COMMENTS, { id: draftId });
    const updates = subscribe(author.client, UPDATES, { id: draftId });
    const adminComments = subscribe(admin.client, COMMENTS, { id: draftId });
    await Promise.all([settle(author.client), settle(admin.client)]);
    expect(comments.pending()).toEqual([]);
    expect(adminComments.pending()).toEqual([]);

    const body = `Note to self: ask the property company about the venue (${unique()}).`;
    const added = ok(
      await api.gql(
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { proposalId: draftId, body } },
        tokens.ngo,
      ),
    );
    const event = await comments.next();
    expect(event.errors).toBeUndefined();
    expect(event.data.commentAdded).toEqual({
      id: added.addComment.id,
      body,
      author: { displayName: 'Social Work Centre (Wang Fang)' },
    });
    expect((await adminComments.next()).data.commentAdded.id).toBe(added.addComment.id);

    ok(
      await api.gql(
        'mutation O($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { status } }',
        { id: draftId, at: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString() },
        tokens.ngo,
      ),
    );
    const update = await updates.waitFor((e) => e.data?.proposalUpdated?.status === 'CONSULTATION');
    expect(update.data.proposalUpdated.id).toBe(draftId);
  });

  it('an anonymous subscriber to a public proposal receives comments live', async () => {
    const handle = await open(null);
    const sub = subscribe(handle.client, COMMENTS, { id: liftId });
    await settle(handle.client);
    const body = `Public comment ${unique()}`;
    ok(
      await api.gql(
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { proposalId: liftId, body } },
        tokens.resident2,
      ),
    );
    const event = await sub.next();
    expect(event.data.commentAdded).toMatchObject({ body, author: { displayName: 'Xiao Zhang' } });
  });

  it('a subscriber of one proposal does not receive comments on another', async () => {
    const handle = await open(tokens.resident);
    const other = ok(await api.gql('{ proposals(status: [APPROVED]) { nodes { id } } }')).proposals.nodes[0]
      .id as string;
    const sub = subscribe(handle.client, COMMENTS, { id: other });
    await settle(handle.client);
    ok(
      await api.gql(
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { proposalId: liftId, body: 'Elsewhere.' } },
        tokens.resident2,
      ),
    );
    await expect(sub.next(1000)).rejects.toThrow(/no subscription event/);
  });
});
