import type { RsvpResponse, VoteChoice } from '@commonweal/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Feedback } from '../feedback/feedback.entity.js';
import { groupByKey, idLoader } from '../shared/loader-utils.js';
import type { Actor } from '../users/actor.js';
import { Meeting } from './meeting.entity.js';
import { AssistedVote, MeetingAttendee, type MeetingRsvpCounts } from './meeting.type.js';

/** Meetings are public; the resolvers hand attendees and assisted votes to the fund's side only (meetings.policy.ts). */
export function createMeetingLoaders(ds: DataSource, viewer: Actor | null) {
  return {
    byId: idLoader((ids) => ds.getRepository(Meeting).findBy({ id: In(ids) })),
    /** Each proposal's meetings, soonest first. */
    byProposalId: new DataLoader<string, Meeting[]>(async (ids) =>
      groupByKey(
        ids,
        await ds.getRepository(Meeting).find({
          where: { proposalId: In([...ids]) },
          order: { startsAt: 'ASC', id: 'ASC' },
        }),
        (m) => m.proposalId,
      ),
    ),
    rsvpCounts: new DataLoader<string, MeetingRsvpCounts>(async (ids) => {
      const rows: Array<{ meeting_id: string; going: string; maybe: string; not_going: string }> = await ds.query(
        `SELECT meeting_id,
                count(*) FILTER (WHERE response = 'GOING') AS going,
                count(*) FILTER (WHERE response = 'MAYBE') AS maybe,
                count(*) FILTER (WHERE response = 'NOT_GOING') AS not_going
           FROM meeting_rsvps WHERE meeting_id = ANY($1) GROUP BY meeting_id`,
        [ids],
      );
      const map = new Map(
        rows.map((r) => [
          r.meeting_id,
          { going: Number(r.going), maybe: Number(r.maybe), notGoing: Number(r.not_going) },
        ]),
      );
      return ids.map((id) => map.get(id) ?? { going: 0, maybe: 0, notGoing: 0 });
    }),
    /** The viewer's own answer to each meeting (null without a query for anonymous viewers). */
    viewerRsvp: new DataLoader<string, RsvpResponse | null>(async (ids) => {
      if (!viewer) return ids.map(() => null);
      const rows: Array<{ meeting_id: string; response: RsvpResponse }> = await ds.query(
        'SELECT meeting_id, response FROM meeting_rsvps WHERE user_id = $1 AND meeting_id = ANY($2)',
        [viewer.user.id, ids],
      );
      const map = new Map(rows.map((r) => [r.meeting_id, r.response]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Every answer to each meeting, GOING first, then by when given. */
    attendees: new DataLoader<string, MeetingAttendee[]>(async (ids) => {
      const rows: Array<{ meeting_id: string; user_id: string; response: RsvpResponse; updated_at: Date }> =
        await ds.query(
          `SELECT meeting_id, user_id, response, updated_at FROM meeting_rsvps WHERE meeting_id = ANY($1)
           ORDER BY array_position(ARRAY['GOING','MAYBE','NOT_GOING']::varchar[], response), updated_at, user_id`,
          [ids],
        );
      const attendees = rows.map((r) => ({
        meetingId: r.meeting_id,
        value: Object.assign(new MeetingAttendee(), {
          userId: r.user_id,
          response: r.response,
          respondedAt: r.updated_at,
        }),
      }));
      return groupByKey(ids, attendees, (a) => a.meetingId).map((list) => list.map((a) => a.value));
    }),
    /** Votes and feedback items entered on residents' behalf at each meeting. */
    assistedCount: new DataLoader<string, number>(async (ids) => {
      const rows: Array<{ meeting_id: string; n: string }> = await ds.query(
        `SELECT meeting_id, count(*) AS n FROM (
           SELECT meeting_id FROM votes WHERE meeting_id = ANY($1)
           UNION ALL SELECT meeting_id FROM feedback WHERE meeting_id = ANY($1)
         ) entries GROUP BY meeting_id`,
        [ids],
      );
      const map = new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
    /** Feedback entered on residents' behalf at each meeting, oldest first. */
    assistedFeedback: new DataLoader<string, Feedback[]>(async (ids) =>
      groupByKey(
        ids,
        await ds.getRepository(Feedback).find({
          where: { meetingId: In([...ids]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
        (f) => f.meetingId,
      ),
    ),
    /** Votes entered on residents' behalf at each meeting (still standing: a resident's own re-vote replaces them). */
    assistedVotes: new DataLoader<string, AssistedVote[]>(async (ids) => {
      const rows: Array<{
        meeting_id: string;
        proposal_id: string;
        user_id: string;
        choice: VoteChoice;
        recorded_by: string;
        updated_at: Date;
      }> = await ds.query(
        `SELECT meeting_id, proposal_id, user_id, choice, recorded_by, updated_at FROM votes
          WHERE meeting_id = ANY($1) AND recorded_by IS NOT NULL ORDER BY updated_at, user_id`,
        [ids],
      );
      const votes = rows.map((r) =>
        Object.assign(new AssistedVote(), {
          meetingId: r.meeting_id,
          proposalId: r.proposal_id,
          residentId: r.user_id,
          choice: r.choice,
          recordedById: r.recorded_by,
          recordedAt: r.updated_at,
        }),
      );
      return groupByKey(ids, votes, (v) => v.meetingId);
    }),
  };
}
