import { FeedbackStatus, Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notImplemented } from '../../graphql/errors.js';
import { assertId } from '../shared/ids.js';
import { PARTICIPANT } from '../users/actor.js';
import { Feedback } from './feedback.type.js';
import { SubmitFeedbackInput } from './feedback.inputs.js';

/** The contract's feedback loop; the feedback issue implements it. */
@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => [Feedback])
  feedback(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => FeedbackStatus, { nullable: true }) _status: FeedbackStatus | null,
  ): Feedback[] {
    assertId(fundId, 'fundId');
    return [];
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Feedback)
  submitFeedback(@Arg('input', () => SubmitFeedbackInput) _input: SubmitFeedbackInput): Feedback {
    throw notImplemented('Feedback');
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Feedback)
  respondToFeedback(
    @Arg('feedbackId', () => ID) _id: string,
    @Arg('status', () => FeedbackStatus) _status: FeedbackStatus,
    @Arg('response') _response: string,
  ): Feedback {
    throw notImplemented('Feedback');
  }
}
