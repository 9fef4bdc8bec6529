import { FEEDBACK_TRANSITIONS, FeedbackStatus } from '@commonweal/shared';
import type { FeedbackStatus as FeedbackStatusValue } from '../../../gql/graphql';

/** The statuses in the order an item moves through them. */
export const FEEDBACK_STATUSES: readonly FeedbackStatusValue[] = [
  FeedbackStatus.RECEIVED,
  FeedbackStatus.ACKNOWLEDGED,
  FeedbackStatus.ADDRESSED,
  FeedbackStatus.DECLINED,
];

export function isFeedbackStatus(value: string): value is FeedbackStatusValue {
  return (FEEDBACK_STATUSES as readonly string[]).includes(value);
}

/** The statuses the fund's side may answer an item in `status` with (the shared life cycle). */
export function nextFeedbackStatuses(status: FeedbackStatusValue): FeedbackStatusValue[] {
  return FEEDBACK_TRANSITIONS.filter((tr) => (tr.from as readonly string[]).includes(status)).map((tr) => tr.to);
}
