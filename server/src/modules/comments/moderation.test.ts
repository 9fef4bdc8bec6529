import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';

const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const REPORT = `mutation($id: ID!, $reason: String!) { reportComment(commentId: $id, reason: $reason) { id viewerReported } }`;
const HIDE = `mutation($id: ID!, $reason: String!) { hideComment(commentId: $id, reason: $reason) { id hidden body hiddenReason } }`;
const RESTORE = `mutation($id: ID!, $reason: String!) { restoreComment(commentId: $id, reason: $reason) { id hidden body } }`;
const THREAD = `query($id: ID!) { proposal(id: $id) { comments { nodes { id body hidden hiddenReason reportCount } } } }`;

describe('moderation and the comment rate limit', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness({ env: { COMMENT_RATE_LIMIT_PER_MINUTE: '3' } });
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
  });
  afterAll(() => h.close());

  const open = (authorId: string) =>
    seedProposal(h, {
      fundId,
      authorId,
      status: ProposalStatus.CONSULTATION,
      consultationEndsAt: new Date(Date.now() + 86_400_000),
    });

  it('takes reports once per user, hides with a reason for all but the author, and restores', async () => {
    const [author, writer, reporter, second, admin, gov] = await f.users(
      Role.SOCIAL_ORGANIZATION,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.FUND_ADMIN,
      Role.GOVERNMENT,
    );
    const p = await open(author.user.id);
    const id = (await h.gql<any>(ADD, { input: { proposalId: p.id, body: 'Rude words here' } }, writer.token)).data!
      .addComment.id;

    const reported = await h.gql<any>(REPORT, { id, reason: 'Insults a neighbour' }, reporter.token);
    expect(reported.data!.reportComment).toEqual({ id, viewerReported: true });
    expect(errorCode(await h.gql(REPORT, { id, reason: 'Again and again' }, reporter.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(REPORT, { id, reason: 'Mine, but still' }, writer.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(REPORT, { id, reason: 'x' }, second.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(REPORT, { id, reason: 'Insults a neighbour' }))).toBe('UNAUTHENTICATED');
    await h.gql(REPORT, { id, reason: 'Not kind' }, second.token);

    const queue = await h.gql<any>(
      `query($fundId: ID!) { moderationQueue(fundId: $fundId) { reportCount comment { id reports { reason reporter { id } } } } }`,
      { fundId },
      admin.token,
    );
    expect(queue.data!.moderationQueue).toEqual([
      {
        reportCount: 2,
        comment: {
          id,
          reports: [
            { reason: 'Insults a neighbour', reporter: { id: reporter.user.id } },
            { reason: 'Not kind', reporter: { id: second.user.id } },
          ],
        },
      },
    ]);
    for (const who of [gov, reporter]) {
      expect(
        errorCode(
          await h.gql(`query($f: ID!) { moderationQueue(fundId: $f) { reportCount } }`, { f: fundId }, who.token),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await h.gql(HIDE, { id, reason: 'Breaks the rules' }, who.token))).toBe('FORBIDDEN');
    }

    const hidden = await h.gql<any>(HIDE, { id, reason: 'Personal insults' }, admin.token);
    expect(hidden.data!.hideComment).toEqual({
      id,
      hidden: true,
      body: 'Rude words here',
      hiddenReason: 'Personal insults',
    });
    expect(errorCode(await h.gql(HIDE, { id, reason: 'Personal insults' }, admin.token))).toBe('CONFLICT');

    const seenBy = async (token?: string) =>
      (await h.gql<any>(THREAD, { id: p.id }, token)).data!.proposal.comments.nodes[0];
    expect(await seenBy()).toEqual({ id, body: '', hidden: true, hiddenReason: null, reportCount: null });
    expect(await seenBy(reporter.token)).toMatchObject({ body: '', hidden: true });
    expect(await seenBy(writer.token)).toEqual({
      id,
      body: 'Rude words here',
      hidden: true,
      hiddenReason: 'Personal insults',
      reportCount: null,
    });
    expect(await seenBy(admin.token)).toMatchObject({ body: 'Rude words here', reportCount: 2 });
    const told = await h.gql<any>(`{ notifications { nodes { kind status excerpt subjectId } } }`, {}, writer.token);
    expect(told.data!.notifications.nodes).toEqual([
      { kind: 'COMMENT_MODERATED', status: 'HIDE', excerpt: 'Personal insults', subjectId: id },
    ]);

    const restored = await h.gql<any>(RESTORE, { id, reason: 'The writer apologised' }, admin.token);
    expect(restored.data!.restoreComment).toEqual({ id, hidden: false, body: 'Rude words here' });
    expect(await seenBy()).toMatchObject({ body: 'Rude words here', hidden: false });
    const history = await h.gql<any>(
      `query($id: ID!) { proposal(id: $id) { comments { nodes { moderation { action reason moderator { id } } } } } }`,
      { id: p.id },
      admin.token,
    );
    expect(history.data!.proposal.comments.nodes[0].moderation).toEqual([
      { action: 'HIDE', reason: 'Personal insults', moderator: { id: admin.user.id } },
      { action: 'RESTORE', reason: 'The writer apologised', moderator: { id: admin.user.id } },
    ]);
  });

  it('does not let outsiders report comments on a draft they cannot see', async () => {
    const [author, outsider] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT);
    const draft = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.DRAFT });
    const id = (await h.gql<any>(ADD, { input: { proposalId: draft.id, body: 'note' } }, author.token)).data!.addComment
      .id;
    expect(errorCode(await h.gql(REPORT, { id, reason: 'Looks odd to me' }, outsider.token))).toBe('NOT_FOUND');
  });

  it('answers RATE_LIMITED beyond the configured comments a minute, per user, and writes nothing', async () => {
    const [author, chatty, calm] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT, Role.RESIDENT);
    const p = await open(author.user.id);
    const post = (token: string, body: string) => h.gql(ADD, { input: { proposalId: p.id, body } }, token);
    // Concurrent posts cannot slip past the limit.
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => post(chatty.token, `message ${i}`)));
    const codes = results.map((r) => errorCode(r) ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(errorCode(await post(calm.token, 'I am fine'))).toBeUndefined();
    const [row] = await h.db.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [
      chatty.user.id,
    ]);
    expect(row.n).toBe(3);
    // A minute later the window has moved on.
    await h.db.dataSource.query(
      `UPDATE comments SET created_at = created_at - interval '61 seconds' WHERE author_id = $1`,
      [chatty.user.id],
    );
    expect(errorCode(await post(chatty.token, 'back again'))).toBeUndefined();
  });
});
