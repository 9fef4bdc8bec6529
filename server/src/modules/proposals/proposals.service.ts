import {
  BidStatus,
  LIMITS,
  NeedStatus,
  NotificationKind,
  ProposalDecision,
  ProposalStatus,
  Role,
  type Category,
  type ProposalAction,
  type VoteChoice,
} from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { follow, notify, notifyFollowers } from '../notifications/notify.js';
import { Fund } from '../funds/fund.entity.js';
import { notifyMatchingOrganizations } from '../matching/matching.notify.js';
import { Need } from '../needs/need.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../users/user.entity.js';
import { decodeCursor, toConnection, type Connection } from '../shared/connection.js';
import { inTransaction } from '../shared/transaction.js';
import {
  actingOrganizationId,
  assertFundSide,
  hasRole,
  residentOf,
  type Actor,
  type OnBehalf,
} from '../users/actor.js';
import { Proposal } from './proposal.entity.js';
import { canView, canVote, isParticipant, isProgressReporter } from './proposals.policy.js';
import { ProgressUpdate } from './progress-update.entity.js';
import { Bid } from '../bids/bid.entity.js';
import { proposalMachine } from './proposals.state.js';

export interface CreateProposalData {
  fundId: string;
  needId?: string | null;
  title: string;
  summary: string;
  body: string;
  category: Category;
  budgetMinor: number | bigint;
}

export interface ProposalFilter {
  fundId?: string | null;
  status?: ProposalStatus[] | null;
  category?: Category | null;
  search?: string | null;
}

type Emit = (event: DomainEvent) => void;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A window (consultation, bidding) must end in the future and within the longest allowed. */
function assertWindowEnd(field: string, endsAt: Date, now: Date): void {
  if (Number.isNaN(endsAt.getTime())) throw badInput(field, `${field} is not a valid time`);
  if (endsAt <= now) throw badInput(field, `${field} must be in the future`);
  if (endsAt.getTime() - now.getTime() > LIMITS.windowDays.max * DAY_MS) {
    throw badInput(field, `${field} must be within ${LIMITS.windowDays.max} days`);
  }
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The rows a page of proposals names, fetched with the page. */
export interface ListedRelations {
  authors: User[];
  organizations: Organization[];
  needs: Need[];
}

interface Listed {
  listedAuthor?: User | null;
  listedOrganization?: Organization | null;
  listedNeed?: Need | null;
}

export class ProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  async create(actor: Actor, data: CreateProposalData): Promise<Proposal> {
    if (!isParticipant(actor)) throw forbidden('Your organization must be verified before it can propose');
    const budget = BigInt(data.budgetMinor);
    if (budget < BigInt(LIMITS.budgetMinor.min) || budget > BigInt(LIMITS.budgetMinor.max)) {
      throw badInput(
        'budgetMinor',
        `budgetMinor must be between ${LIMITS.budgetMinor.min} and ${LIMITS.budgetMinor.max}`,
      );
    }
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      if (data.needId) {
        const need = await em.findOneBy(Need, { id: data.needId });
        if (!need) throw notFound('Need');
        if (need.fundId !== data.fundId) throw badInput('needId', 'That need belongs to another fund');
      }
      const proposal = await em.save(
        em.create(Proposal, {
          fundId: data.fundId,
          needId: data.needId ?? null,
          authorId: actor.user.id,
          organizationId: actingOrganizationId(actor),
          title: data.title.trim(),
          summary: data.summary.trim(),
          body: data.body.trim(),
          category: data.category,
          status: ProposalStatus.DRAFT,
          budgetMinor: budget,
        }),
      );
      await follow(em, actor.user.id, proposal.id);
      return proposal;
    });
  }

  openConsultation(actor: Actor, proposalId: string, endsAt: Date, now = new Date()): Promise<Proposal> {
    assertWindowEnd('consultationEndsAt', endsAt, now);
    return this.move(actor, proposalId, 'openConsultation', (p) => {
      p.consultationEndsAt = endsAt;
    });
  }

  decide(actor: Actor, proposalId: string, decision: ProposalDecision, note: string | null): Promise<Proposal> {
    if (note && note.length > LIMITS.decisionNote.max) {
      throw badInput('note', `note must be at most ${LIMITS.decisionNote.max} characters`);
    }
    const action = decision === ProposalDecision.APPROVE ? 'approve' : 'reject';
    return this.move(actor, proposalId, action, (p) => {
      p.decidedById = actor.user.id;
      p.decidedAt = new Date();
      p.decisionNote = note?.trim() || null;
    });
  }

  openBidding(actor: Actor, proposalId: string, closesAt: Date, now = new Date()): Promise<Proposal> {
    assertWindowEnd('biddingClosesAt', closesAt, now);
    return this.move(actor, proposalId, 'openBidding', (p) => {
      p.biddingClosesAt = closesAt;
    });
  }

  complete(actor: Actor, proposalId: string): Promise<Proposal> {
    return this.move(actor, proposalId, 'complete', async (p, em, emit) => {
      if (p.needId) await this.addressNeed(em, emit, actor, p);
    });
  }

  /** A completed proposal addresses its need: the need is ADDRESSED and its author and supporters hear of it. */
  private async addressNeed(em: EntityManager, emit: Emit, actor: Actor, p: Proposal): Promise<void> {
    const changed = await em.update(Need, { id: p.needId!, status: NeedStatus.OPEN }, { status: NeedStatus.ADDRESSED });
    if (!changed.affected) return;
    const need = await em.findOneByOrFail(Need, { id: p.needId! });
    const supporters: Array<{ user_id: string }> = await em.query(
      'SELECT user_id FROM need_supports WHERE need_id = $1',
      [need.id],
    );
    await notify(em, emit, [need.authorId, ...supporters.map((s) => s.user_id)], {
      kind: NotificationKind.NEED_ADDRESSED,
      actorId: actor.user.id,
      needId: need.id,
      proposalId: p.id,
      subjectId: need.id,
      title: need.title,
    });
  }

  /** The awarded organization or FUND_ADMIN reports progress on a proposal IN_PROGRESS. */
  postProgress(actor: Actor, proposalId: string, body: string, percentComplete: number): Promise<ProgressUpdate> {
    const text = body.trim();
    if (text.length < LIMITS.progressBody.min || text.length > LIMITS.progressBody.max) {
      throw badInput('body', `body must be ${LIMITS.progressBody.min} to ${LIMITS.progressBody.max} characters`);
    }
    if (
      !Number.isInteger(percentComplete) ||
      percentComplete < LIMITS.percentComplete.min ||
      percentComplete > LIMITS.percentComplete.max
    ) {
      throw badInput('percentComplete', 'percentComplete must be a whole number from 0 to 100');
    }
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.findVisible(em, actor, proposalId, 'pessimistic_read');
      const awarded = await em.findOneBy(Bid, { proposalId, status: BidStatus.AWARDED });
      // Who first, then when.
      if (!isProgressReporter(actor, awarded?.organizationId ?? null)) {
        throw forbidden('Only the awarded organization or FUND_ADMIN reports progress');
      }
      if (proposal.status !== ProposalStatus.IN_PROGRESS) {
        throw conflict(`A ${proposal.status} proposal takes no progress updates`);
      }
      const update = await em.save(
        em.create(ProgressUpdate, { proposalId, authorId: actor.user.id, body: text, percentComplete }),
      );
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId } });
      return update;
    });
  }

  withdraw(actor: Actor, proposalId: string): Promise<Proposal> {
    return this.move(actor, proposalId, 'withdraw');
  }

  /**
   * One vote per resident per proposal; voting again changes it. With
   * `onBehalf`, the fund's side enters a vote collected on paper at a meeting
   * as the named resident's vote, marked with who recorded it.
   */
  async castVote(
    actor: Actor,
    proposalId: string,
    choice: VoteChoice,
    now = new Date(),
    onBehalf?: OnBehalf,
  ): Promise<Proposal> {
    if (onBehalf) assertFundSide(actor, 'records votes collected on paper');
    else if (!hasRole(actor, Role.RESIDENT)) throw forbidden('Only residents vote');
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      await onBehalf?.stillOpen?.(em);
      const voter = onBehalf ? await residentOf(em, onBehalf.residentId) : actor;
      // FOR SHARE: voters do not block each other, but a decision cannot slip in between the check and the vote.
      const proposal = await this.findVisible(em, voter, proposalId, 'pessimistic_read');
      if (!canVote(voter, proposal, now)) {
        throw conflict(
          proposal.status === ProposalStatus.CONSULTATION
            ? 'Consultation has ended'
            : 'Voting is open only during consultation',
        );
      }
      await em.query(
        `INSERT INTO votes (proposal_id, user_id, choice, recorded_by, meeting_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (proposal_id, user_id) DO UPDATE
           SET choice = EXCLUDED.choice, recorded_by = EXCLUDED.recorded_by,
               meeting_id = EXCLUDED.meeting_id, updated_at = now()`,
        [proposalId, voter.user.id, choice, onBehalf ? actor.user.id : null, onBehalf?.meetingId ?? null],
      );
      await follow(em, voter.user.id, proposalId);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId } });
      if (onBehalf) emit({ topic: Topic.MeetingUpdated, payload: { meetingId: onBehalf.meetingId } });
      return proposal;
    });
  }

  /**
   * A page of proposals, newest first. The page's authors, organizations and
   * needs come in the same statement and go to `related` (the request's
   * loaders take them), so a list and its names cost one statement.
   */
  async list(
    viewer: Actor | null,
    filter: ProposalFilter,
    first: number,
    after: string | null,
    related?: (rows: ListedRelations) => void,
  ): Promise<Connection<Proposal>> {
    const cursor = decodeCursor(after);
    const search = filter.search?.trim();
    if (search && search.length > LIMITS.searchText.max) {
      throw badInput('search', `search must be at most ${LIMITS.searchText.max} characters`);
    }
    const base = () => {
      const qb = this.dataSource.getRepository(Proposal).createQueryBuilder('p');
      if (!hasRole(viewer, Role.FUND_ADMIN)) {
        qb.where(`(p.status <> 'DRAFT' OR p.author_id = :viewerId)`, { viewerId: viewer?.user.id ?? null });
      }
      if (filter.fundId) qb.andWhere('p.fund_id = :fundId', { fundId: filter.fundId });
      if (filter.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.status });
      if (filter.category) qb.andWhere('p.category = :category', { category: filter.category });
      if (search) qb.andWhere(`(p.title || ' ' || p.summary) ILIKE :search`, { search: `%${escapeLike(search)}%` });
      return qb;
    };
    const page = base()
      .leftJoinAndMapOne('p.listedAuthor', User, 'author', 'author.id = p.author_id')
      .leftJoinAndMapOne('p.listedOrganization', Organization, 'org', 'org.id = p.organization_id')
      .leftJoinAndMapOne('p.listedNeed', Need, 'need', 'need.id = p.need_id')
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(first + 1);
    if (cursor) page.andWhere('(p.created_at, p.id) < (:c_at, :c_id)', { c_at: cursor.createdAt, c_id: cursor.id });
    // The total rides along as a scalar subquery: one statement for the page and its count.
    const count = base().select('count(*)');
    page.addSelect(`(${count.getQuery()})`, 'total_count');
    const { entities, raw } = await page.getRawAndEntities<{ total_count: string }>();
    const listed = entities as Array<Proposal & Listed>;
    related?.({
      authors: listed.flatMap((p) => p.listedAuthor ?? []),
      organizations: listed.flatMap((p) => p.listedOrganization ?? []),
      needs: listed.flatMap((p) => p.listedNeed ?? []),
    });
    for (const p of listed) {
      delete p.listedAuthor;
      delete p.listedOrganization;
      delete p.listedNeed;
    }
    const total = raw[0] ? Number(raw[0].total_count) : await base().getCount(); // past the end: no row carries it
    return toConnection(entities, first, total);
  }

  /** Locks and returns a proposal the actor may see; NOT_FOUND otherwise, so drafts do not reveal they exist. */
  async findVisible(
    em: EntityManager,
    actor: Actor | null,
    proposalId: string,
    lock: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
  ): Promise<Proposal> {
    const proposal = await em.findOne(Proposal, { where: { id: proposalId }, lock: { mode: lock } });
    if (!proposal || !canView(actor, proposal)) throw notFound('Proposal');
    return proposal;
  }

  private move(
    actor: Actor,
    proposalId: string,
    action: ProposalAction,
    apply?: (proposal: Proposal, em: EntityManager, emit: Emit) => void | Promise<void>,
  ): Promise<Proposal> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.findVisible(em, actor, proposalId);
      proposal.status = proposalMachine.transition(actor, proposal, action);
      await apply?.(proposal, em, emit);
      const saved = await em.save(proposal);
      await notifyFollowers(em, emit, proposalId, {
        kind: NotificationKind.PROPOSAL_STATUS_CHANGED,
        actorId: actor.user.id,
        title: proposal.title,
        status: proposal.status,
      });
      await notifyMatchingOrganizations(em, emit, saved, actor.user.id);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId } });
      return saved;
    });
  }
}
