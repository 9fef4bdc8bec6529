/**
 * A survey, black-box over HTTP and WebSocket against the built server and the
 * demo seed: the street office drafts a survey on the lift proposal and opens
 * it (its followers are notified), an anonymous subscriber watches the results,
 * the demo residents and freshly registered ones answer, and every event the
 * subscriber receives is the aggregate of the answers given so far. The fund's
 * side reads the free text and downloads the CSV; a resident may not.
 */
import {
  apiFor,
  codes,
  DEMO,
  ok,
  startServer,
  subscribe,
  unique,
  wsClient,
  type Api,
  type StartedServer,
} from '../support/server.js';
import { settle, type WsClientHandle } from '../support/ws.js';

let server: StartedServer;
let api: Api;
let fundId: string;
let neighborhoodId: string;
let liftProposalId: string;
let gov: string;
let admin: string;
let resident: string;
let resident2: string;
const sockets: WsClientHandle[] = [];

const CREATE = `mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { id status questions { id kind options } }
}`;
const OPEN = `mutation($id: ID!) { openSurvey(surveyId: $id) { id status } }`;
const CLOSE = `mutation($id: ID!) { closeSurvey(surveyId: $id) { id status } }`;
const SUBMIT = `mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id assisted } }`;
const RESULTS = `responseCount assistedResponseCount
  questions { questionId kind answeredCount options { index count } scaleMean scaleDistribution textAnswers { text } }`;
const SURVEY = `query($id: ID!) { survey(id: $id) { id status viewerHasResponded results { ${RESULTS} } } }`;
const LIVE = `subscription($id: ID!) { surveyResultsUpdated(surveyId: $id) { ${RESULTS} } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { nodes { kind subjectId } } }`;

interface Answer {
  single: number;
  multiple: number[];
  scale: number;
  text?: string;
}

interface Results {
  responseCount: number;
  assistedResponseCount: number;
  questions: Array<{
    questionId: string;
    kind: string;
    answeredCount: number;
    options: Array<{ index: number; count: number }>;
    scaleMean: number | null;
    scaleDistribution: number[] | null;
    textAnswers: Array<{ text: string }> | null;
  }>;
}

/** What the aggregate must be after `given`, computed here from the answers, independently of the server. */
function expectedFigures(given: readonly Answer[]) {
  const counts = (n: number, pick: (a: Answer) => number[]) =>
    Array.from({ length: n }, (_, i) => given.filter((a) => pick(a).includes(i)).length);
  const distribution = [1, 2, 3, 4, 5].map((k) => given.filter((a) => a.scale === k).length);
  const sum = given.reduce((s, a) => s + a.scale, 0);
  return {
    responseCount: given.length,
    single: counts(3, (a) => [a.single]),
    multiple: counts(4, (a) => a.multiple),
    distribution,
    mean: given.length === 0 ? null : sum / given.length,
    texts: given.flatMap((a) => (a.text ? [a.text] : [])),
  };
}

function figuresOf(r: Results) {
  const [single, multiple, scale, text] = r.questions;
  return {
    responseCount: r.responseCount,
    single: single!.options.map((o) => o.count),
    multiple: multiple!.options.map((o) => o.count),
    distribution: scale!.scaleDistribution,
    mean: scale!.scaleMean,
    texts: text!.textAnswers?.map((t) => t.text) ?? null,
  };
}

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const funds = ok(await api.gql('{ funds { id neighborhoods { id } } }'));
  fundId = funds.funds[0].id;
  neighborhoodId = funds.funds[0].neighborhoods[0].id;
  [gov, admin, resident, resident2] = await Promise.all([
    api.login(DEMO.gov),
    api.login(DEMO.admin),
    api.login(DEMO.resident),
    api.login(DEMO.resident2),
  ]);
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION]) { nodes { id title } } }'));
  liftProposalId = list.proposals.nodes.find((p: { title: string }) => /lift/i.test(p.title)).id;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await server?.stop();
});

async function registerResident(name: string): Promise<string> {
  const res = ok(
    await api.gql(`mutation($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: {
        email: `survey-${unique()}@example.org`,
        password: 'a-long-enough-password',
        displayName: name,
        role: 'RESIDENT',
        neighborhoodId,
      },
    }),
  );
  return res.register.token as string;
}

describe('a survey answered by several residents, aggregated live', () => {
  it('runs the whole story', async () => {
    // 1. The street office drafts a survey on the lift proposal; residents cannot see the draft.
    const input = {
      fundId,
      proposalId: liftProposalId,
      title: `Lift survey ${unique()}`,
      description: 'Tell us how the lift should work for you.',
      questions: [
        { kind: 'SINGLE_CHOICE', prompt: 'Which entrance should the lift serve?', options: ['East', 'West', 'Both'] },
        {
          kind: 'MULTIPLE_CHOICE',
          prompt: 'Who in your home would use it?',
          options: ['Elders', 'Children', 'Wheelchair users', 'Everyone'],
        },
        { kind: 'SCALE', prompt: 'How much do you need it?' },
        { kind: 'FREE_TEXT', prompt: 'Anything else we should know?', required: false },
      ],
    };
    expect(codes(await api.gql(CREATE, { input }, resident))).toEqual(['FORBIDDEN']);
    const survey = ok(await api.gql(CREATE, { input }, gov)).createSurvey;
    expect(survey.status).toBe('DRAFT');
    const id = survey.id as string;
    expect(ok(await api.gql(SURVEY, { id }, resident)).survey).toBeNull();
    expect(codes(await api.gql(SUBMIT, { input: { surveyId: id, answers: [] } }, resident))).toEqual(['NOT_FOUND']);

    // 2. It opens; the residents follow the lift (they voted on it in the seed) and are told.
    expect(codes(await api.gql(OPEN, { id }, resident))).toEqual(['FORBIDDEN']);
    expect(ok(await api.gql(OPEN, { id }, gov)).openSurvey.status).toBe('OPEN');
    const inbox = ok(await api.gql(NOTIFICATIONS, {}, resident)).notifications.nodes as Array<{
      kind: string;
      subjectId: string;
    }>;
    expect(inbox).toContainEqual({ kind: 'SURVEY_OPENED', subjectId: id });

    // 3. An anonymous subscriber and the fund admin watch the results.
    const watcher = wsClient(server.wsUrl);
    const fundWatcher = wsClient(server.wsUrl, admin);
    sockets.push(watcher, fundWatcher);
    await Promise.all([watcher.connected, fundWatcher.connected]);
    const live = subscribe<{ surveyResultsUpdated: Results }>(watcher.client, LIVE, { id });
    const fundLive = subscribe<{ surveyResultsUpdated: Results }>(fundWatcher.client, LIVE, { id });
    await Promise.all([settle(watcher.client), settle(fundWatcher.client)]);

    // 4. Demo residents and newly registered ones answer, one after another.
    const newcomers = await Promise.all(['Auntie Li', 'Uncle Zhao', 'Xiao Chen'].map(registerResident));
    const respondents = [resident, resident2, ...newcomers];
    const plan: Answer[] = [
      { single: 0, multiple: [0, 3], scale: 5, text: 'Please keep the stairs too.' },
      { single: 2, multiple: [0], scale: 4 },
      { single: 0, multiple: [1, 2], scale: 5, text: 'My mother uses a wheelchair.' },
      { single: 1, multiple: [3], scale: 2 },
      { single: 0, multiple: [0, 1, 2], scale: 3 },
    ];
    const qs = survey.questions as Array<{ id: string }>;
    const toInput = (a: Answer) => [
      { questionId: qs[0]!.id, optionIndexes: [a.single] },
      { questionId: qs[1]!.id, optionIndexes: a.multiple },
      { questionId: qs[2]!.id, scale: a.scale },
      ...(a.text ? [{ questionId: qs[3]!.id, text: a.text }] : []),
    ];
    for (const [i, answer] of plan.entries()) {
      const token = respondents[i]!;
      expect(ok(await api.gql(SUBMIT, { input: { surveyId: id, answers: toInput(answer) } }, token))).toEqual({
        submitSurveyResponse: { id: expect.any(String), assisted: false },
      });
      const expected = expectedFigures(plan.slice(0, i + 1));
      const event = await live.next();
      expect(event.errors).toBeUndefined();
      // The anonymous subscriber gets the figures, never the free text.
      expect(figuresOf(event.data!.surveyResultsUpdated)).toEqual({ ...expected, texts: null });
      const fundEvent = await fundLive.next();
      expect(figuresOf(fundEvent.data!.surveyResultsUpdated)).toEqual(expected);
    }

    // 5. Answering twice is refused and announces nothing; a bad answer is named.
    expect(codes(await api.gql(SUBMIT, { input: { surveyId: id, answers: toInput(plan[0]!) } }, resident))).toEqual([
      'CONFLICT',
    ]);
    const bad = await api.gql(
      SUBMIT,
      { input: { surveyId: id, answers: [...toInput(plan[0]!).slice(0, 2), { questionId: qs[2]!.id, scale: 6 }] } },
      await registerResident('Grandpa Sun'),
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers.2.scale' });
    await new Promise((r) => setTimeout(r, 300));
    expect(live.pending()).toEqual([]);

    // 6. The figures match a fresh read, for a resident and for the fund's side.
    const final = expectedFigures(plan);
    const read = ok(await api.gql(SURVEY, { id }, resident)).survey;
    expect(read.viewerHasResponded).toBe(true);
    expect(figuresOf(read.results)).toEqual({ ...final, texts: null });
    expect(final.mean).toBeCloseTo(3.8);
    expect(figuresOf(ok(await api.gql(SURVEY, { id }, admin)).survey.results)).toEqual(final);

    // 7. The CSV: refused without a token and to residents; the fund's side gets every response.
    const csvUrl = `${server.baseUrl}/api/surveys/${id}/responses.csv`;
    expect((await fetch(csvUrl)).status).toBe(401);
    expect((await fetch(csvUrl, { headers: { authorization: `Bearer ${resident}` } })).status).toBe(403);
    const csv = await fetch(csvUrl, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Q1. Which entrance should the lift serve?');
    expect(lines).toHaveLength(1 + plan.length);
    expect(lines.filter((l) => l.includes(',East,')).length).toBe(final.single[0]);
    expect(lines.some((l) => l.includes('My mother uses a wheelchair.'))).toBe(true);

    // 8. Closing ends it: the subscriber hears, and no more answers are taken.
    expect(ok(await api.gql(CLOSE, { id }, gov)).closeSurvey.status).toBe('CLOSED');
    expect((await live.next()).data!.surveyResultsUpdated.responseCount).toBe(plan.length);
    const late = await registerResident('Late Lao Wang');
    expect(codes(await api.gql(SUBMIT, { input: { surveyId: id, answers: toInput(plan[1]!) } }, late))).toEqual([
      'CONFLICT',
    ]);
  });
});
