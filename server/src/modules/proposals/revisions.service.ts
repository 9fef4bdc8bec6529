import { LIMITS, NotificationKind, ProposalStatus } from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden } from '../../graphql/errors.js';
import { Topic, type DomainEvent } from '../../graphql/pubsub.js';
import type { EventBus } from '../../events/event-bus.js';
import { follow, notifyFollowers } from '../notifications/notify.js';
import { inTransaction } from '../shared/transaction.js';
import type { Actor } from '../users/actor.js';
import type { Proposal } from './proposal.entity.js';
import { isEditor } from './proposals.policy.js';
import type { ProposalsService } from './proposals.service.js';
import { ProposalRevision, REVISABLE_FIELDS, type FieldChange } from './revision.entity.js';

export interface ReviseProposalData {
  proposalId: string;
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  budgetMinor?: number | null;
  reason?: string | null;
  citedCommentIds?: readonly string[] | null;
  citedFeedbackIds?: readonly string[] | null;
}

const TEXT_LIMITS = {
  title: LIMITS.proposalTitle,
  summary: LIMITS.proposalSummary,
  body: LIMITS.proposalBody,
} as const;

function textOf(field: keyof typeof TEXT_LIMITS, value: string): string {
  const text = value.trim();
  const { min, max } = TEXT_LIMITS[field];
  if (text.length < min || text.length > max) throw badInput(field, `${field} must be ${min} to ${max} characters`);
  return text;
}

/**
 * Editing a proposal. A draft is simply edited; during consultation every
 * edit is a numbered revision with a field-level record of what changed, why,
 * and which residents' comments and feedback prompted it. Followers and the
 * cited residents hear of it.
 */
export class RevisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly proposals: ProposalsService,
  ) {}

  revise(actor: Actor, data: ReviseProposalData): Promise<Proposal> {
    return inTransaction(this.dataSource, this.events, async (em, emit) => {
      const proposal = await this.proposals.findVisible(em, actor, data.proposalId);
      if (!isEditor(actor, proposal)) throw forbidden('Only the author or FUND_ADMIN edits a proposal');
      if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.CONSULTATION) {
        throw conflict(`A ${proposal.status} proposal can no longer be edited`);
      }
      const changes = this.apply(proposal, data);
      if (changes.length === 0) throw badInput('input', 'Nothing changed');
      if (proposal.status === ProposalStatus.CONSULTATION) {
        await this.record(em, actor, proposal, changes, data, emit);
      }
      const saved = await em.save(proposal);
      emit({ topic: Topic.ProposalUpdated, payload: { proposalId: proposal.id } });
      return saved;
    });
  }

  /** Applies the requested values to the proposal and returns what actually changed. */
  private apply(proposal: Proposal, data: ReviseProposalData): FieldChange[] {
    const next = {
      title: data.title == null ? proposal.title : textOf('title', data.title),
      summary: data.summary == null ? proposal.summary : textOf('summary', data.summary),
      body: data.body == null ? proposal.body : textOf('body', data.body),
      budgetMinor: data.budgetMinor == null ? proposal.budgetMinor : BigInt(data.budgetMinor),
    };
    if (next.budgetMinor < BigInt(LIMITS.budgetMinor.min) || next.budgetMinor > BigInt(LIMITS.budgetMinor.max)) {
      throw badInput(
        'budgetMinor',
        `budgetMinor must be between ${LIMITS.budgetMinor.min} and ${LIMITS.budgetMinor.max}`,
      );
    }
    const changes: FieldChange[] = [];
    for (const field of REVISABLE_FIELDS) {
      const before = String(proposal[field]);
      const after = String(next[field]);
      if (before !== after) changes.push({ field, before, after });
    }
    Object.assign(proposal, next);
    return changes;
  }

  private async record(
    em: EntityManager,
    actor: Actor,
    proposal: Proposal,
    changes: FieldChange[],
    data: ReviseProposalData,
    emit: (event: DomainEvent) => void,
  ): Promise<void> {
    const reason = (data.reason ?? '').trim();
    if (reason.length < LIMITS.revisionReason.min || reason.length > LIMITS.revisionReason.max) {
      throw badInput(
        'reason',
        `Say why it changed: reason must be ${LIMITS.revisionReason.min} to ${LIMITS.revisionReason.max} characters`,
      );
    }
    const commentIds = [...new Set(data.citedCommentIds ?? [])];
    const feedbackIds = [...new Set(data.citedFeedbackIds ?? [])];
    if (commentIds.length + feedbackIds.length > LIMITS.revisionCitations.max) {
      throw badInput('citedCommentIds', `Cite at most ${LIMITS.revisionCitations.max} comments and feedback items`);
    }
    const citedComments: Array<{ author_id: string }> = await em.query(
      'SELECT author_id FROM comments WHERE id = ANY($1) AND proposal_id = $2',
      [commentIds, proposal.id],
    );
    if (citedComments.length !== commentIds.length) {
      throw badInput('citedCommentIds', 'Cite comments on this proposal only');
    }
    const citedFeedback: Array<{ author_id: string }> = await em.query(
      'SELECT author_id FROM feedback WHERE id = ANY($1) AND fund_id = $2 AND (proposal_id IS NULL OR proposal_id = $3)',
      [feedbackIds, proposal.fundId, proposal.id],
    );
    if (citedFeedback.length !== feedbackIds.length) {
      throw badInput('citedFeedbackIds', "Cite feedback on this proposal or the fund's general feedback only");
    }
    // The proposal row is locked (findVisible), so numbers cannot collide.
    const [{ next }] = await em.query(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM proposal_revisions WHERE proposal_id = $1',
      [proposal.id],
    );
    const revision = await em.save(
      em.create(ProposalRevision, {
        proposalId: proposal.id,
        number: next,
        editorId: actor.user.id,
        reason,
        changes,
        citedCommentIds: commentIds,
        citedFeedbackIds: feedbackIds,
      }),
    );
    // The residents whose words are cited follow the proposal, so they see what their voice changed.
    for (const cited of [...citedComments, ...citedFeedback]) await follow(em, cited.author_id, proposal.id);
    await notifyFollowers(em, emit, proposal.id, {
      kind: NotificationKind.PROPOSAL_REVISED,
      actorId: actor.user.id,
      subjectId: revision.id,
      title: proposal.title,
      excerpt: reason,
    });
  }
}
