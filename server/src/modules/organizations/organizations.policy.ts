import { MembershipStatus, Role } from '@commonweal/shared';
import { hasRole, type Actor } from '../users/actor.js';
import type { Organization } from './organization.entity.js';

/** FUND_ADMIN, or an approved member of the (verified) organization itself. */
export function canManageMembers(actor: Actor | null, organization: Organization): boolean {
  if (hasRole(actor, Role.FUND_ADMIN)) return true;
  return (
    actor !== null &&
    organization.verified &&
    actor.membership?.organizationId === organization.id &&
    actor.membership.status === MembershipStatus.APPROVED
  );
}

export function canVerify(actor: Actor | null): boolean {
  return hasRole(actor, Role.GOVERNMENT, Role.FUND_ADMIN);
}
