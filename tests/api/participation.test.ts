/**
 * The participation loop, black-box over HTTP and WebSocket against the built
 * server and the demo seed.
 *
 * - Feedback submitted and answered: a resident's unanswered feedback is seen
 *   by her and by the fund's side, not by other residents or anonymous
 *   visitors; once answered everyone sees it with its answers; the fund's
 *   public responsiveness figures move with each submission and answer.
 * - A notification delivered live over graphql-ws: the resident who wrote a
 *   proposal hears of a comment on it, and a commenter hears of a reply,
 *   each on her own socket and nobody else's; the inbox and the unread count
 *   agree, and marking read changes them.
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
  type StartedServer,
} from '../support/server.js';
import { settle, type Subscription, type WsClientHandle } from '../support/ws.js';

let server: StartedServer;
let api: Api;
let fundId: string;
let tokens: Awaited<ReturnType<Api['demoTokens']>>;
const sockets: WsClientHandle[] = [];

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  tokens = await api.demoTokens();
  fundId = (ok(await api.gql('{ funds { id } }')).funds as Array<{ id: string }>)[0]!.id;
});

afterAll(async () => {
  for (const s of sockets) await s.dispose().catch(() => undefined);
  await server?.stop();
});

const FEEDBACK_FIELDS = `id body status assisted author { displayName } responses { status body responder { displayName } }`;
const SUBMIT = `mutation ($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { ${FEEDBACK_FIELDS} } }`;
const RESPOND = `mutation ($id: ID!, $status: FeedbackStatus!, $response: String!) {
  respondToFeedback(feedbackId: $id, status: $status, response: $response) { ${FEEDBACK_FIELDS} }
}`;
const LIST = `query ($fundId: ID!, $status: FeedbackStatus, $mine: Boolean) {
  feedback(fundId: $fundId, status: $status, mine: $mine) { ${FEEDBACK_FIELDS} }
}`;
const RESPONSIVENESS = `query ($id: ID!) { fund(id: $id) { responsiveness {
  total answered answeredShare medianFirstResponseSeconds openOlderThan7Days
} } }`;

interface Feedback {
  id: string;
  body: string;
  status: string;
  responses: Array<{ status: string; body: string }>;
}
interface Responsiveness {
  total: number;
  answered: number;
  answeredShare: number;
  medianFirstResponseSeconds: number | null;
  openOlderThan7Days: number;
}

async function visibleIds(token: string | null, variables: Record<string, unknown> = {}): Promise<string[]> {
  const list = ok(await api.gql(LIST, { fundId, ...variables }, token)).feedback as Feedback[];
  return list.map((f) => f.id);
}

async function responsiveness(): Promise<Responsiveness> {
  return ok(await api.gql(RESPONSIVENESS, { id: fundId })).fund.responsiveness as Responsiveness;
}

describe('feedback submitted and answered', () => {
  let item: Feedback;
  let start: Responsiveness;

  it('the responsiveness figures are public and consistent', async () => {
    start = await responsiveness();
    expect(start.total).toBeGreaterThan(0); // the seed has feedback
    expect(start.answered).toBeLessThanOrEqual(start.total);
    expect(start.answeredShare).toBeCloseTo(start.answered / start.total, 5);
  });

  it('a resident sends feedback: it is RECEIVED, hers, and counted as open', async () => {
    const body = `Please put a bench at the bus stop on Riverside Road ${unique()}`;
    item = ok(await api.gql(SUBMIT, { input: { fundId, body } }, tokens.resident)).submitFeedback as Feedback;
    expect(item).toMatchObject({ body, status: 'RECEIVED', assisted: false, responses: [] });
    const after = await responsiveness();
    expect(after.total).toBe(start.total + 1);
    expect(after.answered).toBe(start.answered);
    expect(after.answeredShare).toBeCloseTo(start.answered / (start.total + 1), 5);
  });

  it('unanswered, it is seen by its author and the fund side only', async () => {
    expect(await visibleIds(tokens.resident)).toContain(item.id);
    expect(await visibleIds(tokens.resident, { mine: true })).toContain(item.id);
    expect(await visibleIds(tokens.gov)).toContain(item.id);
    expect(await visibleIds(tokens.admin)).toContain(item.id);
    expect(await visibleIds(tokens.resident2)).not.toContain(item.id);
    expect(await visibleIds(tokens.enterprise)).not.toContain(item.id);
    expect(await visibleIds(null)).not.toContain(item.id);
    // nobody else's own list holds it
    expect(await visibleIds(tokens.resident2, { mine: true })).not.toContain(item.id);
    const single = await api.gql(
      'query ($id: ID!) { feedbackItem(id: $id) { id } }',
      { id: item.id },
      tokens.resident2,
    );
    expect(single.data?.feedbackItem ?? null).toBeNull();
  });

  it('only the fund side answers, and only along the life cycle', async () => {
    const byResident = await api.gql(
      RESPOND,
      { id: item.id, status: 'ACKNOWLEDGED', response: 'Me too' },
      tokens.resident2,
    );
    expect(codes(byResident)).toEqual(['FORBIDDEN']);
    const backwards = await api.gql(
      RESPOND,
      { id: item.id, status: 'RECEIVED', response: 'Back to start' },
      tokens.gov,
    );
    expect(codes(backwards)[0]).toMatch(/CONFLICT|BAD_USER_INPUT/);
    const empty = await api.gql(RESPOND, { id: item.id, status: 'ACKNOWLEDGED', response: '' }, tokens.gov);
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    // nothing of that was written
    expect((await responsiveness()).answered).toBe(start.answered);
  });

  it('once answered, everyone sees it with its answers, and the figures count the answer', async () => {
    const acknowledged = ok(
      await api.gql(
        RESPOND,
        { id: item.id, status: 'ACKNOWLEDGED', response: 'We are asking the bus company.' },
        tokens.gov,
      ),
    ).respondToFeedback as Feedback;
    expect(acknowledged.status).toBe('ACKNOWLEDGED');
    const after = await responsiveness();
    expect(after.total).toBe(start.total + 1);
    expect(after.answered).toBe(start.answered + 1);
    expect(after.answeredShare).toBeCloseTo((start.answered + 1) / (start.total + 1), 5);
    expect(after.medianFirstResponseSeconds).not.toBeNull();

    for (const token of [null, tokens.resident2, tokens.enterprise]) {
      const list = ok(await api.gql(LIST, { fundId }, token)).feedback as Feedback[];
      const seen = list.find((f) => f.id === item.id);
      expect(seen).toBeDefined();
      expect(seen!.responses.map((r) => r.status)).toEqual(['ACKNOWLEDGED']);
    }

    const addressed = ok(
      await api.gql(RESPOND, { id: item.id, status: 'ADDRESSED', response: 'A bench was put in today.' }, tokens.admin),
    ).respondToFeedback as Feedback;
    expect(addressed.status).toBe('ADDRESSED');
    expect(addressed.responses.map((r) => [r.status, r.body])).toEqual([
      ['ACKNOWLEDGED', 'We are asking the bus company.'],
      ['ADDRESSED', 'A bench was put in today.'],
    ]);
    // answered once more: still one answered item
    expect((await responsiveness()).answered).toBe(start.answered + 1);
    // final: no more answers
    const again = await api.gql(RESPOND, { id: item.id, status: 'DECLINED', response: 'Changed our mind' }, tokens.gov);
    expect(codes(again)).toEqual(['CONFLICT']);
    // the status filter finds it among the addressed ones, for anyone
    expect(await visibleIds(null, { status: 'ADDRESSED' })).toContain(item.id);
    expect(await visibleIds(null, { status: 'RECEIVED' })).not.toContain(item.id);
  });
});

describe('notifications delivered live over graphql-ws', () => {
  const LIVE = `subscription { notificationAdded { id kind subjectId title excerpt read actor { displayName } proposal { id } } }`;
  const COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;
  const CREATE = `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
  const OPEN = `mutation ($id: ID!, $ends: DateTime!) {
    openConsultation(proposalId: $id, consultationEndsAt: $ends) { id status }
  }`;
  const INBOX = `{ unreadNotificationCount notifications(first: 20) { totalCount nodes { id kind subjectId read } } }`;
  const MARK = 'mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';

  let proposalId: string;
  let authorLive: Subscription;
  let neighbourLive: Subscription;
  let bystanderLive: Subscription;

  async function live(token: string): Promise<Subscription> {
    const socket = wsClient(server.wsUrl, token);
    sockets.push(socket);
    await socket.connected;
    const sub = subscribe(socket.client, LIVE);
    await settle(socket.client);
    return sub;
  }

  it('an anonymous socket may not subscribe', async () => {
    const socket = wsClient(server.wsUrl, null);
    sockets.push(socket);
    await socket.connected;
    const first = await subscribe(socket.client, LIVE).next();
    expect(codes({ status: 200, errors: first.errors })).toEqual(['UNAUTHENTICATED']);
  });

  it('a resident writes a proposal and opens its consultation; she, a neighbour and a bystander listen', async () => {
    proposalId = ok(
      await api.gql(
        CREATE,
        {
          input: {
            fundId,
            title: `Shade sails over the playground ${unique()}`,
            summary: 'Shade for the children’s playground in summer.',
            body: 'Three shade sails on steel posts over the sand pit and the swings, installed before June.',
            category: 'YOUTH_EDUCATION',
            budgetMinor: 1_800_000,
          },
        },
        tokens.resident,
      ),
    ).createProposal.id;
    const ends = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
    expect(ok(await api.gql(OPEN, { id: proposalId, ends }, tokens.resident)).openConsultation.status).toBe(
      'CONSULTATION',
    );
    authorLive = await live(tokens.resident);
    neighbourLive = await live(tokens.resident2);
    bystanderLive = await live(tokens.enterprise);
  });

  it('a comment on her proposal reaches her live, and nobody else', async () => {
    const before = ok(await api.gql(INBOX, {}, tokens.resident));
    const text = `Will the posts be padded for small children? ${unique()}`;
    const commentId = ok(await api.gql(COMMENT, { input: { proposalId, body: text } }, tokens.resident2)).addComment
      .id as string;

    const event = await authorLive.waitFor((r) => r.data?.notificationAdded?.subjectId === commentId, 10_000);
    expect(event.errors).toBeUndefined();
    expect(event.data!.notificationAdded).toMatchObject({
      kind: 'PROPOSAL_COMMENTED',
      read: false,
      actor: { displayName: 'Xiao Zhang' },
      proposal: { id: proposalId },
    });
    expect(event.data!.notificationAdded.excerpt).toContain('padded');

    const after = ok(await api.gql(INBOX, {}, tokens.resident));
    expect(after.unreadNotificationCount).toBe(before.unreadNotificationCount + 1);
    expect(after.notifications.nodes[0]).toMatchObject({
      kind: 'PROPOSAL_COMMENTED',
      subjectId: commentId,
      read: false,
    });
    // the commenter and a bystander are told nothing
    await expect(neighbourLive.next(800)).rejects.toThrow(/no subscription event/);
    await expect(bystanderLive.next(200)).rejects.toThrow(/no subscription event/);
  });

  it("a reply to the neighbour's comment reaches her live", async () => {
    const inbox = ok(await api.gql(INBOX, {}, tokens.resident2));
    const thread = ok(
      await api.gql('query ($id: ID!) { proposal(id: $id) { comments(first: 10) { nodes { id author { id } } } } }', {
        id: proposalId,
      }),
    ).proposal.comments.nodes as Array<{ id: string; author: { id: string } }>;
    const neighbour = ok(await api.gql('{ viewer { id } }', {}, tokens.resident2)).viewer.id as string;
    const parentId = thread.find((c) => c.author.id === neighbour)!.id;
    const reply = ok(
      await api.gql(COMMENT, { input: { proposalId, parentId, body: 'Yes, padded and blue.' } }, tokens.resident),
    ).addComment.id as string;

    const event = await neighbourLive.waitFor((r) => r.data?.notificationAdded?.subjectId === reply, 10_000);
    expect(event.data!.notificationAdded).toMatchObject({
      kind: 'COMMENT_REPLIED',
      actor: { displayName: 'Grandma Liu' },
      proposal: { id: proposalId },
    });
    expect(neighbourLive.pending()).toEqual([]);
    // her own reply on her own proposal does not notify the author
    await expect(authorLive.next(500)).rejects.toThrow(/no subscription event/);
    await expect(bystanderLive.next(200)).rejects.toThrow(/no subscription event/);
    expect(ok(await api.gql(INBOX, {}, tokens.resident2)).unreadNotificationCount).toBe(
      inbox.unreadNotificationCount + 1,
    );
  });

  it('marking read changes the count and the inbox, for the owner only', async () => {
    const inbox = ok(await api.gql(INBOX, {}, tokens.resident2));
    const unread = inbox.notifications.nodes.filter((n: { read: boolean }) => !n.read);
    expect(unread.length).toBeGreaterThan(0);
    const target = unread[0].id as string;

    // someone else's id changes nothing
    const foreign = await api.gql(MARK, { ids: [target] }, tokens.resident);
    expect(foreign.data?.markNotificationsRead ?? 0).toBe(0);
    expect(ok(await api.gql(INBOX, {}, tokens.resident2)).unreadNotificationCount).toBe(inbox.unreadNotificationCount);

    expect(ok(await api.gql(MARK, { ids: [target] }, tokens.resident2)).markNotificationsRead).toBe(1);
    const after = ok(await api.gql(INBOX, {}, tokens.resident2));
    expect(after.unreadNotificationCount).toBe(inbox.unreadNotificationCount - 1);
    expect(after.notifications.nodes.find((n: { id: string }) => n.id === target).read).toBe(true);
    // marking it again changes nothing
    expect(ok(await api.gql(MARK, { ids: [target] }, tokens.resident2)).markNotificationsRead).toBe(0);

    ok(await api.gql('mutation { markAllNotificationsRead }', {}, tokens.resident2));
    expect(ok(await api.gql(INBOX, {}, tokens.resident2)).unreadNotificationCount).toBe(0);
    // anonymous visitors have no inbox
    expect(codes(await api.gql(INBOX, {}, null))).toContain('UNAUTHENTICATED');
  });
});
