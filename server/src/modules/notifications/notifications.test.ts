import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, subscribe, type Harness } from '../../test-support/harness.js';

const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const INBOX = `query($unread: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unread, first: $first, after: $after) {
    totalCount nodes { id kind read title status excerpt subjectId actor { displayName } proposal { id } need { id } }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}`;
const FOLLOW = `mutation($id: ID!) { followProposal(proposalId: $id) { id viewerFollows followerCount } }`;
const UNFOLLOW = `mutation($id: ID!) { unfollowProposal(proposalId: $id) { id viewerFollows followerCount } }`;
const ADDED = `subscription { notificationAdded { id kind title excerpt proposal { id } } }`;

describe('notifications and follows', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
  });
  afterAll(() => h.close());

  async function consultation(authorId: string) {
    return seedProposal(h, {
      fundId,
      authorId,
      status: ProposalStatus.CONSULTATION,
      consultationEndsAt: new Date(Date.now() + 86_400_000),
    });
  }

  const inbox = async (token: string, unread = false) => (await h.gql<any>(INBOX, { unread }, token)).data!;

  it('tells an author of comments and a commenter of replies, never anyone of their own acts', async () => {
    const [author, resident, neighbour] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT, Role.RESIDENT);
    const p = await consultation(author.user.id);
    const top = await h.gql<any>(ADD, { input: { proposalId: p.id, body: 'Please add a ramp' } }, resident.token);
    await h.gql(ADD, { input: { proposalId: p.id, body: 'My own note' } }, author.token);
    await h.gql(
      ADD,
      { input: { proposalId: p.id, parentId: top.data.addComment.id, body: 'Yes, a ramp!' } },
      neighbour.token,
    );

    const authorBox = await inbox(author.token);
    expect(authorBox.notifications.nodes.map((n: any) => [n.kind, n.excerpt, n.actor.displayName])).toEqual([
      ['PROPOSAL_COMMENTED', 'Yes, a ramp!', neighbour.user.displayName],
      ['PROPOSAL_COMMENTED', 'Please add a ramp', resident.user.displayName],
    ]);
    expect(authorBox.notifications.nodes[0]).toMatchObject({ title: p.title, proposal: { id: p.id }, read: false });

    const residentBox = await inbox(resident.token);
    expect(residentBox.notifications.nodes.map((n: any) => n.kind)).toEqual(['COMMENT_REPLIED']);
    expect(residentBox.unreadNotificationCount).toBe(1);
    expect((await inbox(neighbour.token)).notifications.totalCount).toBe(0);
  });

  it('makes commenters and voters follow, tells followers of status changes, and lets them unfollow', async () => {
    const [author, voter, commenter, gov] = await f.users(
      Role.SOCIAL_ORGANIZATION,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.GOVERNMENT,
    );
    const p = await consultation(author.user.id);
    await h.gql(`mutation($id: ID!) { castVote(proposalId: $id, choice: SUPPORT) { id } }`, { id: p.id }, voter.token);
    await h.gql(ADD, { input: { proposalId: p.id, body: 'Count me in' } }, commenter.token);
    const state = await h.gql<any>(
      `query($id: ID!) { proposal(id: $id) { viewerFollows followerCount } }`,
      { id: p.id },
      voter.token,
    );
    expect(state.data!.proposal).toEqual({ viewerFollows: true, followerCount: 2 });

    const off = await h.gql<any>(UNFOLLOW, { id: p.id }, commenter.token);
    expect(off.data!.unfollowProposal).toMatchObject({ viewerFollows: false, followerCount: 1 });
    const decided = await h.gql<any>(
      `mutation($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { status } }`,
      { id: p.id },
      gov.token,
    );
    expect(decided.data!.decideProposal.status).toBe('APPROVED');

    const voterBox = await inbox(voter.token);
    expect(voterBox.notifications.nodes).toEqual([
      expect.objectContaining({ kind: 'PROPOSAL_STATUS_CHANGED', status: 'APPROVED', proposal: { id: p.id } }),
    ]);
    expect((await inbox(commenter.token)).notifications.totalCount).toBe(0);
    expect((await inbox(gov.token)).notifications.totalCount).toBe(0);

    // Following again is idempotent.
    await h.gql(FOLLOW, { id: p.id }, commenter.token);
    const again = await h.gql<any>(FOLLOW, { id: p.id }, commenter.token);
    expect(again.data!.followProposal).toMatchObject({ viewerFollows: true, followerCount: 2 });
  });

  it('refuses following what one may not see, and anonymous inbox use', async () => {
    const [author, outsider] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT);
    const draft = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.DRAFT });
    expect(errorCode(await h.gql(FOLLOW, { id: draft.id }, outsider.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(FOLLOW, { id: 'nope' }, outsider.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(FOLLOW, { id: draft.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(INBOX, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(`mutation { markAllNotificationsRead }`))).toBe('UNAUTHENTICATED');
    const rows = await h.db.dataSource.query('SELECT count(*)::int AS n FROM proposal_follows WHERE proposal_id = $1', [
      draft.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('pages the inbox and marks only the reader’s own notifications read', async () => {
    const [author, resident, other] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT, Role.RESIDENT);
    const p = await consultation(author.user.id);
    for (const body of ['one', 'two', 'three']) {
      await h.gql(ADD, { input: { proposalId: p.id, body } }, resident.token);
    }
    const first = await h.gql<any>(INBOX, { first: 2 }, author.token);
    expect(first.data!.notifications.nodes.map((n: any) => n.excerpt)).toEqual(['three', 'two']);
    expect(first.data!.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await h.gql<any>(
      INBOX,
      { first: 2, after: first.data!.notifications.pageInfo.endCursor },
      author.token,
    );
    expect(rest.data!.notifications.nodes.map((n: any) => n.excerpt)).toEqual(['one']);

    const ids = first.data!.notifications.nodes.map((n: any) => n.id);
    // Someone else's ids change nothing.
    const foreign = await h.gql<any>(
      `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
      { ids },
      other.token,
    );
    expect(foreign.data!.markNotificationsRead).toBe(0);
    const mine = await h.gql<any>(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids }, author.token);
    expect(mine.data!.markNotificationsRead).toBe(2);
    expect((await inbox(author.token, true)).notifications.nodes.map((n: any) => n.excerpt)).toEqual(['one']);
    const all = await h.gql<any>(`mutation { markAllNotificationsRead }`, {}, author.token);
    expect(all.data!.markAllNotificationsRead).toBe(1);
    expect((await inbox(author.token)).unreadNotificationCount).toBe(0);
    expect(
      errorCode(
        await h.gql(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: ['x'] }, author.token),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('delivers a notification live to its recipient only, after commit', async () => {
    const [author, resident, eavesdropper] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT, Role.RESIDENT);
    const p = await consultation(author.user.id);
    const mine = subscribe<any>(h.ws(author.token), ADDED, {});
    const theirs = subscribe<any>(h.ws(eavesdropper.token), ADDED, {});
    await new Promise((r) => setTimeout(r, 200));
    await h.gql(ADD, { input: { proposalId: p.id, body: 'Live to the author' } }, resident.token);
    const event = await mine.next();
    expect(event.data!.notificationAdded).toMatchObject({
      kind: 'PROPOSAL_COMMENTED',
      excerpt: 'Live to the author',
      proposal: { id: p.id },
    });
    await expect(theirs.next(500)).rejects.toThrow(/no event/);

    const anonymous = subscribe<any>(h.ws(), ADDED, {});
    const refused = await anonymous.next();
    expect(refused.errors?.[0]?.extensions?.code ?? refused.errors?.[0]?.message).toMatch(/UNAUTHENTICATED|Sign in/);
  });

  it('tells bidders whether they won and sponsors whether they were accepted', async () => {
    const [author, admin, gov] = await f.users(Role.SOCIAL_ORGANIZATION, Role.FUND_ADMIN, Role.GOVERNMENT);
    const [winner, loser, sponsor] = await f.users(Role.SOCIAL_ORGANIZATION, Role.SOCIAL_ORGANIZATION, Role.ENTERPRISE);
    const p = await seedProposal(h, {
      fundId,
      authorId: author.user.id,
      status: ProposalStatus.BIDDING,
      biddingClosesAt: new Date(Date.now() + 60_000),
    });
    const bid = (u: typeof winner) =>
      h.gql<any>(
        `mutation($input: SubmitBidInput!) { submitBid(input: $input) { id } }`,
        { input: { proposalId: p.id, amountMinor: 500_000, plan: 'A careful plan of work', durationDays: 30 } },
        u.token,
      );
    const won = (await bid(winner)).data!.submitBid.id;
    const lost = (await bid(loser)).data!.submitBid.id;
    await h.db.dataSource.query(`UPDATE proposals SET bidding_closes_at = now() - interval '1 second' WHERE id = $1`, [
      p.id,
    ]);
    const awarded = await h.gql<any>(`mutation($id: ID!) { awardBid(bidId: $id) { status } }`, { id: won }, gov.token);
    expect(awarded.data!.awardBid.status).toBe('AWARDED');
    expect((await inbox(winner.token)).notifications.nodes).toEqual([
      expect.objectContaining({ kind: 'BID_AWARDED', subjectId: won }),
    ]);
    expect((await inbox(loser.token)).notifications.nodes).toEqual([
      expect.objectContaining({ kind: 'BID_NOT_AWARDED', subjectId: lost }),
    ]);

    const pledge = await h.gql<any>(
      `mutation($input: ProposeSponsorshipInput!) { proposeSponsorship(input: $input) { id } }`,
      { input: { proposalId: p.id, kind: 'FUNDS', amountMinor: 100_000, description: 'Cash for materials' } },
      sponsor.token,
    );
    const id = pledge.data!.proposeSponsorship.id;
    await h.gql(
      `mutation($id: ID!) { respondToSponsorship(sponsorshipId: $id, accept: true) { status } }`,
      { id },
      admin.token,
    );
    expect((await inbox(sponsor.token)).notifications.nodes).toEqual([
      expect.objectContaining({ kind: 'SPONSORSHIP_ACCEPTED', subjectId: id, proposal: { id: p.id } }),
    ]);
  });

  it('addresses a need when a linked proposal completes and tells its author and supporters', async () => {
    const [raiser, supporter, author, admin] = await f.users(
      Role.RESIDENT,
      Role.RESIDENT,
      Role.SOCIAL_ORGANIZATION,
      Role.FUND_ADMIN,
    );
    const need = await h.gql<any>(
      `mutation($input: CreateNeedInput!) { createNeed(input: $input) { id } }`,
      {
        input: {
          fundId,
          title: 'Broken lift',
          description: 'The lift in building 3 has been broken for a year',
          category: 'ELDERLY_CARE',
        },
      },
      raiser.token,
    );
    const needId = need.data!.createNeed.id;
    await h.gql(`mutation($id: ID!) { supportNeed(needId: $id) { id } }`, { id: needId }, supporter.token);
    const p = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.IN_PROGRESS });
    await h.db.dataSource.query('UPDATE proposals SET need_id = $1 WHERE id = $2', [needId, p.id]);

    const linked = await h.gql<any>(`query($id: ID!) { need(id: $id) { status proposals { id } } }`, { id: needId });
    expect(linked.data!.need).toEqual({ status: 'OPEN', proposals: [{ id: p.id }] });
    await h.gql(`mutation($id: ID!) { completeProposal(proposalId: $id) { status } }`, { id: p.id }, admin.token);
    const after = await h.gql<any>(`query($id: ID!) { need(id: $id) { status } }`, { id: needId });
    expect(after.data!.need.status).toBe('ADDRESSED');
    for (const u of [raiser, supporter]) {
      expect((await inbox(u.token)).notifications.nodes).toEqual([
        expect.objectContaining({
          kind: 'NEED_ADDRESSED',
          title: 'Broken lift',
          need: { id: needId },
          proposal: { id: p.id },
        }),
      ]);
    }
  });
});
