import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';

const REVISE = `mutation($input: ReviseProposalInput!) {
  reviseProposal(input: $input) { id title summary body budget { minorUnits } viewerCan { revise } }
}`;
const HISTORY = `query($id: ID!) { proposal(id: $id) { revisions {
  number reason editor { id } changes { field before after }
  citedComments { id body } citedFeedback { id body }
} } }`;

describe('revisions: you said, we changed', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
  });
  afterAll(() => h.close());

  const consultation = (authorId: string) =>
    seedProposal(h, {
      fundId,
      authorId,
      status: ProposalStatus.CONSULTATION,
      consultationEndsAt: new Date(Date.now() + 86_400_000),
    });

  it('records a numbered revision with a field-level diff and the voices that prompted it', async () => {
    const [author, resident, follower, admin] = await f.users(
      Role.SOCIAL_ORGANIZATION,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.FUND_ADMIN,
    );
    const p = await consultation(author.user.id);
    const comment = (
      await h.gql<any>(
        `mutation($input: AddCommentInput!) { addComment(input: $input) { id } }`,
        { input: { proposalId: p.id, body: 'The budget is too high for benches' } },
        resident.token,
      )
    ).data!.addComment.id;
    const feedback = (
      await h.gql<any>(
        `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id } }`,
        { input: { fundId, body: 'Please use recycled wood' } },
        follower.token,
      )
    ).data!.submitFeedback.id;

    const revised = await h.gql<any>(
      REVISE,
      {
        input: {
          proposalId: p.id,
          budgetMinor: 800_000,
          body: 'The body of the proposal, now with recycled wood',
          title: p.title,
          reason: 'Residents asked for a lower budget and recycled wood',
          citedCommentIds: [comment],
          citedFeedbackIds: [feedback],
        },
      },
      author.token,
    );
    expect(revised.data!.reviseProposal).toMatchObject({
      budget: { minorUnits: 800_000 },
      body: 'The body of the proposal, now with recycled wood',
      viewerCan: { revise: true },
    });
    await h.gql(
      REVISE,
      { input: { proposalId: p.id, summary: 'A shorter, cheaper summary', reason: 'Clearer wording' } },
      admin.token,
    );

    const history = (await h.gql<any>(HISTORY, { id: p.id })).data!.proposal.revisions;
    expect(history).toEqual([
      {
        number: 1,
        reason: 'Residents asked for a lower budget and recycled wood',
        editor: { id: author.user.id },
        // The unchanged title is not listed.
        changes: [
          {
            field: 'body',
            before: 'The body of the proposal',
            after: 'The body of the proposal, now with recycled wood',
          },
          { field: 'budgetMinor', before: '1000000', after: '800000' },
        ],
        citedComments: [{ id: comment, body: 'The budget is too high for benches' }],
        // Unanswered feedback stays private to its author and the fund's side.
        citedFeedback: [],
      },
      {
        number: 2,
        reason: 'Clearer wording',
        editor: { id: admin.user.id },
        changes: [{ field: 'summary', before: 'A summary long enough', after: 'A shorter, cheaper summary' }],
        citedComments: [],
        citedFeedback: [],
      },
    ]);
    const asAuthorOfFeedback = (await h.gql<any>(HISTORY, { id: p.id }, follower.token)).data!.proposal.revisions;
    expect(asAuthorOfFeedback[0].citedFeedback).toEqual([{ id: feedback, body: 'Please use recycled wood' }]);

    // The cited feedback's author now follows and heard of both revisions.
    const told = await h.gql<any>(`{ notifications { nodes { kind excerpt } } }`, {}, follower.token);
    expect(told.data!.notifications.nodes).toEqual([
      { kind: 'PROPOSAL_REVISED', excerpt: 'Clearer wording' },
      { kind: 'PROPOSAL_REVISED', excerpt: 'Residents asked for a lower budget and recycled wood' },
    ]);
  });

  it('edits a draft without recording a revision', async () => {
    const [author] = await f.users(Role.SOCIAL_ORGANIZATION);
    const draft = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.DRAFT });
    const edited = await h.gql<any>(REVISE, { input: { proposalId: draft.id, title: 'A better title' } }, author.token);
    expect(edited.data!.reviseProposal.title).toBe('A better title');
    expect((await h.gql<any>(HISTORY, { id: draft.id }, author.token)).data!.proposal.revisions).toEqual([]);
  });

  it('refuses revisions from others, without a reason, citing elsewhere, after consultation, or changing nothing', async () => {
    const [author, resident, gov] = await f.users(Role.SOCIAL_ORGANIZATION, Role.RESIDENT, Role.GOVERNMENT);
    const p = await consultation(author.user.id);
    const other = await consultation(author.user.id);
    const foreignComment = (
      await h.gql<any>(
        `mutation($input: AddCommentInput!) { addComment(input: $input) { id } }`,
        { input: { proposalId: other.id, body: 'On the other one' } },
        resident.token,
      )
    ).data!.addComment.id;
    const approved = await seedProposal(h, { fundId, authorId: author.user.id, status: ProposalStatus.APPROVED });
    const cases: Array<[string | null, Record<string, unknown>, string]> = [
      [resident.token, { proposalId: p.id, title: 'Hijacked title', reason: 'Because' }, 'FORBIDDEN'],
      [gov.token, { proposalId: p.id, title: 'Hijacked title', reason: 'Because' }, 'FORBIDDEN'],
      [null, { proposalId: p.id, title: 'Hijacked title', reason: 'Because' }, 'UNAUTHENTICATED'],
      [author.token, { proposalId: p.id, title: 'No reason given' }, 'BAD_USER_INPUT'],
      [
        author.token,
        { proposalId: p.id, title: 'Cited elsewhere', reason: 'Because', citedCommentIds: [foreignComment] },
        'BAD_USER_INPUT',
      ],
      [
        author.token,
        { proposalId: p.id, title: 'Bad citation', reason: 'Because', citedFeedbackIds: ['nope'] },
        'BAD_USER_INPUT',
      ],
      [author.token, { proposalId: p.id, title: p.title, reason: 'Nothing really' }, 'BAD_USER_INPUT'],
      [author.token, { proposalId: p.id, title: 'x', reason: 'Too short a title' }, 'BAD_USER_INPUT'],
      [author.token, { proposalId: p.id, budgetMinor: 0, reason: 'Free now' }, 'BAD_USER_INPUT'],
      [author.token, { proposalId: approved.id, title: 'Too late now', reason: 'Because' }, 'CONFLICT'],
    ];
    for (const [token, input, code] of cases) {
      expect([input, errorCode(await h.gql(REVISE, { input }, token))]).toEqual([input, code]);
    }
    const [row] = await h.db.dataSource.query('SELECT title, budget_minor FROM proposals WHERE id = $1', [p.id]);
    expect(row).toEqual({ title: p.title, budget_minor: '1000000' });
    const [count] = await h.db.dataSource.query(
      'SELECT count(*)::int AS n FROM proposal_revisions WHERE proposal_id = ANY($1)',
      [[p.id, approved.id]],
    );
    expect(count.n).toBe(0);
  });
});
