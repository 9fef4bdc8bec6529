import { nextProposalStatus, type ProposalAction, type ProposalStatus } from '@commonweal/shared';
import { conflict, forbidden } from '../../graphql/errors.js';
import type { Actor } from '../users/actor.js';
import type { Proposal } from './proposal.entity.js';
import { canDecide, canOpenConsultation, canWithdraw, isFundSide } from './proposals.policy.js';

/**
 * The proposal state machine: the shared transition table (from -> to) plus
 * who may make each move. The only place a proposal's status changes.
 */
const WHO: Record<ProposalAction, (actor: Actor, p: Proposal) => boolean> = {
  openConsultation: canOpenConsultation,
  approve: canDecide,
  reject: canDecide,
  openBidding: isFundSide,
  award: isFundSide,
  complete: isFundSide,
  withdraw: canWithdraw,
};

/** Checks the actor may make the move and the move is legal; returns the next status. */
export function transition(actor: Actor, proposal: Proposal, action: ProposalAction): ProposalStatus {
  if (!WHO[action](actor, proposal)) throw forbidden(`You may not ${action} this proposal`);
  const next = nextProposalStatus(proposal.status, action);
  if (next === null) throw conflict(`Cannot ${action} a proposal that is ${proposal.status}`);
  return next;
}

export function mayTransition(actor: Actor | null, proposal: Proposal, action: ProposalAction): boolean {
  return actor !== null && WHO[action](actor, proposal) && nextProposalStatus(proposal.status, action) !== null;
}
