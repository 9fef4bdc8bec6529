import { Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, subscribe, type Harness } from '../../test-support/harness.js';

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
const OPEN = `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`;
const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { id body parent { id } author { displayName } } }`;
const COMMENT_ADDED = `subscription($id: ID!) { commentAdded(proposalId: $id) { id body parent { id } author { displayName } proposal { id commentCount } } }`;
const UPDATED = `subscription($id: ID!) { proposalUpdated(proposalId: $id) { id status votes { support oppose } commentCount } }`;

describe('comments and live updates', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let author: Awaited<ReturnType<Factory['user']>>;
  let resident: Awaited<ReturnType<Factory['user']>>;
  let watcher: Awaited<ReturnType<Factory['user']>>;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    author = await f.user(Role.SOCIAL_ORGANIZATION);
    resident = await f.user(Role.RESIDENT);
    watcher = await f.user(Role.RESIDENT);
  });
  afterAll(() => h.close());

  async function proposal(open = true): Promise<string> {
    const res = await h.gql<any>(
      CREATE,
      {
        input: {
          fundId,
          title: 'Benches',
          summary: 'Benches along the river path',
          body: 'Ten benches.',
          category: 'OTHER',
          budgetMinor: 500_000,
        },
      },
      author.token,
    );
    const id = res.data.createProposal.id;
    if (open) await h.gql(OPEN, { id, at: new Date(Date.now() + 86_400_000).toISOString() }, author.token);
    return id;
  }

  it('threads replies and counts comments', async () => {
    const id = await proposal();
    const top = await h.gql<any>(ADD, { input: { proposalId: id, body: '  Yes please  ' } }, resident.token);
    expect(top.data.addComment).toMatchObject({ body: 'Yes please', parent: null });
    const reply = await h.gql<any>(
      ADD,
      { input: { proposalId: id, parentId: top.data.addComment.id, body: 'Agreed' } },
      author.token,
    );
    expect(reply.data.addComment.parent.id).toBe(top.data.addComment.id);
    const page = await h.gql<any>(
      `query($id: ID!) { proposal(id: $id) { commentCount comments(first: 1) { totalCount nodes { body } pageInfo { hasNextPage endCursor } } } }`,
      { id },
    );
    expect(page.data.proposal.commentCount).toBe(2);
    expect(page.data.proposal.comments.nodes).toEqual([{ body: 'Yes please' }]);
    const next = await h.gql<any>(
      `query($id: ID!, $a: String) { proposal(id: $id) { comments(first: 5, after: $a) { nodes { body } pageInfo { hasNextPage } } } }`,
      {
        id,
        a: page.data.proposal.comments.pageInfo.endCursor,
      },
    );
    expect(next.data.proposal.comments).toEqual({ nodes: [{ body: 'Agreed' }], pageInfo: { hasNextPage: false } });
  });

  it('refuses bad comments and writes nothing', async () => {
    const id = await proposal();
    const other = await proposal();
    const parent = await h.gql<any>(ADD, { input: { proposalId: other, body: 'elsewhere' } }, resident.token);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ proposalId: id, body: '   ' }, 'BAD_USER_INPUT'],
      [{ proposalId: id, body: 'x'.repeat(4001) }, 'BAD_USER_INPUT'],
      [{ proposalId: id, body: 'ok', parentId: parent.data.addComment.id }, 'BAD_USER_INPUT'],
      [{ proposalId: id, body: 'ok', parentId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      [{ proposalId: '00000000-0000-4000-8000-000000000000', body: 'ok' }, 'NOT_FOUND'],
      [{ proposalId: 'nope', body: 'ok' }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) expect(errorCode(await h.gql(ADD, { input }, resident.token))).toBe(code);
    expect(errorCode(await h.gql(ADD, { input: { proposalId: id, body: 'hi' } }))).toBe('UNAUTHENTICATED');
    const rows = await h.db.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE proposal_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });

  it('lets members of unverified organizations read but not comment', async () => {
    const id = await proposal();
    const unverified = await f.user(Role.ENTERPRISE, {
      organization: await f.organization('ENTERPRISE' as never, false),
    });
    expect(errorCode(await h.gql(ADD, { input: { proposalId: id, body: 'hello' } }, unverified.token))).toBe(
      'FORBIDDEN',
    );
  });

  it('delivers new comments and proposal changes to subscribers, after commit', async () => {
    const id = await proposal();
    const client = h.ws(watcher.token);
    const comments = subscribe<any>(client, COMMENT_ADDED, { id });
    const updates = subscribe<any>(client, UPDATED, { id });
    await new Promise((r) => setTimeout(r, 200)); // let both subscriptions register

    const added = await h.gql<any>(ADD, { input: { proposalId: id, body: 'Live!' } }, resident.token);
    const event = await comments.next();
    expect(event.data.commentAdded).toMatchObject({
      id: added.data.addComment.id,
      body: 'Live!',
      proposal: { id, commentCount: 1 },
    });
    expect((await updates.next()).data.proposalUpdated.commentCount).toBe(1);

    await h.gql(`mutation($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { id } }`, { id }, resident.token);
    expect((await updates.next()).data.proposalUpdated.votes).toEqual({ support: 1, oppose: 0 });

    // A refused change announces nothing.
    await h.gql(ADD, { input: { proposalId: id, body: '   ' } }, resident.token);
    await expect(comments.next(500)).rejects.toThrow(/no event/);
  });

  it('does not let outsiders subscribe to a draft, but lets its author', async () => {
    const id = await proposal(false);
    const outsider = subscribe<any>(h.ws(watcher.token), COMMENT_ADDED, { id });
    const refused = await outsider.next();
    expect(refused.errors?.[0]?.extensions?.code ?? refused.errors?.[0]?.message).toMatch(/NOT_FOUND|not found/);
    const own = subscribe<any>(h.ws(author.token), COMMENT_ADDED, { id });
    await new Promise((r) => setTimeout(r, 200));
    await h.gql(ADD, { input: { proposalId: id, body: 'note to self' } }, author.token);
    expect((await own.next()).data.commentAdded.body).toBe('note to self');
  });
});
