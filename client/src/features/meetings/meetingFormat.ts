import { LIMITS } from '@commonweal/shared';

/** Form limits, from the same table the server validates with. The cancellation reason borrows the moderation reason's bounds, as the server does. */
export const MEETING_LIMITS = {
  title: LIMITS.meetingTitle,
  description: LIMITS.meetingDescription,
  location: LIMITS.meetingLocation,
  minutes: LIMITS.meetingMinutes,
  cancelReason: LIMITS.meetingCancelReason,
  feedback: LIMITS.feedbackBody,
} as const;

const WHEN: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** "Tue, 3 Jun 2025, 14:00 – 16:00" in the reader's language; the start alone without an end. */
export function meetingTime(startsAt: string, endsAt: string | null | undefined, language: string): string {
  const format = new Intl.DateTimeFormat(language, WHEN);
  const start = new Date(startsAt);
  return endsAt ? format.formatRange(start, new Date(endsAt)) : format.format(start);
}

/** yyyy-mm-ddThh:mm in local time, for <input type="datetime-local">. */
export function toDateTimeLocalValue(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO instant of a datetime-local value (read in local time); null when empty or unreadable. */
export function fromDateTimeLocalValue(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
