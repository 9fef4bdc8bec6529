import { ProposalStatus, Role } from '@commonweal/shared';
import { Comment } from '../modules/comments/comment.entity.js';
import { Need } from '../modules/needs/need.entity.js';
import { Proposal } from '../modules/proposals/proposal.entity.js';
import { Factory, seedProposal, startHarness, subscribe, type Harness } from '../test-support/harness.js';
import { SqlCounter } from '../test-support/sql-counter.js';

const FEED = `query($fundId: ID!, $first: Int!) {
  proposals(fundId: $fundId, first: $first) {
    totalCount
    nodes {
      id title status budget { amount }
      author { displayName organization { name } }
      organization { name verified }
      need { title supportCount }
      votes { support oppose } viewerVote
      commentCount sponsoredTotal { amount } bidCount spent { amount }
      sponsorships { organization { name } } awardedBid { id }
      comments(first: 3) { totalCount nodes { body author { displayName } parent { id } } }
    }
  }
}`;

describe('the proposal feed is N+1 free', () => {
  const counter = new SqlCounter();
  let h: Harness;
  let token: string;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness({ sqlLogger: counter });
    const f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    const resident = await f.user(Role.RESIDENT);
    token = resident.token;
    const authors = await Promise.all([1, 2, 3].map(() => f.user(Role.SOCIAL_ORGANIZATION)));
    const em = h.db.dataSource.manager;
    const needs = await Promise.all(
      [1, 2].map((n) =>
        em.save(
          em.create(Need, {
            fundId,
            authorId: resident.user.id,
            title: `Need ${n}`,
            description: 'A need description',
            category: 'OTHER' as Need['category'],
            status: 'OPEN' as Need['status'],
          }),
        ),
      ),
    );
    // 50 proposals by different authors, each with 5 comments by different users, votes and a need.
    for (let i = 0; i < 50; i++) {
      const author = authors[i % authors.length]!;
      const p = await em.save(
        em.create(Proposal, {
          fundId,
          needId: needs[i % 2]!.id,
          authorId: author.user.id,
          organizationId: author.organization!.id,
          title: `Proposal ${i}`,
          summary: 'A summary long enough',
          body: 'Body text',
          category: 'OTHER' as Proposal['category'],
          status: ProposalStatus.CONSULTATION,
          budgetMinor: BigInt(1000 + i),
          consultationEndsAt: new Date(Date.now() + 86_400_000),
        }),
      );
      const commenters = [resident.user, ...authors.map((a) => a.user)];
      let parentId: string | null = null;
      for (let c = 0; c < 5; c++) {
        const saved: Comment = await em.save(
          em.create(Comment, {
            proposalId: p.id,
            authorId: commenters[c % commenters.length]!.id,
            parentId,
            body: `Comment ${c}`,
          }),
        );
        parentId = c === 0 ? saved.id : parentId;
      }
      await em.query(`INSERT INTO votes (proposal_id, user_id, choice) VALUES ($1, $2, 'SUPPORT')`, [
        p.id,
        resident.user.id,
      ]);
    }
  });
  afterAll(() => h.close());

  it('runs the same number of statements for 5 and for 50 proposals', async () => {
    await h.gql(FEED, { fundId, first: 1 }, token); // the fund's currency, read once per process
    const five = await counter.measure(() => h.gql<any>(FEED, { fundId, first: 5 }, token));
    const fifty = await counter.measure(() => h.gql<any>(FEED, { fundId, first: 50 }, token));
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.errors).toBeUndefined();
    expect(five.result.data.proposals.nodes).toHaveLength(5);
    expect(fifty.result.data.proposals.nodes).toHaveLength(50);
    const sample = fifty.result.data.proposals.nodes[0];
    expect(sample.comments.nodes).toHaveLength(3);
    expect(sample.comments.totalCount).toBe(5);
    expect(sample.commentCount).toBe(5);
    expect(sample.votes).toEqual({ support: 1, oppose: 0 });
    expect(sample.viewerVote).toBe('SUPPORT');
    expect(sample.need.title).toMatch(/^Need /);
    expect(sample.author.organization.name).toMatch(/^Org /);
    expect(fifty.count).toBe(five.count);
    // The viewer, the page with its names, and one statement per other relation or viewer field (10 when
    // written): far below one per proposal.
    expect(fifty.count).toBeLessThanOrEqual(10);
  });

  it('serves the benchmark feed (50 proposals, their figures, first 3 comments and authors) in 3 statements', async () => {
    const BENCH_FEED = `query($fundId: ID, $first: Int) {
      proposals(fundId: $fundId, first: $first) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes {
          id title summary status category createdAt budget { minorUnits currency amount }
          votes { support oppose } commentCount sponsoredTotal { minorUnits currency amount }
          author { id displayName } organization { id name } need { id title }
          comments(first: 3) { nodes { id body createdAt author { id displayName } } }
        }
      }
    }`;
    await h.gql(BENCH_FEED, { fundId, first: 1 }); // the fund's currency, read once per process
    const five = await counter.measure(() => h.gql<any>(BENCH_FEED, { fundId, first: 5 }));
    const fifty = await counter.measure(() => h.gql<any>(BENCH_FEED, { fundId, first: 50 }));
    expect(fifty.result.errors).toBeUndefined();
    const nodes = fifty.result.data.proposals.nodes;
    expect(nodes).toHaveLength(50);
    expect(fifty.result.data.proposals.totalCount).toBeGreaterThanOrEqual(50);
    expect(nodes[0]).toMatchObject({ commentCount: 5, votes: { support: 1, oppose: 0 } });
    expect(nodes[0].comments.nodes).toHaveLength(3);
    expect(nodes[0].comments.nodes[0].author.displayName).toEqual(expect.any(String));
    expect(fifty.count).toBe(five.count);
    // The page with its authors, organizations and needs; the figures; the first comments with their authors.
    expect(fifty.count).toBeLessThanOrEqual(3);
  });

  it('keeps the participation fields N+1 free too', async () => {
    const PARTICIPATION = `query($fundId: ID!, $first: Int!) {
      proposals(fundId: $fundId, first: $first) {
        nodes {
          id viewerFollows followerCount viewerCan { revise }
          feedback { id responses { responder { displayName } } }
          revisions { number editor { displayName } citedComments { id } citedFeedback { id } }
          comments(first: 3) { nodes { body hidden hiddenReason viewerReported reportCount } }
        }
      }
    }`;
    const five = await counter.measure(() => h.gql<any>(PARTICIPATION, { fundId, first: 5 }, token));
    const fifty = await counter.measure(() => h.gql<any>(PARTICIPATION, { fundId, first: 50 }, token));
    expect(fifty.result.errors).toBeUndefined();
    expect(fifty.result.data.proposals.nodes).toHaveLength(50);
    expect(fifty.result.data.proposals.nodes[0]).toMatchObject({ viewerFollows: false, followerCount: 0 });
    expect(fifty.count).toBe(five.count);
  });

  it('loads a live event once for all its subscribers, however many they are', async () => {
    const f = new Factory(h);
    const author = await f.user(Role.SOCIAL_ORGANIZATION);
    const poster = await f.user(Role.RESIDENT);
    const listeners = await Promise.all(Array.from({ length: 12 }, () => f.user(Role.RESIDENT)));
    const proposal = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.CONSULTATION });
    const LIVE = `subscription($id: ID!) { commentAdded(proposalId: $id) {
      id body author { displayName } proposal { id title commentCount votes { support } } } }`;
    const fanOut = async (n: number) => {
      const subs = listeners.slice(0, n).map((u) => subscribe<any>(h.ws(u.token), LIVE, { id: proposal.id }));
      await new Promise((r) => setTimeout(r, 1000)); // subscribed (each socket loads its viewer, each subscribe its proposal)
      const body = `To ${n} listeners`;
      const { statements, result } = await counter.measureAll(async () => {
        await h.gql(
          `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
          { i: { proposalId: proposal.id, body } },
          poster.token,
        );
        return Promise.all(subs.map((s) => s.next()));
      });
      subs.forEach((s) => s.dispose());
      expect(result.map((e) => e.data?.commentAdded.body)).toEqual(Array.from({ length: n }, () => body));
      // What the delivery cost: the statements after the change wrote its events to the outbox.
      const written = statements.findIndex((q) => q.includes('INSERT INTO event_outbox'));
      expect(written).toBeGreaterThan(0);
      return statements.slice(written + 1).length;
    };
    const few = await fanOut(2);
    const many = await fanOut(12);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(5); // the comment, its author, its proposal, the count, the tally
  });
});
