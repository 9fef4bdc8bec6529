import { MembershipStatus, ProposalStatus, Role } from '@commonweal/shared';
import {
  errorCode,
  Factory,
  seedProposal,
  startHarness,
  subscribe,
  type Harness,
  type TestUser,
} from '../../test-support/harness.js';
import { SqlCounter } from '../../test-support/sql-counter.js';

const CREATE = `mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { id status title proposal { id } questions { id position kind prompt options required } }
}`;
const OPEN = `mutation($id: ID!) { openSurvey(surveyId: $id) { id status openedAt } }`;
const CLOSE = `mutation($id: ID!) { closeSurvey(surveyId: $id) { id status closedAt } }`;
const SUBMIT = `mutation($input: SubmitSurveyResponseInput!) {
  submitSurveyResponse(input: $input) { id assisted recordedBy { id } respondent { id } survey { id viewerHasResponded } }
}`;
const ASSISTED = `mutation($surveyId: ID!, $residentId: ID!, $answers: [SurveyAnswerInput!]!) {
  recordAssistedSurveyResponse(surveyId: $surveyId, residentId: $residentId, answers: $answers) {
    id assisted recordedBy { id displayName } respondent { id }
  }
}`;
const RESULTS_FIELDS = `surveyId responseCount assistedResponseCount
  questions { questionId kind answeredCount options { index label count } scaleMean scaleDistribution textAnswers { text assisted } }`;
const SURVEY = `query($id: ID!) {
  survey(id: $id) {
    id status viewerHasResponded responseCount
    viewerResponse { id assisted recordedBy { id } }
    viewerCan { respond open close recordAssisted seeTextAnswers exportCsv }
    results { ${RESULTS_FIELDS} }
  }
}`;
const LIST = `query($fundId: ID!, $proposalId: ID, $status: SurveyStatus) {
  surveys(fundId: $fundId, proposalId: $proposalId, status: $status) { id status }
}`;
const LIVE = `subscription($id: ID!) { surveyResultsUpdated(surveyId: $id) { ${RESULTS_FIELDS} survey { id status } } }`;

interface Question {
  id: string;
  position: number;
  kind: string;
  options: string[];
}

const QUESTIONS = [
  { kind: 'SINGLE_CHOICE', prompt: 'Which park first?', options: ['North', 'South', 'East'] },
  { kind: 'MULTIPLE_CHOICE', prompt: 'What should it have?', options: ['Benches', 'Shade', 'Lights'] },
  { kind: 'SCALE', prompt: 'How urgent is it?' },
  { kind: 'FREE_TEXT', prompt: 'Anything else?', required: false },
];

describe('surveys', () => {
  const counter = new SqlCounter();
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let otherFundId: string;
  let admin: TestUser;
  let gov: TestUser;
  let org: TestUser;
  let pendingGov: TestUser;
  let residents: TestUser[];
  let proposalId: string;
  let draftProposalId: string;

  beforeAll(async () => {
    h = await startHarness({ sqlLogger: counter });
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    otherFundId = (await f.fund()).fund.id;
    [admin, gov, org] = await f.users(Role.FUND_ADMIN, Role.GOVERNMENT, Role.SOCIAL_ORGANIZATION);
    pendingGov = await f.user(Role.GOVERNMENT, { membership: MembershipStatus.PENDING });
    residents = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => f.user(Role.RESIDENT)));
    proposalId = (await seedProposal(h, { fundId, authorId: org.user.id, status: ProposalStatus.CONSULTATION })).id;
    draftProposalId = (await seedProposal(h, { fundId, authorId: org.user.id, status: ProposalStatus.DRAFT })).id;
  });
  afterAll(() => h.close());

  const resident = (i: number): TestUser => residents[i]!;

  async function create(
    token: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; questions: Question[] }> {
    const res = await h.gql<any>(
      CREATE,
      { input: { fundId, title: 'Parks survey', questions: QUESTIONS, ...overrides } },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.createSurvey;
  }

  async function openSurvey(overrides: Record<string, unknown> = {}) {
    const survey = await create(admin.token, overrides);
    const opened = await h.gql<any>(OPEN, { id: survey.id }, admin.token);
    expect(opened.data.openSurvey.status).toBe('OPEN');
    return survey;
  }

  /** Answers in question order: [single index, multiple indexes, scale, text]. */
  function answers(qs: Question[], single: number | null, multiple: number[], scale: number | null, text?: string) {
    const list: Array<Record<string, unknown>> = [];
    if (single !== null) list.push({ questionId: qs[0]!.id, optionIndexes: [single] });
    list.push({ questionId: qs[1]!.id, optionIndexes: multiple });
    if (scale !== null) list.push({ questionId: qs[2]!.id, scale });
    if (text !== undefined) list.push({ questionId: qs[3]!.id, text });
    return list;
  }

  const submit = (token: string, surveyId: string, list: unknown[]) =>
    h.gql<any>(SUBMIT, { input: { surveyId, answers: list } }, token);

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    (await h.db.dataSource.query(sql, params))[0].n;

  it('lets only GOVERNMENT and FUND_ADMIN create surveys, as drafts with their questions in order', async () => {
    const survey = await h.gql<any>(
      CREATE,
      { input: { fundId, proposalId, title: '  Parks survey  ', questions: QUESTIONS } },
      gov.token,
    );
    expect(survey.data.createSurvey).toMatchObject({
      status: 'DRAFT',
      title: 'Parks survey',
      proposal: { id: proposalId },
      questions: [
        { position: 1, kind: 'SINGLE_CHOICE', options: ['North', 'South', 'East'], required: true },
        { position: 2, kind: 'MULTIPLE_CHOICE', required: true },
        { position: 3, kind: 'SCALE', options: [], required: true },
        { position: 4, kind: 'FREE_TEXT', options: [], required: false },
      ],
    });
    await create(admin.token);
    const input = { fundId, title: 'Parks survey', questions: QUESTIONS };
    expect(errorCode(await h.gql(CREATE, { input }, resident(0).token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, { input }, org.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, { input }, pendingGov.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CREATE, { input }))).toBe('UNAUTHENTICATED');
  });

  it('refuses bad survey definitions naming the field, and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM surveys', []);
    const q = (over: Record<string, unknown>) => [{ ...QUESTIONS[0], ...over }];
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ questions: [] }, 'BAD_USER_INPUT', 'questions'],
      [{ questions: q({ options: ['Only one'] }) }, 'BAD_USER_INPUT', 'questions.0.options'],
      [{ questions: q({ options: ['Same', ' Same '] }) }, 'BAD_USER_INPUT', 'questions.0.options.1'],
      [{ questions: q({ options: ['A', '   '] }) }, 'BAD_USER_INPUT', 'questions.0.options.1'],
      [
        { questions: [{ kind: 'SCALE', prompt: 'Rate it', options: ['a', 'b'] }] },
        'BAD_USER_INPUT',
        'questions.0.options',
      ],
      [{ questions: q({ prompt: '   ' }) }, 'BAD_USER_INPUT', 'questions.0.prompt'],
      [{ questions: q({ prompt: 'x'.repeat(501) }) }, 'BAD_USER_INPUT', 'questions.0.prompt'],
      [{ title: 'x'.repeat(121) }, 'BAD_USER_INPUT', 'title'],
      [{ title: '    ' }, 'BAD_USER_INPUT', 'title'],
      [{ fundId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', undefined],
      [{ fundId: otherFundId, proposalId }, 'BAD_USER_INPUT', 'proposalId'],
      [{ proposalId: draftProposalId }, 'CONFLICT', undefined],
    ];
    for (const [over, code, field] of cases) {
      const res = await h.gql(
        CREATE,
        { input: { fundId, title: 'Parks survey', questions: QUESTIONS, ...over } },
        admin.token,
      );
      expect([JSON.stringify(over).slice(0, 60), errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([
        JSON.stringify(over).slice(0, 60),
        code,
        field,
      ]);
    }
    // GOVERNMENT cannot see a draft proposal at all: it does not exist for them.
    expect(
      errorCode(
        await h.gql(
          CREATE,
          { input: { fundId, proposalId: draftProposalId, title: 'Parks survey', questions: QUESTIONS } },
          gov.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await count('SELECT count(*)::int AS n FROM surveys', [])).toBe(before);
  });

  it('keeps drafts to the fund’s side and moves DRAFT -> OPEN -> CLOSED only through the life cycle', async () => {
    const fresh = (await f.fund()).fund.id;
    const closedLater = await create(admin.token, { fundId: fresh });
    const draft = await create(admin.token, { fundId: fresh });
    expect((await h.gql<any>(SURVEY, { id: draft.id }, resident(0).token)).data.survey).toBeNull();
    expect((await h.gql<any>(SURVEY, { id: draft.id })).data.survey).toBeNull();
    expect((await h.gql<any>(SURVEY, { id: draft.id }, gov.token)).data.survey.viewerCan).toEqual({
      respond: false,
      open: true,
      close: false,
      recordAssisted: false,
      seeTextAnswers: true,
      exportCsv: true,
    });

    expect(errorCode(await h.gql(OPEN, { id: draft.id }, resident(0).token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(OPEN, { id: draft.id }, org.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(CLOSE, { id: draft.id }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(OPEN, { id: '00000000-0000-4000-8000-000000000000' }, admin.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(OPEN, { id: 'nope' }, admin.token))).toBe('BAD_USER_INPUT');
    // Answering a draft: residents cannot even see it.
    expect(errorCode(await submit(resident(0).token, draft.id, answers(draft.questions, 0, [0], 3)))).toBe('NOT_FOUND');

    await h.gql(OPEN, { id: closedLater.id }, gov.token);
    const closed = await h.gql<any>(CLOSE, { id: closedLater.id }, gov.token);
    expect(closed.data.closeSurvey.status).toBe('CLOSED');
    expect(closed.data.closeSurvey.closedAt).toEqual(expect.any(String));
    expect(errorCode(await h.gql(OPEN, { id: closedLater.id }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await h.gql(CLOSE, { id: closedLater.id }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await submit(resident(0).token, closedLater.id, answers(draft.questions, 0, [0], 3)))).toBe(
      'CONFLICT',
    );
    const open = await create(admin.token, { fundId: fresh });
    await h.gql(OPEN, { id: open.id }, admin.token);
    expect(errorCode(await h.gql(OPEN, { id: open.id }, admin.token))).toBe('CONFLICT');

    // Open first; drafts only for the fund's side; filters.
    const forResident = (await h.gql<any>(LIST, { fundId: fresh }, resident(0).token)).data.surveys;
    expect(forResident).toEqual([
      { id: open.id, status: 'OPEN' },
      { id: closedLater.id, status: 'CLOSED' },
    ]);
    const forAdmin = (await h.gql<any>(LIST, { fundId: fresh }, admin.token)).data.surveys;
    expect(forAdmin.map((s: { status: string }) => s.status)).toEqual(['OPEN', 'DRAFT', 'CLOSED']);
    expect((await h.gql<any>(LIST, { fundId: fresh, status: 'DRAFT' })).data.surveys).toEqual([]);
    expect((await h.gql<any>(LIST, { fundId: fresh, status: 'CLOSED' })).data.surveys).toEqual([
      { id: closedLater.id, status: 'CLOSED' },
    ]);
    expect(errorCode(await h.gql(LIST, { fundId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('lets residents answer once and aggregates exactly what they answered', async () => {
    const survey = await openSurvey();
    const qs = survey.questions;
    // single, multiple, scale, text
    const given: Array<[number, number[], number, string | undefined]> = [
      [0, [0, 1], 5, 'More trees'],
      [0, [1], 4, undefined],
      [1, [0, 1, 2], 5, '  '],
      [2, [2], 2, 'Lights please'],
    ];
    for (const [i, [single, multiple, scale, text]] of given.entries()) {
      const res = await submit(resident(i).token, survey.id, answers(qs, single, multiple, scale, text));
      expect(res.errors).toBeUndefined();
      expect(res.data.submitSurveyResponse).toMatchObject({
        assisted: false,
        recordedBy: null,
        respondent: { id: resident(i).user.id },
        survey: { id: survey.id, viewerHasResponded: true },
      });
    }
    // Once only; the fund's side and organizations do not answer; signed-out users neither.
    expect(errorCode(await submit(resident(0).token, survey.id, answers(qs, 1, [2], 1)))).toBe('CONFLICT');
    expect(errorCode(await submit(admin.token, survey.id, answers(qs, 1, [2], 1)))).toBe('FORBIDDEN');
    expect(errorCode(await submit(org.token, survey.id, answers(qs, 1, [2], 1)))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(SUBMIT, { input: { surveyId: survey.id, answers: answers(qs, 1, [2], 1) } }))).toBe(
      'UNAUTHENTICATED',
    );

    const expected = (texts: unknown) => ({
      surveyId: survey.id,
      responseCount: 4,
      assistedResponseCount: 0,
      questions: [
        {
          questionId: qs[0]!.id,
          kind: 'SINGLE_CHOICE',
          answeredCount: 4,
          options: [
            { index: 0, label: 'North', count: 2 },
            { index: 1, label: 'South', count: 1 },
            { index: 2, label: 'East', count: 1 },
          ],
          scaleMean: null,
          scaleDistribution: null,
          textAnswers: null,
        },
        {
          questionId: qs[1]!.id,
          kind: 'MULTIPLE_CHOICE',
          answeredCount: 4,
          options: [
            { index: 0, label: 'Benches', count: 2 },
            { index: 1, label: 'Shade', count: 3 },
            { index: 2, label: 'Lights', count: 2 },
          ],
          scaleMean: null,
          scaleDistribution: null,
          textAnswers: null,
        },
        {
          questionId: qs[2]!.id,
          kind: 'SCALE',
          answeredCount: 4,
          options: [],
          scaleMean: (5 + 4 + 5 + 2) / 4,
          scaleDistribution: [0, 1, 0, 1, 2],
          textAnswers: null,
        },
        {
          questionId: qs[3]!.id,
          kind: 'FREE_TEXT',
          answeredCount: 2, // a blank answer is no answer
          options: [],
          scaleMean: null,
          scaleDistribution: null,
          textAnswers: texts,
        },
      ],
    });
    const asResident = (await h.gql<any>(SURVEY, { id: survey.id }, resident(0).token)).data.survey;
    expect(asResident.results).toEqual(expected(null));
    expect(asResident).toMatchObject({
      viewerHasResponded: true,
      responseCount: 4,
      viewerCan: { respond: false, seeTextAnswers: false, exportCsv: false, open: false, close: false },
    });
    expect((await h.gql<any>(SURVEY, { id: survey.id })).data.survey.results).toEqual(expected(null));
    const fundSide = [
      { text: 'More trees', assisted: false },
      { text: 'Lights please', assisted: false },
    ];
    expect((await h.gql<any>(SURVEY, { id: survey.id }, admin.token)).data.survey.results).toEqual(expected(fundSide));
    expect((await h.gql<any>(SURVEY, { id: survey.id }, gov.token)).data.survey.results).toEqual(expected(fundSide));
    const newcomer = (await h.gql<any>(SURVEY, { id: survey.id }, resident(7).token)).data.survey;
    expect(newcomer).toMatchObject({ viewerHasResponded: false, viewerResponse: null, viewerCan: { respond: true } });
  });

  it('settles racing submits of one resident to exactly one response', async () => {
    const survey = await openSurvey();
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((n) =>
        submit(resident(5).token, survey.id, answers(survey.questions, n % 3, [n % 3], 1 + (n % 5))),
      ),
    );
    const codes = results.map((r) => errorCode(r) ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await count('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [survey.id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM survey_answers WHERE survey_id = $1', [survey.id])).toBe(3);
  });

  it('refuses answers that do not fit the questions, naming the field, and writes nothing', async () => {
    const survey = await openSurvey();
    const other = await openSurvey();
    const qs = survey.questions;
    const [single, multiple, scale, text] = qs.map((q) => q.id);
    const good = answers(qs, 0, [0], 3);
    const cases: Array<[unknown[], string]> = [
      [[...good, { questionId: other.questions[0]!.id, optionIndexes: [0] }], 'answers.3.questionId'],
      [[...good, { questionId: 'not-an-id', text: 'x' }], 'answers.3.questionId'],
      [[{ questionId: single, optionIndexes: [3] }, ...good.slice(1)], 'answers.0.optionIndexes'],
      [[{ questionId: single, optionIndexes: [-1] }, ...good.slice(1)], 'answers.0.optionIndexes'],
      [[{ questionId: single, optionIndexes: [0, 1] }, ...good.slice(1)], 'answers.0.optionIndexes'],
      [[good[0], { questionId: multiple, optionIndexes: [1, 1] }, good[2]], 'answers.1.optionIndexes'],
      [[good[0], { questionId: multiple, optionIndexes: [0, 3] }, good[2]], 'answers.1.optionIndexes'],
      [[...good.slice(0, 2), { questionId: scale, scale: 0 }], 'answers.2.scale'],
      [[...good.slice(0, 2), { questionId: scale, scale: 6 }], 'answers.2.scale'],
      [[...good.slice(0, 2), { questionId: scale, text: 'five' }], 'answers.2.text'],
      [[{ questionId: single, scale: 3 }, ...good.slice(1)], 'answers.0.scale'],
      [[...good, { questionId: text, text: 'x'.repeat(2001) }], 'answers.3.text'],
      [[...good, { questionId: text, optionIndexes: [0] }], 'answers.3.optionIndexes'],
      [[...good, { questionId: single, optionIndexes: [1] }], 'answers.3.questionId'],
      [good.slice(1), 'answers'], // the required single choice is missing
      [[good[0], { questionId: multiple, optionIndexes: [] }, good[2]], 'answers'], // empty is unanswered
      [[], 'answers'],
    ];
    for (const [list, field] of cases) {
      const res = await submit(resident(6).token, survey.id, list);
      expect([field, errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
    expect(await count('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [survey.id])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM survey_answers WHERE survey_id = $1', [survey.id])).toBe(0);
    // ...and the resident may still answer properly.
    expect((await submit(resident(6).token, survey.id, good)).errors).toBeUndefined();
  });

  it('records paper responses on a resident’s behalf as their one response, marked assisted', async () => {
    const survey = await openSurvey();
    const qs = survey.questions;
    const who = resident(3);
    const res = await h.gql<any>(
      ASSISTED,
      { surveyId: survey.id, residentId: who.user.id, answers: answers(qs, 2, [0], 4, 'Said at the meeting') },
      gov.token,
    );
    expect(res.data.recordAssistedSurveyResponse).toEqual({
      id: expect.any(String),
      assisted: true,
      recordedBy: { id: gov.user.id, displayName: gov.user.displayName },
      respondent: { id: who.user.id },
    });
    // The resident sees it is theirs and was entered for them, but not who entered it.
    const mine = (await h.gql<any>(SURVEY, { id: survey.id }, who.token)).data.survey;
    expect(mine).toMatchObject({ viewerHasResponded: true, viewerResponse: { assisted: true, recordedBy: null } });
    expect(errorCode(await submit(who.token, survey.id, answers(qs, 0, [0], 1)))).toBe('CONFLICT');
    const again = await h.gql(
      ASSISTED,
      { surveyId: survey.id, residentId: who.user.id, answers: answers(qs, 0, [0], 1) },
      admin.token,
    );
    expect(errorCode(again)).toBe('CONFLICT');

    const asAdmin = (await h.gql<any>(SURVEY, { id: survey.id }, admin.token)).data.survey.results;
    expect(asAdmin).toMatchObject({ responseCount: 1, assistedResponseCount: 1 });
    expect(asAdmin.questions[3].textAnswers).toEqual([{ text: 'Said at the meeting', assisted: true }]);
    expect(asAdmin.questions[0].options.map((o: { count: number }) => o.count)).toEqual([0, 0, 1]);

    const bad = (residentId: string, token = admin.token, list = answers(qs, 0, [0], 1)) =>
      h.gql(ASSISTED, { surveyId: survey.id, residentId, answers: list }, token);
    expect(errorCode(await bad(org.user.id))).toBe('BAD_USER_INPUT');
    expect((await bad(org.user.id)).errors?.[0]?.extensions?.field).toBe('residentId');
    expect(errorCode(await bad('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(errorCode(await bad(resident(4).user.id, resident(2).token))).toBe('FORBIDDEN');
    expect(
      (await bad(resident(4).user.id, admin.token, [{ questionId: qs[2]!.id, scale: 9 }])).errors?.[0]?.extensions
        ?.field,
    ).toBe('answers.0.scale');
    await h.gql(CLOSE, { id: survey.id }, admin.token);
    expect(errorCode(await bad(resident(4).user.id))).toBe('CONFLICT');
    expect(await count('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [survey.id])).toBe(1);
  });

  it('delivers the new aggregate to subscribers after each committed response, as each may see it', async () => {
    const survey = await openSurvey();
    const qs = survey.questions;
    const residentWatch = subscribe<any>(h.ws(resident(7).token), LIVE, { id: survey.id });
    const adminWatch = subscribe<any>(h.ws(admin.token), LIVE, { id: survey.id });
    const anonWatch = subscribe<any>(h.ws(), LIVE, { id: survey.id });
    await new Promise((r) => setTimeout(r, 200));

    await submit(resident(0).token, survey.id, answers(qs, 1, [2], 2, 'Quiet hours'));
    const forResident = (await residentWatch.next()).data!.surveyResultsUpdated;
    expect(forResident.responseCount).toBe(1);
    expect(forResident.survey).toEqual({ id: survey.id, status: 'OPEN' });
    expect(forResident.questions[0].options.map((o: { count: number }) => o.count)).toEqual([0, 1, 0]);
    expect(forResident.questions[2]).toMatchObject({ scaleMean: 2, scaleDistribution: [0, 1, 0, 0, 0] });
    expect(forResident.questions[3].textAnswers).toBeNull();
    expect((await anonWatch.next()).data!.surveyResultsUpdated.questions[3].textAnswers).toBeNull();
    const forAdmin = (await adminWatch.next()).data!.surveyResultsUpdated;
    expect(forAdmin.questions[3].textAnswers).toEqual([{ text: 'Quiet hours', assisted: false }]);

    // A refused response publishes nothing; the next good one does.
    expect(errorCode(await submit(resident(1).token, survey.id, [{ questionId: qs[2]!.id, scale: 7 }]))).toBe(
      'BAD_USER_INPUT',
    );
    await submit(resident(1).token, survey.id, answers(qs, 1, [0, 2], 4));
    const second = (await residentWatch.next()).data!.surveyResultsUpdated;
    expect(second.responseCount).toBe(2);
    expect(second.questions[1].options.map((o: { count: number }) => o.count)).toEqual([1, 0, 2]);
    expect(second.questions[2]).toMatchObject({ scaleMean: 3, scaleDistribution: [0, 1, 0, 1, 0] });
    expect(residentWatch.pending()).toBe(0);

    await h.gql(CLOSE, { id: survey.id }, admin.token);
    expect((await residentWatch.next()).data!.surveyResultsUpdated.survey.status).toBe('CLOSED');

    // Drafts cannot be watched by those who may not see them.
    const draft = await create(admin.token);
    const refused = subscribe<any>(h.ws(resident(0).token), LIVE, { id: draft.id });
    expect((await refused.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('notifies the proposal’s followers when a survey on it opens', async () => {
    const p = await seedProposal(h, { fundId, authorId: org.user.id, status: ProposalStatus.APPROVED });
    const followers = [resident(0), resident(1), admin];
    for (const u of followers) {
      await h.db.dataSource.query('INSERT INTO proposal_follows (proposal_id, user_id) VALUES ($1, $2)', [
        p.id,
        u.user.id,
      ]);
    }
    const survey = await create(admin.token, { proposalId: p.id, title: 'Where should the benches go?' });
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [survey.id])).toBe(0);
    await h.gql(OPEN, { id: survey.id }, admin.token);
    const rows: Array<Record<string, unknown>> = await h.db.dataSource.query(
      `SELECT user_id, kind, actor_id, proposal_id, title FROM notifications WHERE subject_id = $1 ORDER BY user_id`,
      [survey.id],
    );
    // The admin who opened it follows too, but is not told of their own act.
    expect(rows).toEqual(
      [resident(0), resident(1)]
        .map((u) => ({
          user_id: u.user.id,
          kind: 'SURVEY_OPENED',
          actor_id: admin.user.id,
          proposal_id: p.id,
          title: 'Where should the benches go?',
        }))
        .sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    // A fund-wide survey notifies nobody.
    const fundWide = await openSurvey();
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [fundWide.id])).toBe(0);
  });

  it('lists a proposal’s surveys on the proposal, batched', async () => {
    const ps = await Promise.all(
      [1, 2, 3].map(() => seedProposal(h, { fundId, authorId: org.user.id, status: ProposalStatus.CONSULTATION })),
    );
    for (const p of ps) {
      await openSurvey({ proposalId: p.id });
      await create(admin.token, { proposalId: p.id });
    }
    const query = `query($fundId: ID!) { proposals(fundId: $fundId, first: 50) { nodes { id surveys { id status responseCount viewerHasResponded } } } }`;
    const { result, count: statements } = await counter.measure(() => h.gql<any>(query, { fundId }, resident(0).token));
    const nodes = result.data!.proposals.nodes as Array<{ id: string; surveys: Array<{ status: string }> }>;
    for (const p of ps) {
      expect(nodes.find((n) => n.id === p.id)!.surveys.map((s) => s.status)).toEqual(['OPEN']);
    }
    expect(statements).toBeLessThan(20);
    const asAdmin = await h.gql<any>(
      `query($id: ID!) { proposal(id: $id) { surveys { status } } }`,
      { id: ps[0]!.id },
      admin.token,
    );
    expect(asAdmin.data.proposal.surveys).toEqual([{ status: 'OPEN' }, { status: 'DRAFT' }]);
    const filtered = await h.gql<any>(LIST, { fundId, proposalId: ps[1]!.id }, resident(0).token);
    expect(filtered.data.surveys).toHaveLength(1);
  });

  it('exports responses as CSV to the fund’s side only', async () => {
    const survey = await openSurvey({ title: 'Export me' });
    const qs = survey.questions;
    await submit(resident(0).token, survey.id, answers(qs, 2, [0, 2], 5, '=HYPERLINK("x")'));
    await h.gql(
      ASSISTED,
      { surveyId: survey.id, residentId: resident(1).user.id, answers: answers(qs, 0, [1], 3) },
      admin.token,
    );
    const url = h.url.replace('/graphql', `/api/surveys/${survey.id}/responses.csv`);
    const get = (token?: string, to = url) => fetch(to, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    expect((await get()).status).toBe(401);
    expect((await get('not-a-token')).status).toBe(401);
    expect((await get(resident(0).token)).status).toBe(403);
    expect((await get(org.token)).status).toBe(403);
    expect((await get(pendingGov.token)).status).toBe(403);
    expect((await get(admin.token, url.replace(survey.id, 'nope'))).status).toBe(400);
    expect((await get(admin.token, url.replace(survey.id, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);

    const res = await get(gov.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'response_id,submitted_at,assisted,recorded_by,Q1. Which park first?,Q2. What should it have?,Q3. How urgent is it?,Q4. Anything else?',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,no,,East,Benches; Lights,5,"'=HYPERLINK\(""x""\)"$/);
    expect(lines[2]).toMatch(new RegExp(`,yes,${admin.user.displayName},North,Shade,3,$`));
  });
});
