import {
  LIMITS,
  MeetingStatus,
  NotificationKind,
  ProposalStatus,
  RsvpResponse,
  type MeetingKind,
  type VoteChoice,
} from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Feedback } from '../feedback/feedback.entity.js';
import type { FeedbackService } from '../feedback/feedback.service.js';
import { Fund } from '../funds/fund.entity.js';
import { notify, notifyFollowers } from '../notifications/notify.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import { inTransaction } from '../shared/transaction.js';
import { residentOf, type Actor } from '../users/actor.js';
import { Meeting } from './meeting.entity.js';
import { AssistedVote } from './meeting.type.js';
import { CANCEL_REASON } from './meetings.inputs.js';
import { canRecordAssisted, canSchedule, hasStarted, meetingMachine } from './meetings.policy.js';

export interface ScheduleMeetingData {
  fundId: string;
  proposalId?: string | null;
  kind: MeetingKind;
  title: string;
  description?: string | null;
  location: string;
  startsAt: Date;
  endsAt?: Date | null;
}

export interface MeetingFilter {
  fundId: string;
  proposalId?: string | null;
  /** true: not yet over (by endsAt, else startsAt), soonest first; false: over, latest first; null: all, soonest first. */
  upcoming?: boolean | null;
}

const DAY_MS = 86_400_000;

function assertTime(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, `${field} is not a valid time`);
}

function assertLength(field: string, text: string, limits: { min: number; max: number }): string {
  const trimmed = text.trim();
  if (trimmed.length < limits.min || text.length > limits.max) {
    throw badInput(field, `${field} must be ${limits.min} to ${limits.max} characters`);
  }
  return trimmed;
}

/**
 * Consultation meetings: scheduled by the fund's side, answered by
 * participants until they start, then cancelled or held (minutes published).
 * Votes and feedback collected on paper at a meeting are entered through the
 * proposals and feedback services, as the resident, marked as assisted.
 */
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
    private readonly feedback: FeedbackService,
  ) {}

  list(filter: MeetingFilter, now = new Date()): Promise<Meeting[]> {
    const qb = this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.fund_id = :fundId', { fundId: filter.fundId });
    if (filter.proposalId) qb.andWhere('m.proposal_id = :proposalId', { proposalId: filter.proposalId });
    if (filter.upcoming === true) qb.andWhere('COALESCE(m.ends_at, m.starts_at) > :now', { now });
    if (filter.upcoming === false) qb.andWhere('COALESCE(m.ends_at, m.starts_at) <= :now', { now });
    const order = filter.upcoming === false ? 'DESC' : 'ASC';
    return qb.orderBy('m.starts_at', order).addOrderBy('m.id', order).getMany();
  }

  /** GOVERNMENT or FUND_ADMIN schedules a meeting in the future; followers of its proposal are told. */
  schedule(actor: Actor, data: ScheduleMeetingData, now = new Date()): Promise<Meeting> {
    if (!canSchedule(actor)) throw forbidden("Only the fund's side schedules meetings");
    const title = assertLength('title', data.title, LIMITS.meetingTitle);
    const location = assertLength('location', data.location, LIMITS.meetingLocation);
    const description = data.description?.trim() || null;
    if (description && description.length > LIMITS.meetingDescription.max) {
      throw badInput('description', `description must be at most ${LIMITS.meetingDescription.max} characters`);
    }
    assertTime('startsAt', data.startsAt);
    if (data.startsAt <= now) throw badInput('startsAt', 'startsAt must be in the future');
    if (data.startsAt.getTime() - now.getTime() > LIMITS.windowDays.max * DAY_MS) {
      throw badInput('startsAt', `startsAt must be within ${LIMITS.windowDays.max} days`);
    }
    const endsAt = data.endsAt ?? null;
    if (endsAt) {
      assertTime('endsAt', endsAt);
      if (endsAt <= data.startsAt) throw badInput('endsAt', 'endsAt must be after startsAt');
    }
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      let proposalId: string | null = null;
      if (data.proposalId) {
        const proposal = await this.proposals.findVisible(em, actor, data.proposalId, 'pessimistic_read');
        if (proposal.fundId !== data.fundId) throw badInput('proposalId', 'The proposal belongs to another fund');
        if (proposal.status === ProposalStatus.DRAFT) throw conflict('A draft proposal cannot have meetings');
        proposalId = proposal.id;
      }
      const meeting = await em.save(
        em.create(Meeting, {
          fundId: data.fundId,
          proposalId,
          kind: data.kind,
          title,
          description,
          location,
          startsAt: data.startsAt,
          endsAt,
          status: MeetingStatus.SCHEDULED,
          createdById: actor.user.id,
        }),
      );
      if (proposalId) {
        await notifyFollowers(em, emit, proposalId, {
          kind: NotificationKind.MEETING_SCHEDULED,
          actorId: actor.user.id,
          subjectId: meeting.id,
          title,
          status: MeetingStatus.SCHEDULED,
          excerpt: location,
        });
      }
      return meeting;
    });
  }

  /** Any participant answers, and may change the answer, until the meeting starts. */
  rsvp(actor: Actor, meetingId: string, response: RsvpResponse, now = new Date()): Promise<Meeting> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      // FOR SHARE: answers do not block each other, but a cancellation cannot slip in between.
      const meeting = await this.find(em, meetingId, 'pessimistic_read');
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw conflict(`A ${meeting.status} meeting takes no answers`);
      }
      if (hasStarted(meeting, now)) throw conflict('The meeting has started; answers are closed');
      await em.query(
        `INSERT INTO meeting_rsvps (meeting_id, user_id, response) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET response = EXCLUDED.response, updated_at = clock_timestamp()`,
        [meeting.id, actor.user.id, response],
      );
      emit({ topic: Topic.MeetingUpdated, payload: { meetingId: meeting.id } });
      return meeting;
    });
  }

  /** The fund's side cancels a SCHEDULED meeting, with a reason. */
  cancel(actor: Actor, meetingId: string, reason: string, now = new Date()): Promise<Meeting> {
    const text = assertLength('reason', reason, CANCEL_REASON);
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const meeting = await this.find(em, meetingId);
      meeting.status = meetingMachine.transition(actor, meeting, 'cancel');
      meeting.cancelledById = actor.user.id;
      meeting.cancelledAt = now;
      meeting.cancelReason = text;
      const saved = await em.save(meeting);
      emit({ topic: Topic.MeetingUpdated, payload: { meetingId: meeting.id } });
      return saved;
    });
  }

  /**
   * The fund's side publishes minutes once the meeting has started, which
   * makes it HELD and tells everyone who answered GOING or MAYBE. Publishing
   * again corrects the minutes without telling anyone a second time.
   */
  publishMinutes(actor: Actor, meetingId: string, minutes: string, now = new Date()): Promise<Meeting> {
    const text = assertLength('minutes', minutes, LIMITS.meetingMinutes);
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const meeting = await this.find(em, meetingId);
      const first = meeting.status === MeetingStatus.SCHEDULED;
      meeting.status = meetingMachine.transition(actor, meeting, 'publishMinutes');
      if (!hasStarted(meeting, now)) throw conflict('Minutes are published after the meeting has started');
      meeting.minutes = text;
      meeting.minutesById = actor.user.id;
      meeting.minutesPublishedAt = now;
      const saved = await em.save(meeting);
      if (first) {
        const rows: Array<{ user_id: string }> = await em.query(
          `SELECT user_id FROM meeting_rsvps WHERE meeting_id = $1 AND response IN ($2, $3)`,
          [meeting.id, RsvpResponse.GOING, RsvpResponse.MAYBE],
        );
        await notify(
          em,
          emit,
          rows.map((r) => r.user_id),
          {
            kind: NotificationKind.MEETING_MINUTES_PUBLISHED,
            actorId: actor.user.id,
            proposalId: meeting.proposalId,
            subjectId: meeting.id,
            title: meeting.title,
            status: MeetingStatus.HELD,
            excerpt: text,
          },
        );
      }
      emit({ topic: Topic.MeetingUpdated, payload: { meetingId: meeting.id } });
      return saved;
    });
  }

  /**
   * A vote collected on paper at the meeting, on the meeting's proposal,
   * written as the resident's own vote (a second one changes it, as a
   * re-vote does) with who entered it and at which meeting.
   */
  async recordAssistedVote(
    actor: Actor,
    data: { meetingId: string; residentId: string; choice: VoteChoice },
    now = new Date(),
  ): Promise<AssistedVote> {
    const meeting = await this.assistable(actor, data.meetingId, data.residentId, now);
    if (!meeting.proposalId) throw conflict('This meeting is not linked to a proposal: there is nothing to vote on');
    await this.proposals.castVote(actor, meeting.proposalId, data.choice, now, {
      residentId: data.residentId,
      meetingId: meeting.id,
      stillOpen: (em) => this.stillAssistable(em, actor, meeting.id, now),
    });
    return Object.assign(new AssistedVote(), {
      meetingId: meeting.id,
      proposalId: meeting.proposalId,
      residentId: data.residentId,
      choice: data.choice,
      recordedById: actor.user.id,
      recordedAt: now,
    });
  }

  /**
   * Feedback collected on paper at the meeting, on the meeting's fund and
   * proposal (if any), written as the resident's with who entered it and at
   * which meeting.
   */
  async recordAssistedFeedback(
    actor: Actor,
    data: { meetingId: string; residentId: string; body: string },
    now = new Date(),
  ): Promise<Feedback> {
    const meeting = await this.assistable(actor, data.meetingId, data.residentId, now);
    const feedback = await this.feedback.submit(
      actor,
      { fundId: meeting.fundId, proposalId: meeting.proposalId, body: data.body },
      {
        residentId: data.residentId,
        meetingId: meeting.id,
        stillOpen: (em) => this.stillAssistable(em, actor, meeting.id, now),
      },
    );
    return feedback;
  }

  /** Checks an assisted entry may be made at this meeting, for this resident. */
  private async assistable(actor: Actor, meetingId: string, residentId: string, now: Date): Promise<Meeting> {
    if (!isFundSide(actor)) throw forbidden("Only the fund's side enters paper votes and feedback");
    const em = this.dataSource.manager;
    const meeting = await this.stillAssistable(em, actor, meetingId, now, null);
    await residentOf(em, residentId);
    return meeting;
  }

  /**
   * The meeting takes paper entries now. Called again inside the entry's
   * transaction with a share lock, so a cancellation cannot slip in between.
   */
  private async stillAssistable(
    em: EntityManager,
    actor: Actor,
    meetingId: string,
    now: Date,
    lock: 'pessimistic_read' | null = 'pessimistic_read',
  ): Promise<Meeting> {
    const meeting = await this.find(em, meetingId, lock);
    if (!canRecordAssisted(actor, meeting, now)) {
      throw conflict(
        meeting.status === MeetingStatus.CANCELLED
          ? 'The meeting was cancelled'
          : 'Paper entries are made once the meeting has started',
      );
    }
    return meeting;
  }

  private async find(
    em: EntityManager,
    meetingId: string,
    lock: 'pessimistic_write' | 'pessimistic_read' | null = 'pessimistic_write',
  ): Promise<Meeting> {
    const meeting = await em.findOne(Meeting, {
      where: { id: meetingId },
      ...(lock ? { lock: { mode: lock } } : {}),
    });
    if (!meeting) throw notFound('Meeting');
    return meeting;
  }
}
