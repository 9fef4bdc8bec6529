import { PARTNERSHIP_TRANSITIONS, PartnershipStatus, Role } from '@commonweal/shared';
import { isFundSide } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import { actingOrganizationId, hasRole, type Actor } from '../users/actor.js';
import type { Partnership } from './partnership.entity.js';

/** An approved member of the organization who may act for it (its organization is verified). */
export function isOrganizationSide(actor: Actor | null, organizationId: string): boolean {
  return (
    actor !== null &&
    actingOrganizationId(actor) === organizationId &&
    hasRole(actor, Role.ENTERPRISE, Role.SOCIAL_ORGANIZATION, Role.GOVERNMENT)
  );
}

/** ACTIVE and ENDED partnerships are on the public record; proposals and refusals are between the two sides. */
export function canSeePartnership(actor: Actor | null, p: Partnership): boolean {
  return (
    p.status === PartnershipStatus.ACTIVE ||
    p.status === PartnershipStatus.ENDED ||
    isFundSide(actor) ||
    isOrganizationSide(actor, p.organizationId)
  );
}

/** Each side answers the other's proposal, and nobody answers their own. */
function isOtherSide(actor: Actor, p: Partnership): boolean {
  if (actor.user.id === p.proposedById) return false;
  return p.proposedByFund ? isOrganizationSide(actor, p.organizationId) : isFundSide(actor);
}

export const partnershipMachine = defineMachine({
  name: 'partnership',
  table: PARTNERSHIP_TRANSITIONS,
  who: { accept: isOtherSide, decline: isOtherSide },
});
