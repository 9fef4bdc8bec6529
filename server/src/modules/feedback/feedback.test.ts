import { ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, subscribe, type Harness } from '../../test-support/harness.js';

const SUBMIT = `mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { id status body assisted author { displayName } proposal { id } response respondedBy { id } }
}`;
const RESPOND = `mutation($id: ID!, $status: FeedbackStatus!, $response: String!) {
  respondToFeedback(feedbackId: $id, status: $status, response: $response) {
    id status response respondedAt respondedBy { displayName } responses { status body responder { displayName } }
  }
}`;
const LIST = `query($fundId: ID!, $status: FeedbackStatus, $mine: Boolean, $proposalId: ID) {
  feedback(fundId: $fundId, status: $status, mine: $mine, proposalId: $proposalId) { id body status }
}`;
const RESPONSIVENESS = `query($id: ID!) { fund(id: $id) { responsiveness {
  total answered answeredShare medianFirstResponseSeconds openOlderThan7Days } } }`;

describe('feedback with an answer', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
  });
  afterAll(() => h.close());

  const submit = async (token: string, body: string, extra: Record<string, unknown> = {}) =>
    (await h.gql<any>(SUBMIT, { input: { fundId, body, ...extra } }, token)).data!.submitFeedback;
  const ids = (list: Array<{ id: string }>) => list.map((x) => x.id).sort();

  it('lets any participant give feedback and shows it to the author and the fund’s side until answered', async () => {
    const [resident, neighbour, gov, admin, ngo] = await f.users(
      Role.RESIDENT,
      Role.RESIDENT,
      Role.GOVERNMENT,
      Role.FUND_ADMIN,
      Role.SOCIAL_ORGANIZATION,
    );
    const mine = await submit(resident.token, '  The street lights on Elm Road are out  ');
    expect(mine).toMatchObject({ status: 'RECEIVED', body: 'The street lights on Elm Road are out', assisted: false });
    const theirs = await submit(ngo.token, 'Could the fund publish meeting dates earlier?');

    const as = async (token?: string) => ids((await h.gql<any>(LIST, { fundId }, token)).data!.feedback);
    expect(await as(resident.token)).toEqual([mine.id]);
    expect(await as(neighbour.token)).toEqual([]);
    expect(await as()).toEqual([]);
    expect(await as(gov.token)).toEqual(ids([mine, theirs]));
    expect(await as(admin.token)).toEqual(ids([mine, theirs]));
    expect(
      (await h.gql<any>(`query($id: ID!) { feedbackItem(id: $id) { id } }`, { id: mine.id })).data!.feedbackItem,
    ).toBeNull();

    // Once answered, everyone reads it.
    const answered = await h.gql<any>(
      RESPOND,
      { id: mine.id, status: 'ACKNOWLEDGED', response: 'We have asked the lighting contractor.' },
      gov.token,
    );
    expect(answered.data!.respondToFeedback).toMatchObject({
      status: 'ACKNOWLEDGED',
      response: 'We have asked the lighting contractor.',
      respondedBy: { displayName: gov.user.displayName },
    });
    expect(await as()).toEqual([mine.id]);
    expect(await as(neighbour.token)).toEqual([mine.id]);
    const mineOnly = await h.gql<any>(LIST, { fundId, mine: true }, ngo.token);
    expect(ids(mineOnly.data!.feedback)).toEqual([theirs.id]);
  });

  it('walks RECEIVED -> ACKNOWLEDGED -> ADDRESSED with a response each time, and keeps the history', async () => {
    const [resident, admin, gov] = await f.users(Role.RESIDENT, Role.FUND_ADMIN, Role.GOVERNMENT);
    const item = await submit(resident.token, 'The playground gate is broken');
    await h.gql(RESPOND, { id: item.id, status: 'ACKNOWLEDGED', response: 'Seen, thank you.' }, admin.token);
    const done = await h.gql<any>(
      RESPOND,
      { id: item.id, status: 'ADDRESSED', response: 'The gate was repaired on Monday.' },
      gov.token,
    );
    expect(done.data!.respondToFeedback.responses).toEqual([
      { status: 'ACKNOWLEDGED', body: 'Seen, thank you.', responder: { displayName: admin.user.displayName } },
      {
        status: 'ADDRESSED',
        body: 'The gate was repaired on Monday.',
        responder: { displayName: gov.user.displayName },
      },
    ]);
    // Final states stay final; RECEIVED is not an answer.
    const again = await h.gql(RESPOND, { id: item.id, status: 'DECLINED', response: 'Changed our mind' }, gov.token);
    expect(errorCode(again)).toBe('CONFLICT');
    const other = await submit(resident.token, 'Another one about benches');
    expect(errorCode(await h.gql(RESPOND, { id: other.id, status: 'RECEIVED', response: 'ok ok' }, gov.token))).toBe(
      'BAD_USER_INPUT',
    );
    const declined = await h.gql<any>(
      RESPOND,
      { id: other.id, status: 'DECLINED', response: 'The benches belong to the district parks office.' },
      gov.token,
    );
    expect(declined.data!.respondToFeedback.status).toBe('DECLINED');
  });

  it('refuses bad feedback and answers from the wrong people, writing nothing', async () => {
    const [resident, other, admin] = await f.users(Role.RESIDENT, Role.RESIDENT, Role.FUND_ADMIN);
    const unverified = await f.user(Role.ENTERPRISE, {
      organization: await f.organization('ENTERPRISE' as never, false),
    });
    const draft = await seedProposal(h, { fundId, authorId: other.user.id, status: ProposalStatus.DRAFT });
    const elsewhere = await seedProposal(h, {
      fundId: (await f.fund()).fund.id,
      authorId: other.user.id,
      status: ProposalStatus.CONSULTATION,
    });
    const [before] = await h.db.dataSource.query('SELECT count(*)::int AS n FROM feedback');
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [{ fundId, body: '  ' }, 'BAD_USER_INPUT'],
      [{ fundId, body: 'x'.repeat(4001) }, 'BAD_USER_INPUT'],
      [{ fundId: 'nope', body: 'hello there' }, 'BAD_USER_INPUT'],
      [{ fundId: '00000000-0000-4000-8000-000000000000', body: 'hello there' }, 'NOT_FOUND'],
      [{ fundId, proposalId: draft.id, body: 'hello there' }, 'NOT_FOUND'],
      [{ fundId, proposalId: elsewhere.id, body: 'hello there' }, 'BAD_USER_INPUT'],
      [{ fundId, body: 'hello there' }, 'UNAUTHENTICATED', 'anonymous'],
      [{ fundId, body: 'hello there' }, 'FORBIDDEN', 'unverified'],
    ];
    for (const [input, code, who] of cases) {
      const token = who === 'anonymous' ? null : who === 'unverified' ? unverified.token : resident.token;
      expect([input, errorCode(await h.gql(SUBMIT, { input }, token))]).toEqual([input, code]);
    }
    const [after] = await h.db.dataSource.query('SELECT count(*)::int AS n FROM feedback');
    expect(after.n).toBe(before.n);

    const item = await submit(resident.token, 'Please fix the drains');
    for (const token of [resident.token, other.token]) {
      expect(errorCode(await h.gql(RESPOND, { id: item.id, status: 'ADDRESSED', response: 'Done now' }, token))).toBe(
        'FORBIDDEN',
      );
    }
    expect(errorCode(await h.gql(RESPOND, { id: item.id, status: 'ADDRESSED', response: ' ' }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await h.gql(
          RESPOND,
          { id: '00000000-0000-4000-8000-000000000000', status: 'ADDRESSED', response: 'Done now' },
          admin.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    const [row] = await h.db.dataSource.query('SELECT status, response FROM feedback WHERE id = $1', [item.id]);
    expect(row).toEqual({ status: 'RECEIVED', response: null });
  });

  it('publishes responsiveness figures: share answered, median first response, stale open items', async () => {
    const fund = (await f.fund()).fund.id;
    const [resident, gov] = await f.users(Role.RESIDENT, Role.GOVERNMENT);
    const figures = async () => (await h.gql<any>(RESPONSIVENESS, { id: fund })).data!.fund.responsiveness;
    expect(await figures()).toEqual({
      total: 0,
      answered: 0,
      answeredShare: 0,
      medianFirstResponseSeconds: null,
      openOlderThan7Days: 0,
    });
    const made = [];
    for (let i = 0; i < 4; i++) {
      made.push(
        (await h.gql<any>(SUBMIT, { input: { fundId: fund, body: `Item number ${i}` } }, resident.token)).data!
          .submitFeedback.id,
      );
    }
    // Back-date the items: 10, 9, 8 and 1 days old; answer the first two after 1 and 3 hours.
    const days = [10, 9, 8, 1];
    for (const [i, id] of made.entries()) {
      await h.db.dataSource.query(`UPDATE feedback SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [
        id,
        days[i],
      ]);
    }
    for (const [i, hours] of [1, 3].entries()) {
      await h.gql(RESPOND, { id: made[i], status: 'ACKNOWLEDGED', response: 'Looking into it' }, gov.token);
      await h.db.dataSource.query(
        `UPDATE feedback SET first_responded_at = created_at + make_interval(hours => $2) WHERE id = $1`,
        [made[i], hours],
      );
    }
    // ACKNOWLEDGED is answered but still open: 3 open items older than 7 days (two acknowledged, one untouched).
    expect(await figures()).toEqual({
      total: 4,
      answered: 2,
      answeredShare: 0.5,
      medianFirstResponseSeconds: 2 * 3600,
      openOlderThan7Days: 3,
    });
  });

  it('tells the author live when the fund answers', async () => {
    const [resident, admin] = await f.users(Role.RESIDENT, Role.FUND_ADMIN);
    const p = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.CONSULTATION });
    const item = await submit(resident.token, 'Could the ramp be wider?', { proposalId: p.id });
    expect(item.proposal).toEqual({ id: p.id });
    const inbox = subscribe<any>(
      h.ws(resident.token),
      `subscription { notificationAdded { kind status excerpt subjectId proposal { id } } }`,
      {},
    );
    await new Promise((r) => setTimeout(r, 200));
    await h.gql(RESPOND, { id: item.id, status: 'ADDRESSED', response: 'It will be 1.2 m wide.' }, admin.token);
    expect((await inbox.next()).data!.notificationAdded).toEqual({
      kind: 'FEEDBACK_ANSWERED',
      status: 'ADDRESSED',
      excerpt: 'It will be 1.2 m wide.',
      subjectId: item.id,
      proposal: { id: p.id },
    });
    const onProposal = await h.gql<any>(`query($id: ID!) { proposal(id: $id) { feedback { id status } } }`, {
      id: p.id,
    });
    expect(onProposal.data!.proposal.feedback).toEqual([{ id: item.id, status: 'ADDRESSED' }]);
  });
});
