import { Role, SPONSORABLE_STATUSES, SponsorshipStatus, SPONSORSHIP_TRANSITIONS } from '@commonweal/shared';
import type { Proposal } from '../proposals/proposal.entity.js';
import { canView, isFundSide } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import { actingOrganizationId, hasRole, type Actor } from '../users/actor.js';
import type { Sponsorship } from './sponsorship.entity.js';

const PUBLIC: readonly SponsorshipStatus[] = [SponsorshipStatus.ACCEPTED, SponsorshipStatus.FULFILLED];

/** A member of the sponsoring enterprise (approved membership). */
export const isSponsor = (actor: Actor | null, s: Sponsorship): boolean =>
  actor !== null && actingOrganizationId(actor) === s.organizationId;

/** ACCEPTED and FULFILLED pledges are public; the rest only for the sponsor and the fund's side. */
export function canSeeSponsorship(actor: Actor | null, s: Sponsorship): boolean {
  return PUBLIC.includes(s.status) || isFundSide(actor) || isSponsor(actor, s);
}

/** Members of a verified enterprise pledge to proposals that are open for sponsorship. */
export function canSponsor(actor: Actor | null, p: Proposal): boolean {
  return hasRole(actor, Role.ENTERPRISE) && canView(actor, p) && SPONSORABLE_STATUSES.includes(p.status);
}

export const sponsorshipMachine = defineMachine({
  name: 'sponsorship',
  table: SPONSORSHIP_TRANSITIONS,
  who: {
    accept: (actor) => isFundSide(actor),
    decline: (actor) => isFundSide(actor),
    withdraw: (actor, s: Sponsorship) => hasRole(actor, Role.ENTERPRISE) && isSponsor(actor, s),
    fulfil: (actor) => hasRole(actor, Role.FUND_ADMIN),
  },
});
