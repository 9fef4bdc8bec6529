import { ProposalStatus, Role } from '@commonweal/shared';
import { actingOrganizationId, hasRole, type Actor } from '../users/actor.js';
import type { Proposal } from './proposal.entity.js';

/**
 * Who may do what to a proposal, written once: services enforce these and
 * `Proposal.viewerCan` exposes them so the client's buttons match the rules.
 */
export const isAuthor = (actor: Actor | null, p: Proposal): actor is Actor => actor?.user.id === p.authorId;

/** Any signed-in user who may act: organization roles only through a verified organization. */
export const isParticipant = (actor: Actor | null): actor is Actor => actor !== null && actor.effectiveRole !== null;

export const isFundSide = (actor: Actor | null): actor is Actor => hasRole(actor, Role.GOVERNMENT, Role.FUND_ADMIN);

/** Drafts are seen only by their author and FUND_ADMIN. */
export function canView(actor: Actor | null, p: Proposal): boolean {
  return p.status !== ProposalStatus.DRAFT || isAuthor(actor, p) || hasRole(actor, Role.FUND_ADMIN);
}

export function canOpenConsultation(actor: Actor | null, p: Proposal): boolean {
  return isAuthor(actor, p) || hasRole(actor, Role.FUND_ADMIN);
}

export const canWithdraw = canOpenConsultation;

export function canDecide(actor: Actor | null): boolean {
  return isFundSide(actor);
}

/** Residents vote during consultation, before it ends. */
export function canVote(actor: Actor | null, p: Proposal, now = new Date()): boolean {
  return (
    hasRole(actor, Role.RESIDENT) &&
    p.status === ProposalStatus.CONSULTATION &&
    p.consultationEndsAt !== null &&
    now < p.consultationEndsAt
  );
}

/** Discussion is open until the proposal reaches a final state. */
export const DISCUSSION_OPEN: readonly ProposalStatus[] = [
  ProposalStatus.DRAFT,
  ProposalStatus.CONSULTATION,
  ProposalStatus.APPROVED,
  ProposalStatus.BIDDING,
  ProposalStatus.IN_PROGRESS,
];

export function canComment(actor: Actor | null, p: Proposal): boolean {
  return isParticipant(actor) && canView(actor, p) && DISCUSSION_OPEN.includes(p.status);
}

/** Who reports progress: the awarded organization's members and FUND_ADMIN. */
export function isProgressReporter(actor: Actor | null, awardedOrganizationId: string | null): boolean {
  if (hasRole(actor, Role.FUND_ADMIN)) return true;
  return (
    hasRole(actor, Role.SOCIAL_ORGANIZATION) &&
    awardedOrganizationId !== null &&
    actingOrganizationId(actor!) === awardedOrganizationId
  );
}

/** ...while the work is under way. */
export function canPostProgress(actor: Actor | null, p: Proposal, awardedOrganizationId: string | null): boolean {
  return p.status === ProposalStatus.IN_PROGRESS && isProgressReporter(actor, awardedOrganizationId);
}

/** Who edits a proposal: its author and FUND_ADMIN... */
export const isEditor = (actor: Actor | null, p: Proposal): actor is Actor =>
  isAuthor(actor, p) || hasRole(actor, Role.FUND_ADMIN);

/** ...while it is a draft or in consultation. */
export function canRevise(actor: Actor | null, p: Proposal): boolean {
  return isEditor(actor, p) && (p.status === ProposalStatus.DRAFT || p.status === ProposalStatus.CONSULTATION);
}
