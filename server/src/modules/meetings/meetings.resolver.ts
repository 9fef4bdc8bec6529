import { Role, RsvpResponse } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type MeetingUpdatedEvent } from '../../graphql/pubsub.js';
import { Feedback } from '../feedback/feedback.entity.js';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId, assertOptionalId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Meeting } from './meeting.entity.js';
import { AssistedVote, MeetingAttendee, MeetingRsvpCounts, MeetingViewerCan } from './meeting.type.js';
import { RecordAssistedFeedbackInput, RecordAssistedVoteInput, ScheduleMeetingInput } from './meetings.inputs.js';
import { canCancel, canPublishMinutes, canRecordAssisted, canRsvp, canSeeAttendees } from './meetings.policy.js';

@Resolver(() => Meeting)
export class MeetingsResolver {
  @Query(() => [Meeting], {
    description:
      'A fund’s meetings. upcoming: true = not yet over (by endsAt, else startsAt), soonest first; false = over, latest first; omitted = all, soonest first.',
  })
  async meetings(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('proposalId', () => ID, { nullable: true }) proposalId: string | null,
    @Arg('upcoming', () => Boolean, { nullable: true }) upcoming: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Meeting[]> {
    const fund = assertId(fundId, 'fundId');
    const proposal = assertOptionalId(proposalId, 'proposalId');
    if (!(await ctx.loaders.funds.byId.load(fund))) throw notFound('Fund');
    return ctx.services.meetings.list({ fundId: fund, proposalId: proposal, upcoming });
  }

  @Query(() => Meeting, { nullable: true })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Meeting | null> {
    return ctx.loaders.meetings.byId.load(assertId(id, 'id'));
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Meeting, {
    description: 'GOVERNMENT or FUND_ADMIN, starting in the future; followers of the linked proposal are notified.',
  })
  scheduleMeeting(
    @Arg('input', () => ScheduleMeetingInput) input: ScheduleMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return ctx.services.meetings.schedule(ctx.viewer!, input);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Meeting, { description: 'GOVERNMENT or FUND_ADMIN, while SCHEDULED.' })
  cancelMeeting(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return ctx.services.meetings.cancel(ctx.viewer!, assertId(meetingId, 'meetingId'), reason);
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Meeting, {
    description: 'Any participant, until the meeting starts; answering again changes the answer.',
  })
  rsvpMeeting(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('response', () => RsvpResponse) response: RsvpResponse,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return ctx.services.meetings.rsvp(ctx.viewer!, assertId(meetingId, 'meetingId'), response);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Meeting, {
    description:
      'GOVERNMENT or FUND_ADMIN, once the meeting has started: it becomes HELD and those who answered GOING or MAYBE are notified. Publishing again corrects the minutes.',
  })
  publishMeetingMinutes(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('minutes') minutes: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return ctx.services.meetings.publishMinutes(ctx.viewer!, assertId(meetingId, 'meetingId'), minutes);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => AssistedVote, {
    description:
      'GOVERNMENT or FUND_ADMIN: a vote collected on paper at a started, not cancelled meeting, on its proposal, as the resident’s own vote, marked as assisted.',
  })
  recordAssistedVote(
    @Arg('input', () => RecordAssistedVoteInput) input: RecordAssistedVoteInput,
    @Ctx() ctx: Context,
  ): Promise<AssistedVote> {
    return ctx.services.meetings.recordAssistedVote(ctx.viewer!, {
      meetingId: input.meetingId.toLowerCase(),
      residentId: input.residentId.toLowerCase(),
      choice: input.choice,
    });
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Feedback, {
    description:
      'GOVERNMENT or FUND_ADMIN: feedback collected on paper at a started, not cancelled meeting, on its fund and proposal, as the resident’s own, marked as assisted.',
  })
  recordAssistedFeedback(
    @Arg('input', () => RecordAssistedFeedbackInput) input: RecordAssistedFeedbackInput,
    @Ctx() ctx: Context,
  ): Promise<Feedback> {
    return ctx.services.meetings.recordAssistedFeedback(ctx.viewer!, {
      meetingId: input.meetingId.toLowerCase(),
      residentId: input.residentId.toLowerCase(),
      body: input.body,
    });
  }

  @Subscription(() => Meeting, {
    description: 'The meeting after every change: answers, cancellation, minutes, assisted entries.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { meetingId: string }, Context>) => {
      const meetingId = assertId(args.meetingId, 'meetingId');
      if (!(await context.loaders.meetings.byId.load(meetingId))) throw notFound('Meeting');
      return context.subscribe(Topic.MeetingUpdated, meetingId);
    },
  })
  meetingUpdated(
    @Root() event: MeetingUpdatedEvent,
    @Arg('meetingId', () => ID) _meetingId: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    ctx.renewLoaders(event);
    return required(ctx.loaders.meetings.byId.load(event.meetingId), 'Meeting');
  }

  @FieldResolver(() => Fund)
  fund(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(meeting.fundId), 'Fund');
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'The proposal discussed, if any.' })
  proposal(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return meeting.proposalId ? ctx.loaders.proposals.byId.load(meeting.proposalId) : null;
  }

  @FieldResolver(() => User, { description: 'Who scheduled it (the fund’s side).' })
  createdBy(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(meeting.createdById), 'User');
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who published the minutes.' })
  minutesPublishedBy(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<User | null> | null {
    return meeting.minutesById ? ctx.loaders.users.byId.load(meeting.minutesById) : null;
  }

  @FieldResolver(() => MeetingRsvpCounts, { description: 'Answers counted: public.' })
  rsvpCounts(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingRsvpCounts> {
    return ctx.loaders.meetings.rsvpCounts.load(meeting.id);
  }

  @FieldResolver(() => RsvpResponse, { nullable: true, description: 'The viewer’s own answer.' })
  viewerRsvp(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<RsvpResponse | null> {
    return ctx.loaders.meetings.viewerRsvp.load(meeting.id);
  }

  @FieldResolver(() => [MeetingAttendee], {
    nullable: true,
    description: 'Who answered and how: the fund’s side only (null for everyone else).',
  })
  attendees(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingAttendee[]> | null {
    return canSeeAttendees(ctx.viewer) ? ctx.loaders.meetings.attendees.load(meeting.id) : null;
  }

  @FieldResolver(() => Int, { description: 'Votes and feedback items entered on residents’ behalf at this meeting.' })
  assistedEntries(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.meetings.assistedCount.load(meeting.id);
  }

  @FieldResolver(() => [AssistedVote], {
    nullable: true,
    description:
      'The votes entered on residents’ behalf at this meeting: the fund’s side only (null for everyone else).',
  })
  assistedVotes(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<AssistedVote[]> | null {
    return canSeeAttendees(ctx.viewer) ? ctx.loaders.meetings.assistedVotes.load(meeting.id) : null;
  }

  @FieldResolver(() => [Feedback], {
    nullable: true,
    description:
      'The feedback entered on residents’ behalf at this meeting: the fund’s side only (null for everyone else).',
  })
  assistedFeedback(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Feedback[]> | null {
    return canSeeAttendees(ctx.viewer) ? ctx.loaders.meetings.assistedFeedback.load(meeting.id) : null;
  }

  @FieldResolver(() => MeetingViewerCan)
  viewerCan(@Root() meeting: Meeting, @Ctx() ctx: Context): MeetingViewerCan {
    const now = new Date();
    return {
      rsvp: canRsvp(ctx.viewer, meeting, now),
      cancel: canCancel(ctx.viewer, meeting),
      publishMinutes: canPublishMinutes(ctx.viewer, meeting, now),
      recordAssisted: canRecordAssisted(ctx.viewer, meeting, now),
      seeAttendees: canSeeAttendees(ctx.viewer),
    };
  }
}

@Resolver(() => MeetingAttendee)
export class MeetingAttendeeResolver {
  @FieldResolver(() => User)
  user(@Root() attendee: MeetingAttendee, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(attendee.userId), 'User');
  }
}

@Resolver(() => AssistedVote)
export class AssistedVoteResolver {
  @FieldResolver(() => Meeting)
  meeting(@Root() vote: AssistedVote, @Ctx() ctx: Context): Promise<Meeting> {
    return required(ctx.loaders.meetings.byId.load(vote.meetingId), 'Meeting');
  }

  @FieldResolver(() => Proposal)
  proposal(@Root() vote: AssistedVote, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(vote.proposalId), 'Proposal');
  }

  @FieldResolver(() => User, { description: 'The resident whose vote it is.' })
  resident(@Root() vote: AssistedVote, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(vote.residentId), 'User');
  }

  @FieldResolver(() => User, { description: 'Who entered it from the paper form.' })
  recordedBy(@Root() vote: AssistedVote, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(vote.recordedById), 'User');
  }
}

/** Proposal.meetings, kept in this feature. */
@Resolver(() => Proposal)
export class ProposalMeetingsResolver {
  @FieldResolver(() => [Meeting], { description: 'Meetings on this proposal, soonest first.' })
  meetings(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<Meeting[]> {
    return ctx.loaders.meetings.byProposalId.load(proposal.id);
  }
}
