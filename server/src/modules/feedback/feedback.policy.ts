import { FEEDBACK_TRANSITIONS, FeedbackStatus, type FeedbackAction } from '@commonweal/shared';
import { isFundSide } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import type { Actor } from '../users/actor.js';
import type { Feedback } from './feedback.entity.js';

/** Answered feedback is public; before an answer only its author and the fund's side read it. */
export function canViewFeedback(actor: Actor | null, f: Feedback): boolean {
  return f.status !== FeedbackStatus.RECEIVED || actor?.user.id === f.authorId || isFundSide(actor);
}

const fundSide = (actor: Actor) => isFundSide(actor);

export const feedbackMachine = defineMachine<FeedbackStatus, FeedbackAction, Feedback>({
  name: 'feedback',
  table: FEEDBACK_TRANSITIONS,
  who: { acknowledge: fundSide, address: fundSide, decline: fundSide },
});
