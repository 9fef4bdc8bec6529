/**
 * A consultation meeting, black-box over HTTP and WebSocket against the built
 * server and the demo seed: the street office schedules a meeting on the lift
 * proposal a few seconds ahead, residents answer (counts live, names only for
 * the fund's side), the meeting starts, minutes are published (those who said
 * they would come are notified), and paper votes and feedback are entered for
 * residents, showing up marked as assisted.
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
import type { WsClientHandle } from '../support/ws.js';

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

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id status startsAt proposal { id } } }`;
const RSVP = `mutation($id: ID!, $r: RsvpResponse!) { rsvpMeeting(meetingId: $id, response: $r) { id viewerRsvp rsvpCounts { going maybe notGoing } } }`;
const MINUTES = `mutation($id: ID!, $m: String!) { publishMeetingMinutes(meetingId: $id, minutes: $m) { id status minutes } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) {
  id status minutes viewerRsvp assistedEntries rsvpCounts { going maybe notGoing }
  attendees { user { id displayName role } response }
  assistedVotes { choice assisted resident { id } recordedBy { id } }
  assistedFeedback { id body assisted author { id } recordedBy { id } }
} }`;
const MEETINGS = `query($f: ID!, $u: Boolean) { meetings(fundId: $f, upcoming: $u) { id title } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { votes { support oppose } viewerVote meetings { id } } }`;
const UPDATED = `subscription($id: ID!) { meetingUpdated(meetingId: $id) { id status minutes assistedEntries rsvpCounts { going maybe notGoing } attendees { user { id } } } }`;
const ASSISTED_VOTE = `mutation($input: RecordAssistedVoteInput!) { recordAssistedVote(input: $input) { choice assisted resident { id } recordedBy { id } } }`;
const ASSISTED_FEEDBACK = `mutation($input: RecordAssistedFeedbackInput!) { recordAssistedFeedback(input: $input) { id assisted author { id } proposal { id } } }`;
const MY_FEEDBACK = `query($f: ID!) { feedback(fundId: $f, mine: true) { id body assisted author { id } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { nodes { kind subjectId } } }`;
const VIEWER = `{ viewer { id } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idOf = async (token: string): Promise<string> => ok(await api.gql(VIEWER, {}, token)).viewer.id;
const notified = async (token: string, kind: string, meetingId: string): Promise<boolean> =>
  (ok(await api.gql(NOTIFICATIONS, {}, token)).notifications.nodes as Array<{ kind: string; subjectId: string }>).some(
    (n) => n.kind === kind && n.subjectId === meetingId,
  );

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const funds = ok(await api.gql('{ funds { id neighborhoods { id } } }'));
  fundId = funds.funds[0].id;
  neighborhoodId = funds.funds[0].neighborhoods[0].id;
  gov = await api.login(DEMO.gov);
  admin = await api.login(DEMO.admin);
  resident = await api.login(DEMO.resident);
  resident2 = await api.login(DEMO.resident2);
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION]) { nodes { id title } } }'));
  liftProposalId = list.proposals.nodes.find((p: { title: string }) => /lift/i.test(p.title)).id;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await server?.stop();
});

describe('a consultation meeting, from schedule to assisted entries', () => {
  it('runs the whole story', async () => {
    const residentId = await idOf(resident);
    const resident2Id = await idOf(resident2);
    const govId = await idOf(gov);
    // A resident who never answers online: entered by user id.
    const email = `paper-${unique()}@example.org`;
    const registered = ok(
      await api.gql(`mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`, {
        input: {
          email,
          password: 'a-long-enough-password',
          displayName: 'Grandpa Ma',
          role: 'RESIDENT',
          neighborhoodId,
        },
      }),
    );
    const paperResident = registered.register as { token: string; user: { id: string } };

    // The seed's upcoming and past meetings are there.
    expect(ok(await api.gql(MEETINGS, { f: fundId, u: true })).meetings.length).toBeGreaterThanOrEqual(1);
    expect(ok(await api.gql(MEETINGS, { f: fundId, u: false })).meetings.length).toBeGreaterThanOrEqual(1);

    // 1. The street office schedules a public consultation on the lift, starting in a few seconds.
    const startsAt = new Date(Date.now() + 4000);
    const input = {
      fundId,
      proposalId: liftProposalId,
      kind: 'PUBLIC_CONSULTATION',
      title: `Lift consultation ${unique()}`,
      location: 'Community hall',
      startsAt: startsAt.toISOString(),
    };
    expect(codes(await api.gql(SCHEDULE, { input }, resident))).toEqual(['FORBIDDEN']);
    const meeting = ok(await api.gql(SCHEDULE, { input }, gov)).scheduleMeeting;
    expect(meeting).toMatchObject({ status: 'SCHEDULED', proposal: { id: liftProposalId } });
    const id = meeting.id as string;
    expect(ok(await api.gql(PROPOSAL, { id: liftProposalId })).proposal.meetings).toContainEqual({ id });
    // The residents voted on the lift in the seed, so they follow it and hear of the meeting.
    expect(await notified(resident, 'MEETING_SCHEDULED', id)).toBe(true);

    // 2. Residents answer; an anonymous subscriber sees the counts live, without names.
    const watcher = wsClient(server.wsUrl);
    sockets.push(watcher);
    await watcher.connected;
    const live = subscribe(watcher.client, UPDATED, { id });
    await sleep(200);
    ok(await api.gql(RSVP, { id, r: 'GOING' }, resident));
    const first = await live.next();
    expect(first.data?.meetingUpdated).toMatchObject({
      rsvpCounts: { going: 1, maybe: 0, notGoing: 0 },
      attendees: null,
    });
    ok(await api.gql(RSVP, { id, r: 'NOT_GOING' }, resident2));
    ok(await api.gql(RSVP, { id, r: 'MAYBE' }, resident2)); // changed before the start
    await live.waitFor(
      (e) => e.data?.meetingUpdated.rsvpCounts.maybe === 1 && e.data.meetingUpdated.rsvpCounts.notGoing === 0,
    );

    const publicView = ok(await api.gql(MEETING, { id })).meeting;
    expect(publicView).toMatchObject({
      rsvpCounts: { going: 1, maybe: 1, notGoing: 0 },
      attendees: null,
      assistedVotes: null,
    });
    expect(ok(await api.gql(MEETING, { id }, resident)).meeting).toMatchObject({
      viewerRsvp: 'GOING',
      attendees: null,
    });
    const govView = ok(await api.gql(MEETING, { id }, gov)).meeting;
    expect(
      (govView.attendees as Array<{ user: { id: string }; response: string }>).map((a) => [a.user.id, a.response]),
    ).toEqual([
      [residentId, 'GOING'],
      [resident2Id, 'MAYBE'],
    ]);

    // 3. No minutes before the start; once it has started, answers close and minutes go out.
    const minutes = 'Thirty residents came. The contractor explained the repair; the maintenance fund was agreed.';
    expect(codes(await api.gql(MINUTES, { id, m: minutes }, gov))).toEqual(['CONFLICT']);
    await sleep(Math.max(0, startsAt.getTime() - Date.now()) + 300);
    expect(codes(await api.gql(RSVP, { id, r: 'GOING' }, resident2))).toEqual(['CONFLICT']);
    expect(codes(await api.gql(MINUTES, { id, m: minutes }, resident))).toEqual(['FORBIDDEN']);
    expect(ok(await api.gql(MINUTES, { id, m: minutes }, gov)).publishMeetingMinutes).toMatchObject({
      status: 'HELD',
      minutes,
    });
    await live.waitFor((e) => e.data?.meetingUpdated.status === 'HELD');
    expect(await notified(resident, 'MEETING_MINUTES_PUBLISHED', id)).toBe(true);
    expect(await notified(resident2, 'MEETING_MINUTES_PUBLISHED', id)).toBe(true);
    expect(await notified(paperResident.token, 'MEETING_MINUTES_PUBLISHED', id)).toBe(false);

    // 4. Paper votes and feedback, entered by the fund's side for named residents.
    const before = ok(await api.gql(PROPOSAL, { id: liftProposalId }, resident2)).proposal;
    expect(before.viewerVote).toBe('SUPPORT'); // from the seed
    expect(
      codes(
        await api.gql(ASSISTED_VOTE, { input: { meetingId: id, residentId: resident2Id, choice: 'OPPOSE' } }, resident),
      ),
    ).toEqual(['FORBIDDEN']);
    const vote = ok(
      await api.gql(ASSISTED_VOTE, { input: { meetingId: id, residentId: resident2Id, choice: 'OPPOSE' } }, gov),
    ).recordAssistedVote;
    expect(vote).toEqual({
      choice: 'OPPOSE',
      assisted: true,
      resident: { id: resident2Id },
      recordedBy: { id: govId },
    });
    // Counted once: resident2's vote changed, it was not added.
    const after = ok(await api.gql(PROPOSAL, { id: liftProposalId }, resident2)).proposal;
    expect(after.votes).toEqual({ support: before.votes.support - 1, oppose: before.votes.oppose + 1 });
    expect(after.viewerVote).toBe('OPPOSE');

    const body = 'Written on paper: please keep the stairwell lights on while the lift is repaired.';
    const feedback = ok(
      await api.gql(ASSISTED_FEEDBACK, { input: { meetingId: id, residentId: paperResident.user.id, body } }, admin),
    ).recordAssistedFeedback;
    expect(feedback).toMatchObject({
      assisted: true,
      author: { id: paperResident.user.id },
      proposal: { id: liftProposalId },
    });
    await live.waitFor((e) => e.data?.meetingUpdated.assistedEntries === 2);

    // They show up marked as assisted: to the resident as their own, to the fund's side with who entered them.
    const mine = ok(await api.gql(MY_FEEDBACK, { f: fundId }, paperResident.token)).feedback;
    expect(mine).toContainEqual({ id: feedback.id, body, assisted: true, author: { id: paperResident.user.id } });
    const sideView = ok(await api.gql(MEETING, { id }, admin)).meeting;
    expect(sideView.assistedEntries).toBe(2);
    expect(sideView.assistedVotes).toEqual([
      { choice: 'OPPOSE', assisted: true, resident: { id: resident2Id }, recordedBy: { id: govId } },
    ]);
    expect(sideView.assistedFeedback).toEqual([
      {
        id: feedback.id,
        body,
        assisted: true,
        author: { id: paperResident.user.id },
        recordedBy: { id: await idOf(admin) },
      },
    ]);
    const outsider = ok(await api.gql(MEETING, { id }, resident)).meeting;
    expect(outsider).toMatchObject({
      assistedEntries: 2,
      assistedVotes: null,
      assistedFeedback: null,
      attendees: null,
    });
  });
});
