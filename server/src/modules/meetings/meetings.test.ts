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
import { follow } from '../notifications/notify.js';

type U = TestUser;

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { id kind title description location startsAt endsAt status proposal { id } fund { id } createdBy { id } }
}`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(meetingId: $id, reason: $reason) { id status cancelReason cancelledAt } }`;
const RSVP = `mutation($id: ID!, $r: RsvpResponse!) { rsvpMeeting(meetingId: $id, response: $r) { id viewerRsvp rsvpCounts { going maybe notGoing } } }`;
const MINUTES = `mutation($id: ID!, $m: String!) { publishMeetingMinutes(meetingId: $id, minutes: $m) { id status minutes minutesPublishedAt minutesPublishedBy { id } } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) {
  id status minutes viewerRsvp rsvpCounts { going maybe notGoing }
  attendees { user { id displayName } response respondedAt }
  assistedEntries assistedVotes { choice resident { id } recordedBy { id } proposal { id } meeting { id } }
  viewerCan { rsvp cancel publishMinutes recordAssisted seeAttendees }
} }`;
const MEETINGS = `query($f: ID!, $p: ID, $u: Boolean) { meetings(fundId: $f, proposalId: $p, upcoming: $u) { id title } }`;
const PROPOSAL_MEETINGS = `query($id: ID!) { proposal(id: $id) { id meetings { id title } } }`;
const ASSISTED_VOTE = `mutation($input: RecordAssistedVoteInput!) {
  recordAssistedVote(input: $input) { choice assisted resident { id } recordedBy { id } proposal { id votes { support oppose } } meeting { id assistedEntries } }
}`;
const TALLY = `query($id: ID!) { proposal(id: $id) { votes { support oppose } viewerVote } }`;
const ASSISTED_FEEDBACK = `mutation($input: RecordAssistedFeedbackInput!) {
  recordAssistedFeedback(input: $input) { id body status assisted meetingId author { id } recordedBy { id } proposal { id } fund { id } }
}`;
const MEETING_FEEDBACK = `query($id: ID!) { meeting(id: $id) { assistedEntries assistedFeedback { id author { id } assisted } } }`;
const MY_FEEDBACK = `query($f: ID!) { feedback(fundId: $f, mine: true) { id body assisted recordedBy { id } author { id } } }`;
const UPDATED = `subscription($id: ID!) { meetingUpdated(meetingId: $id) { id status rsvpCounts { going maybe notGoing } minutes attendees { user { id } } } }`;

const HOUR = 3_600_000;

describe('consultation meetings', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let otherFundId: string;
  let admin: U;
  let gov: U;
  let resident: U;
  let resident2: U;
  let resident3: U;
  let ngo: U;
  let enterprise: U;
  let pendingGov: U;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    otherFundId = (await f.fund()).fund.id;
    [admin, gov, resident, resident2, resident3, ngo, enterprise] = await f.users(
      Role.FUND_ADMIN,
      Role.GOVERNMENT,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.RESIDENT,
      Role.SOCIAL_ORGANIZATION,
      Role.ENTERPRISE,
    );
    pendingGov = await f.user(Role.GOVERNMENT, { membership: MembershipStatus.PENDING });
  });
  afterAll(() => h.close());

  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => h.db.dataSource.query(text, params);
  const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const input = (overrides: Record<string, unknown> = {}) => ({
    fundId,
    kind: 'PUBLIC_CONSULTATION',
    title: 'Lift repair consultation',
    description: 'Bring your questions about the lift.',
    location: 'Community hall, 2nd floor',
    startsAt: inHours(24),
    endsAt: inHours(26),
    ...overrides,
  });
  const consultation = () =>
    seedProposal(h, {
      fundId,
      authorId: ngo.user.id,
      status: ProposalStatus.CONSULTATION,
      consultationEndsAt: new Date(Date.now() + 7 * 24 * HOUR),
    });
  const schedule = async (overrides: Record<string, unknown> = {}, by: U = admin) => {
    const res = await h.gql<any>(SCHEDULE, { input: input(overrides) }, by.token);
    expect(res.errors).toBeUndefined();
    return res.data.scheduleMeeting as { id: string; status: string };
  };
  /** Moves a meeting's start (and end) into the past, as if time had passed. */
  const start = (meetingId: string, hoursAgo = 1) =>
    sql(`UPDATE meetings SET starts_at = now() - $2 * interval '1 hour', ends_at = NULL WHERE id = $1`, [
      meetingId,
      hoursAgo,
    ]);
  const meeting = async (id: string, who: U | null = null) => {
    const res = await h.gql<any>(MEETING, { id }, who?.token);
    expect(res.errors).toBeUndefined();
    return res.data.meeting;
  };
  const notifications = (kind: string, subjectId: string) =>
    sql<{ user_id: string }>(`SELECT user_id FROM notifications WHERE kind = $1 AND subject_id = $2 ORDER BY user_id`, [
      kind,
      subjectId,
    ]).then((rows) => rows.map((r) => r.user_id));

  describe('scheduling', () => {
    it('lets GOVERNMENT and FUND_ADMIN schedule, nobody else', async () => {
      expect(errorCode(await h.gql(SCHEDULE, { input: input() }))).toBe('UNAUTHENTICATED');
      for (const who of [resident, ngo, enterprise, pendingGov]) {
        expect(errorCode(await h.gql(SCHEDULE, { input: input() }, who.token))).toBe('FORBIDDEN');
      }
      const byAdmin = await h.gql<any>(SCHEDULE, { input: input() }, admin.token);
      expect(byAdmin.data.scheduleMeeting).toMatchObject({
        kind: 'PUBLIC_CONSULTATION',
        title: 'Lift repair consultation',
        location: 'Community hall, 2nd floor',
        status: 'SCHEDULED',
        proposal: null,
        fund: { id: fundId },
        createdBy: { id: admin.user.id },
      });
      const byGov = await h.gql<any>(SCHEDULE, { input: input({ kind: 'SYMPOSIUM', endsAt: null }) }, gov.token);
      expect(byGov.data.scheduleMeeting).toMatchObject({ kind: 'SYMPOSIUM', endsAt: null, status: 'SCHEDULED' });
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const before = (await sql<{ n: string }>('SELECT count(*) AS n FROM meetings'))[0]?.n;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ title: 'ab' }, 'title'],
        [{ title: '     ' }, 'title'],
        [{ title: 'x'.repeat(121) }, 'title'],
        [{ location: 'x' }, 'location'],
        [{ description: 'x'.repeat(2001) }, 'description'],
        [{ startsAt: new Date(Date.now() - 60_000).toISOString() }, 'startsAt'],
        [{ startsAt: inHours(24 * 400), endsAt: null }, 'startsAt'],
        [{ endsAt: inHours(23) }, 'endsAt'],
        [{ fundId: 'nope' }, 'fundId'],
      ];
      for (const [overrides, field] of cases) {
        const res = await h.gql(SCHEDULE, { input: input(overrides) }, admin.token);
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.extensions?.field).toBe(field);
      }
      expect(errorCode(await h.gql(SCHEDULE, { input: input({ kind: 'PARTY' }) }, admin.token))).toBe('BAD_USER_INPUT');
      const after = (await sql<{ n: string }>('SELECT count(*) AS n FROM meetings'))[0]?.n;
      expect(after).toBe(before);
    });

    it('links only a visible, non-draft proposal of the same fund', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(errorCode(await h.gql(SCHEDULE, { input: input({ fundId: unknown }) }, admin.token))).toBe('NOT_FOUND');
      expect(errorCode(await h.gql(SCHEDULE, { input: input({ proposalId: unknown }) }, admin.token))).toBe(
        'NOT_FOUND',
      );
      const elsewhere = await seedProposal(h, {
        fundId: otherFundId,
        authorId: ngo.user.id,
        status: ProposalStatus.CONSULTATION,
      });
      const wrongFund = await h.gql(SCHEDULE, { input: input({ proposalId: elsewhere.id }) }, admin.token);
      expect(errorCode(wrongFund)).toBe('BAD_USER_INPUT');
      expect(wrongFund.errors?.[0]?.extensions?.field).toBe('proposalId');
      const draft = await seedProposal(h, { fundId, authorId: ngo.user.id, status: ProposalStatus.DRAFT });
      // GOVERNMENT cannot see someone's draft at all; FUND_ADMIN can, but a draft has no meetings.
      expect(errorCode(await h.gql(SCHEDULE, { input: input({ proposalId: draft.id }) }, gov.token))).toBe('NOT_FOUND');
      expect(errorCode(await h.gql(SCHEDULE, { input: input({ proposalId: draft.id }) }, admin.token))).toBe(
        'CONFLICT',
      );
    });

    it("notifies the proposal's followers (not the scheduler) with MEETING_SCHEDULED", async () => {
      const p = await consultation();
      const em = h.db.dataSource.manager;
      for (const who of [resident, resident2, admin]) await follow(em, who.user.id, p.id);
      const m = await schedule({ proposalId: p.id });
      const expected = [resident.user.id, resident2.user.id].sort();
      expect(await notifications('MEETING_SCHEDULED', m.id)).toEqual(expected);
      const [row] = await sql(
        `SELECT proposal_id, actor_id, title, status, excerpt FROM notifications WHERE subject_id = $1 LIMIT 1`,
        [m.id],
      );
      expect(row).toEqual({
        proposal_id: p.id,
        actor_id: admin.user.id,
        title: 'Lift repair consultation',
        status: 'SCHEDULED',
        excerpt: 'Community hall, 2nd floor',
      });
      // A meeting on no proposal tells nobody.
      const plain = await schedule();
      expect(await notifications('MEETING_SCHEDULED', plain.id)).toEqual([]);
    });
  });

  describe('RSVPs', () => {
    it('counts answers publicly, lets participants change theirs, and shows names only to the fund’s side', async () => {
      const m = await schedule();
      expect(errorCode(await h.gql(RSVP, { id: m.id, r: 'GOING' }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await h.gql(RSVP, { id: m.id, r: 'GOING' }, pendingGov.token))).toBe('FORBIDDEN');
      expect(errorCode(await h.gql(RSVP, { id: m.id, r: 'SOMETIMES' }, resident.token))).toBe('BAD_USER_INPUT');
      expect(errorCode(await h.gql(RSVP, { id: 'x', r: 'GOING' }, resident.token))).toBe('BAD_USER_INPUT');
      expect(
        errorCode(await h.gql(RSVP, { id: '00000000-0000-4000-8000-000000000000', r: 'GOING' }, resident.token)),
      ).toBe('NOT_FOUND');

      const first = await h.gql<any>(RSVP, { id: m.id, r: 'GOING' }, resident.token);
      expect(first.data.rsvpMeeting).toMatchObject({
        viewerRsvp: 'GOING',
        rsvpCounts: { going: 1, maybe: 0, notGoing: 0 },
      });
      // Changing the answer replaces it: still one answer from this resident.
      const changed = await h.gql<any>(RSVP, { id: m.id, r: 'MAYBE' }, resident.token);
      expect(changed.data.rsvpMeeting.rsvpCounts).toEqual({ going: 0, maybe: 1, notGoing: 0 });
      await h.gql(RSVP, { id: m.id, r: 'GOING' }, resident2.token);
      await h.gql(RSVP, { id: m.id, r: 'NOT_GOING' }, resident3.token);
      // Any participant, not only residents (documented in decision 006).
      expect((await h.gql<any>(RSVP, { id: m.id, r: 'GOING' }, ngo.token)).data.rsvpMeeting.viewerRsvp).toBe('GOING');

      const publicView = await meeting(m.id);
      expect(publicView).toMatchObject({
        rsvpCounts: { going: 2, maybe: 1, notGoing: 1 },
        viewerRsvp: null,
        attendees: null,
        assistedVotes: null,
        viewerCan: { rsvp: false, cancel: false, publishMinutes: false, recordAssisted: false, seeAttendees: false },
      });
      const residentView = await meeting(m.id, resident);
      expect(residentView).toMatchObject({
        viewerRsvp: 'MAYBE',
        attendees: null,
        viewerCan: { rsvp: true, cancel: false, seeAttendees: false },
      });
      expect((await meeting(m.id, enterprise)).attendees).toBeNull();
      for (const side of [admin, gov]) {
        const view = await meeting(m.id, side);
        expect(view.viewerCan).toMatchObject({ cancel: true, publishMinutes: false, seeAttendees: true });
        const attendees = view.attendees as Array<{ user: { id: string; displayName: string }; response: string }>;
        expect(attendees.map((a) => [a.user.id, a.response])).toEqual([
          [resident2.user.id, 'GOING'],
          [ngo.user.id, 'GOING'],
          [resident.user.id, 'MAYBE'],
          [resident3.user.id, 'NOT_GOING'],
        ]);
        expect(attendees[0]!.user.displayName).toBe(resident2.user.displayName);
      }
    });

    it('closes answers when the meeting starts, is cancelled or is held', async () => {
      const started = await schedule();
      await h.gql(RSVP, { id: started.id, r: 'GOING' }, resident.token);
      await start(started.id);
      expect(errorCode(await h.gql(RSVP, { id: started.id, r: 'NOT_GOING' }, resident.token))).toBe('CONFLICT');
      expect((await meeting(started.id, resident)).viewerCan.rsvp).toBe(false);

      const cancelled = await schedule();
      await h.gql(CANCEL, { id: cancelled.id, reason: 'The hall is flooded' }, admin.token);
      expect(errorCode(await h.gql(RSVP, { id: cancelled.id, r: 'GOING' }, resident.token))).toBe('CONFLICT');

      await h.gql(MINUTES, { id: started.id, m: 'Twelve residents came and discussed the lift.' }, admin.token);
      expect(errorCode(await h.gql(RSVP, { id: started.id, r: 'GOING' }, resident2.token))).toBe('CONFLICT');
      expect((await meeting(started.id, admin)).rsvpCounts).toEqual({ going: 1, maybe: 0, notGoing: 0 });
    });
  });

  describe('cancelling', () => {
    it('lets the fund’s side cancel a SCHEDULED meeting with a reason, once', async () => {
      const m = await schedule();
      expect(errorCode(await h.gql(CANCEL, { id: m.id, reason: 'No room' }))).toBe('UNAUTHENTICATED');
      for (const who of [resident, ngo, enterprise]) {
        expect(errorCode(await h.gql(CANCEL, { id: m.id, reason: 'No room' }, who.token))).toBe('FORBIDDEN');
      }
      const short = await h.gql(CANCEL, { id: m.id, reason: 'no' }, gov.token);
      expect(errorCode(short)).toBe('BAD_USER_INPUT');
      expect(short.errors?.[0]?.extensions?.field).toBe('reason');
      const done = await h.gql<any>(CANCEL, { id: m.id, reason: '  The hall is being repaired  ' }, gov.token);
      expect(done.data.cancelMeeting).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'The hall is being repaired',
      });
      expect(done.data.cancelMeeting.cancelledAt).toEqual(expect.any(String));
      expect(errorCode(await h.gql(CANCEL, { id: m.id, reason: 'Again, please' }, admin.token))).toBe('CONFLICT');
      await start(m.id);
      expect(
        errorCode(await h.gql(MINUTES, { id: m.id, m: 'Minutes of a meeting that never was.' }, admin.token)),
      ).toBe('CONFLICT');
      expect((await meeting(m.id, admin)).viewerCan).toMatchObject({
        cancel: false,
        publishMinutes: false,
        recordAssisted: false,
      });
    });

    it('cannot cancel a meeting already held', async () => {
      const m = await schedule();
      await start(m.id);
      await h.gql(MINUTES, { id: m.id, m: 'We met and agreed on the next steps.' }, admin.token);
      expect(errorCode(await h.gql(CANCEL, { id: m.id, reason: 'Too late now' }, admin.token))).toBe('CONFLICT');
    });
  });

  describe('minutes', () => {
    it('are published by the fund’s side after the start, and tell those who said GOING or MAYBE once', async () => {
      const p = await consultation();
      const m = await schedule({ proposalId: p.id });
      await h.gql(RSVP, { id: m.id, r: 'GOING' }, resident.token);
      await h.gql(RSVP, { id: m.id, r: 'MAYBE' }, resident2.token);
      await h.gql(RSVP, { id: m.id, r: 'NOT_GOING' }, resident3.token);
      await h.gql(RSVP, { id: m.id, r: 'GOING' }, gov.token);
      const text = 'Residents asked for the lift to be repaired before winter; the contractor will attend next time.';

      expect(errorCode(await h.gql(MINUTES, { id: m.id, m: text }, admin.token))).toBe('CONFLICT');
      await start(m.id);
      expect(errorCode(await h.gql(MINUTES, { id: m.id, m: text }))).toBe('UNAUTHENTICATED');
      for (const who of [resident, ngo]) {
        expect(errorCode(await h.gql(MINUTES, { id: m.id, m: text }, who.token))).toBe('FORBIDDEN');
      }
      const short = await h.gql(MINUTES, { id: m.id, m: 'too short' }, admin.token);
      expect(errorCode(short)).toBe('BAD_USER_INPUT');
      expect(short.errors?.[0]?.extensions?.field).toBe('minutes');
      expect((await meeting(m.id)).status).toBe('SCHEDULED');
      expect((await meeting(m.id, gov)).viewerCan.publishMinutes).toBe(true);

      const published = await h.gql<any>(MINUTES, { id: m.id, m: text }, gov.token);
      expect(published.data.publishMeetingMinutes).toMatchObject({
        status: 'HELD',
        minutes: text,
        minutesPublishedBy: { id: gov.user.id },
      });
      // GOING and MAYBE are told; NOT_GOING is not, nor the publisher who answered GOING.
      const told = await notifications('MEETING_MINUTES_PUBLISHED', m.id);
      expect(told).toEqual([resident.user.id, resident2.user.id].sort());
      const [row] = await sql(
        `SELECT proposal_id, status, actor_id FROM notifications WHERE subject_id = $1 AND kind = $2`,
        [m.id, 'MEETING_MINUTES_PUBLISHED'],
      );
      expect(row).toEqual({ proposal_id: p.id, status: 'HELD', actor_id: gov.user.id });

      // A correction keeps it HELD and tells nobody again.
      const corrected = await h.gql<any>(MINUTES, { id: m.id, m: `${text} Corrected.` }, admin.token);
      expect(corrected.data.publishMeetingMinutes).toMatchObject({ status: 'HELD', minutes: `${text} Corrected.` });
      expect(await notifications('MEETING_MINUTES_PUBLISHED', m.id)).toHaveLength(2);
      expect((await meeting(m.id)).minutes).toBe(`${text} Corrected.`);
    });
  });

  describe('listing', () => {
    it('lists a fund’s meetings upcoming soonest first, past latest first, and per proposal', async () => {
      const fund = (await f.fund()).fund.id;
      const p = await seedProposal(h, { fundId: fund, authorId: ngo.user.id, status: ProposalStatus.CONSULTATION });
      const later = await schedule({ fundId: fund, title: 'Later one', startsAt: inHours(48), endsAt: null });
      const sooner = await schedule({ fundId: fund, title: 'Sooner one', startsAt: inHours(2), endsAt: null });
      const onProposal = await schedule({ fundId: fund, title: 'On proposal', proposalId: p.id, startsAt: inHours(5) });
      const pastOld = await schedule({ fundId: fund, title: 'Long ago' });
      const pastRecent = await schedule({ fundId: fund, title: 'Recently' });
      await start(pastOld.id, 72);
      await start(pastRecent.id, 3);
      const ids = async (vars: Record<string, unknown>) => {
        const res = await h.gql<any>(MEETINGS, { f: fund, ...vars });
        expect(res.errors).toBeUndefined();
        return (res.data.meetings as Array<{ id: string }>).map((m) => m.id);
      };
      expect(await ids({ u: true })).toEqual([sooner.id, onProposal.id, later.id]);
      expect(await ids({ u: false })).toEqual([pastRecent.id, pastOld.id]);
      expect(await ids({})).toEqual([pastOld.id, pastRecent.id, sooner.id, onProposal.id, later.id]);
      expect(await ids({ p: p.id })).toEqual([onProposal.id]);
      const viaProposal = await h.gql<any>(PROPOSAL_MEETINGS, { id: p.id });
      expect(viaProposal.data.proposal.meetings.map((m: { id: string }) => m.id)).toEqual([onProposal.id]);
      expect(errorCode(await h.gql(MEETINGS, { f: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
      expect(errorCode(await h.gql(MEETINGS, { f: 'x' }))).toBe('BAD_USER_INPUT');
      expect((await h.gql<any>(MEETING, { id: '00000000-0000-4000-8000-000000000000' })).data.meeting).toBeNull();
    });
  });

  describe('live updates', () => {
    it('pushes the meeting with new counts to subscribers, names to the fund’s side only', async () => {
      const m = await schedule();
      const anon = subscribe(h.ws(), UPDATED, { id: m.id });
      const side = subscribe(h.ws(admin.token), UPDATED, { id: m.id });
      await new Promise((r) => setTimeout(r, 200));
      await h.gql(RSVP, { id: m.id, r: 'GOING' }, resident.token);
      const seen = await anon.next();
      expect(seen.data?.meetingUpdated).toMatchObject({
        rsvpCounts: { going: 1, maybe: 0, notGoing: 0 },
        attendees: null,
      });
      const sideSeen = await side.next();
      expect(sideSeen.data?.meetingUpdated.attendees).toEqual([{ user: { id: resident.user.id } }]);
      await h.gql(CANCEL, { id: m.id, reason: 'Speaker is ill' }, admin.token);
      expect((await anon.next()).data?.meetingUpdated.status).toBe('CANCELLED');
      const missing = subscribe(h.ws(), UPDATED, { id: '00000000-0000-4000-8000-000000000000' });
      const failed = await missing.next();
      expect(failed.errors?.[0]?.extensions?.code ?? failed.errors?.[0]?.message).toMatch(/NOT_FOUND|not found/);
    });
  });

  describe('assisted votes', () => {
    it('records a paper vote as the resident’s own, with who entered it, counted once', async () => {
      const p = await consultation();
      const m = await schedule({ proposalId: p.id });
      const vote = (choice: string, residentId = resident.user.id, meetingId = m.id, by: U = admin) =>
        h.gql<any>(ASSISTED_VOTE, { input: { meetingId, residentId, choice } }, by.token);

      expect(errorCode(await vote('SUPPORT'))).toBe('CONFLICT'); // not started yet
      await start(m.id);
      expect(
        errorCode(
          await h.gql(ASSISTED_VOTE, { input: { meetingId: m.id, residentId: resident.user.id, choice: 'SUPPORT' } }),
        ),
      ).toBe('UNAUTHENTICATED');
      for (const who of [resident, resident2, ngo])
        expect(errorCode(await vote('SUPPORT', resident.user.id, m.id, who))).toBe('FORBIDDEN');
      const notResident = await vote('SUPPORT', ngo.user.id);
      expect(errorCode(notResident)).toBe('BAD_USER_INPUT');
      expect(notResident.errors?.[0]?.extensions?.field).toBe('residentId');
      expect(errorCode(await vote('SUPPORT', '00000000-0000-4000-8000-000000000000'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await vote('MAYBE'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await vote('SUPPORT', resident.user.id, '00000000-0000-4000-8000-000000000000'))).toBe(
        'NOT_FOUND',
      );
      expect((await sql('SELECT 1 FROM votes WHERE proposal_id = $1', [p.id])).length).toBe(0);
      expect((await meeting(m.id, gov)).viewerCan.recordAssisted).toBe(true);

      const first = await vote('SUPPORT');
      expect(first.errors).toBeUndefined();
      expect(first.data.recordAssistedVote).toMatchObject({
        choice: 'SUPPORT',
        assisted: true,
        resident: { id: resident.user.id },
        recordedBy: { id: admin.user.id },
        proposal: { id: p.id, votes: { support: 1, oppose: 0 } },
        meeting: { id: m.id, assistedEntries: 1 },
      });
      const rows = await sql(`SELECT user_id, choice, recorded_by, meeting_id FROM votes WHERE proposal_id = $1`, [
        p.id,
      ]);
      expect(rows).toEqual([
        { user_id: resident.user.id, choice: 'SUPPORT', recorded_by: admin.user.id, meeting_id: m.id },
      ]);
      // It is the resident's vote: they see it as theirs.
      expect((await h.gql<any>(TALLY, { id: p.id }, resident.token)).data.proposal.viewerVote).toBe('SUPPORT');

      // A second paper vote for the same resident changes it, as a re-vote does.
      const second = await vote('OPPOSE', resident.user.id, m.id, gov);
      expect(second.data.recordAssistedVote.proposal.votes).toEqual({ support: 0, oppose: 1 });
      expect(second.data.recordAssistedVote.meeting.assistedEntries).toBe(1);
      await vote('SUPPORT', resident2.user.id);

      const sideView = await meeting(m.id, admin);
      expect(sideView.assistedEntries).toBe(2);
      expect(
        (sideView.assistedVotes as Array<{ choice: string; resident: { id: string }; recordedBy: { id: string } }>)
          .map((v) => [v.resident.id, v.choice, v.recordedBy.id])
          .sort(),
      ).toEqual(
        [
          [resident.user.id, 'OPPOSE', gov.user.id],
          [resident2.user.id, 'SUPPORT', admin.user.id],
        ].sort(),
      );
      const publicView = await meeting(m.id);
      expect(publicView.assistedEntries).toBe(2);
      expect(publicView.assistedVotes).toBeNull();
      expect((await meeting(m.id, resident)).assistedVotes).toBeNull();
    });

    it('needs a meeting on a proposal that was not cancelled', async () => {
      const plain = await schedule();
      await start(plain.id);
      const res = await h.gql(
        ASSISTED_VOTE,
        { input: { meetingId: plain.id, residentId: resident.user.id, choice: 'SUPPORT' } },
        admin.token,
      );
      expect(errorCode(res)).toBe('CONFLICT');

      const p = await consultation();
      const cancelled = await schedule({ proposalId: p.id });
      await h.gql(CANCEL, { id: cancelled.id, reason: 'Nobody could come' }, admin.token);
      await start(cancelled.id);
      const onCancelled = await h.gql(
        ASSISTED_VOTE,
        { input: { meetingId: cancelled.id, residentId: resident.user.id, choice: 'SUPPORT' } },
        admin.token,
      );
      expect(errorCode(onCancelled)).toBe('CONFLICT');
      expect((await sql('SELECT 1 FROM votes WHERE proposal_id = $1', [p.id])).length).toBe(0);
    });

    it('follows the proposal’s voting window: no paper votes after consultation ended', async () => {
      const p = await consultation();
      const m = await schedule({ proposalId: p.id });
      await start(m.id);
      await sql(`UPDATE proposals SET consultation_ends_at = now() - interval '1 minute' WHERE id = $1`, [p.id]);
      const res = await h.gql(
        ASSISTED_VOTE,
        { input: { meetingId: m.id, residentId: resident.user.id, choice: 'SUPPORT' } },
        admin.token,
      );
      expect(errorCode(res)).toBe('CONFLICT');
    });
  });

  describe('assisted feedback', () => {
    it('records paper feedback as the resident’s own, marked as assisted, on the meeting’s fund and proposal', async () => {
      const p = await consultation();
      const m = await schedule({ proposalId: p.id });
      const give = (body: string, residentId = resident.user.id, meetingId = m.id, by: U | null = admin) =>
        h.gql<any>(ASSISTED_FEEDBACK, { input: { meetingId, residentId, body } }, by?.token);
      const body = 'Please keep the lift working at night too.';

      expect(errorCode(await give(body))).toBe('CONFLICT'); // not started yet
      await start(m.id);
      expect(errorCode(await give(body, resident.user.id, m.id, null))).toBe('UNAUTHENTICATED');
      for (const who of [resident, ngo, enterprise]) {
        expect(errorCode(await give(body, resident.user.id, m.id, who))).toBe('FORBIDDEN');
      }
      const short = await give('no');
      expect(errorCode(short)).toBe('BAD_USER_INPUT');
      expect(short.errors?.[0]?.extensions?.field).toBe('body');
      const notResident = await give(body, gov.user.id);
      expect(errorCode(notResident)).toBe('BAD_USER_INPUT');
      expect(notResident.errors?.[0]?.extensions?.field).toBe('residentId');
      expect((await sql('SELECT 1 FROM feedback WHERE meeting_id = $1', [m.id])).length).toBe(0);

      const given = await give(body, resident.user.id, m.id, gov);
      expect(given.errors).toBeUndefined();
      expect(given.data.recordAssistedFeedback).toMatchObject({
        body,
        status: 'RECEIVED',
        assisted: true,
        meetingId: m.id,
        author: { id: resident.user.id },
        recordedBy: { id: gov.user.id },
        proposal: { id: p.id },
        fund: { id: fundId },
      });
      const [row] = await sql(`SELECT author_id, recorded_by, meeting_id FROM feedback WHERE id = $1`, [
        given.data.recordAssistedFeedback.id,
      ]);
      expect(row).toEqual({ author_id: resident.user.id, recorded_by: gov.user.id, meeting_id: m.id });

      // The resident finds it among their own, marked as assisted.
      const mine = await h.gql<any>(MY_FEEDBACK, { f: fundId }, resident.token);
      expect(mine.data.feedback).toContainEqual(
        expect.objectContaining({
          id: given.data.recordAssistedFeedback.id,
          assisted: true,
          author: { id: resident.user.id },
        }),
      );

      // Votes and feedback together make the meeting's assisted entries.
      await h.gql(
        ASSISTED_VOTE,
        { input: { meetingId: m.id, residentId: resident2.user.id, choice: 'SUPPORT' } },
        admin.token,
      );
      const sideView = await h.gql<any>(MEETING_FEEDBACK, { id: m.id }, admin.token);
      expect(sideView.data.meeting).toEqual({
        assistedEntries: 2,
        assistedFeedback: [
          { id: given.data.recordAssistedFeedback.id, author: { id: resident.user.id }, assisted: true },
        ],
      });
      const publicView = await h.gql<any>(MEETING_FEEDBACK, { id: m.id });
      expect(publicView.data.meeting).toEqual({ assistedEntries: 2, assistedFeedback: null });
    });

    it('takes fund-level feedback at a meeting on no proposal, but none at a cancelled meeting', async () => {
      const plain = await schedule();
      await start(plain.id);
      const res = await h.gql<any>(
        ASSISTED_FEEDBACK,
        { input: { meetingId: plain.id, residentId: resident3.user.id, body: 'More benches by the river, please.' } },
        admin.token,
      );
      expect(res.data.recordAssistedFeedback).toMatchObject({ proposal: null, assisted: true, meetingId: plain.id });

      const cancelled = await schedule();
      await h.gql(CANCEL, { id: cancelled.id, reason: 'Typhoon warning' }, admin.token);
      await start(cancelled.id);
      const refused = await h.gql(
        ASSISTED_FEEDBACK,
        {
          input: { meetingId: cancelled.id, residentId: resident3.user.id, body: 'More benches by the river, please.' },
        },
        admin.token,
      );
      expect(errorCode(refused)).toBe('CONFLICT');
      expect((await sql('SELECT 1 FROM feedback WHERE meeting_id = $1', [cancelled.id])).length).toBe(0);
    });
  });
});

describe('meeting lists are N+1 free', () => {
  const counter = new SqlCounter();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ sqlLogger: counter });
  });
  afterAll(() => h.close());

  it('answers a fund’s meetings with every field in the same number of statements, however many there are', async () => {
    const f = new Factory(h);
    const [admin, ...residents] = await f.users(Role.FUND_ADMIN, Role.RESIDENT, Role.RESIDENT, Role.RESIDENT);
    const LIST = `query($f: ID!) { meetings(fundId: $f) {
      id fund { id } proposal { id title meetings { id } } createdBy { displayName } minutesPublishedBy { id }
      rsvpCounts { going maybe notGoing } viewerRsvp assistedEntries
      attendees { user { displayName } response } assistedVotes { choice resident { id } }
      assistedFeedback { id author { id } }
      viewerCan { rsvp cancel publishMinutes recordAssisted seeAttendees }
    } }`;
    const measure = async (meetings: number) => {
      const fundId = (await f.fund()).fund.id;
      const p = await seedProposal(h, { fundId, authorId: admin.user.id, status: ProposalStatus.CONSULTATION });
      for (let i = 0; i < meetings; i++) {
        const res = await h.gql<any>(
          SCHEDULE,
          {
            input: {
              fundId,
              proposalId: i % 2 ? p.id : null,
              kind: 'SYMPOSIUM',
              title: `Meeting ${i}`,
              location: 'Hall',
              startsAt: new Date(Date.now() + (i + 1) * HOUR).toISOString(),
            },
          },
          admin.token,
        );
        for (const r of residents) await h.gql(RSVP, { id: res.data.scheduleMeeting.id, r: 'GOING' }, r.token);
      }
      const { result, count } = await counter.measure(() => h.gql<any>(LIST, { f: fundId }, admin.token));
      expect(result.errors).toBeUndefined();
      expect(result.data.meetings).toHaveLength(meetings);
      return count;
    };
    const few = await measure(2);
    const many = await measure(12);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(15);
  });
});
