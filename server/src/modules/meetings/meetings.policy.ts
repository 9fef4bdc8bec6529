import { MEETING_TRANSITIONS, MeetingStatus } from '@commonweal/shared';
import { isFundSide, isParticipant } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import type { Actor } from '../users/actor.js';
import type { Meeting } from './meeting.entity.js';

/**
 * Who may do what to a meeting, written once: the service enforces these and
 * `Meeting.viewerCan` exposes them. Meetings are public; who answered an
 * RSVP is seen only by the fund's side (the counts are public).
 */
export const meetingMachine = defineMachine({
  name: 'meeting',
  table: MEETING_TRANSITIONS,
  who: {
    publishMinutes: (actor) => isFundSide(actor),
    cancel: (actor) => isFundSide(actor),
  },
});

export const hasStarted = (m: Meeting, now = new Date()): boolean => now >= m.startsAt;

export function canSchedule(actor: Actor | null): boolean {
  return isFundSide(actor);
}

/** Names of those who answered, and the assisted entries, are for the fund's side only. */
export function canSeeAttendees(actor: Actor | null): boolean {
  return isFundSide(actor);
}

/** Any participant answers, and may change the answer, until the meeting starts. */
export function canRsvp(actor: Actor | null, m: Meeting, now = new Date()): boolean {
  return isParticipant(actor) && m.status === MeetingStatus.SCHEDULED && !hasStarted(m, now);
}

export function canCancel(actor: Actor | null, m: Meeting): boolean {
  return meetingMachine.may(actor, m, 'cancel');
}

/** Minutes once the meeting has started; published minutes may be corrected (HELD -> HELD). */
export function canPublishMinutes(actor: Actor | null, m: Meeting, now = new Date()): boolean {
  return meetingMachine.may(actor, m, 'publishMinutes') && hasStarted(m, now);
}

/** Paper votes and feedback are entered once the meeting has started, unless it was cancelled. */
export function canRecordAssisted(actor: Actor | null, m: Meeting, now = new Date()): boolean {
  return isFundSide(actor) && m.status !== MeetingStatus.CANCELLED && hasStarted(m, now);
}
