import { OrganizationType, Role, MembershipStatus } from '@commonweal/shared';
import { badInput, forbidden } from '../../graphql/errors.js';
import type { EntityManager } from 'typeorm';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../users/user.entity.js';

/**
 * Who is acting: the user, their membership (if any) and what role they may
 * exercise right now. Organization roles count only through an APPROVED
 * membership of a VERIFIED organization of the matching type.
 */
export interface Actor {
  user: User;
  membership: Membership | null;
  organization: Organization | null;
  /** The role the user may act in, or null while their organization is unverified or membership pending. */
  effectiveRole: Role | null;
}

/** Pseudo-role for @Authorized: any signed-in user; organization roles only through a verified organization. */
export const PARTICIPANT = 'PARTICIPANT';

export const ORG_TYPES_FOR_ROLE: Readonly<Partial<Record<Role, readonly OrganizationType[]>>> = {
  [Role.ENTERPRISE]: [OrganizationType.ENTERPRISE],
  [Role.SOCIAL_ORGANIZATION]: [OrganizationType.SOCIAL_ORGANIZATION, OrganizationType.FOUNDATION],
  [Role.GOVERNMENT]: [OrganizationType.GOVERNMENT],
};

export function effectiveRoleOf(
  user: User,
  membership: Membership | null,
  organization: Organization | null,
): Role | null {
  const orgTypes = ORG_TYPES_FOR_ROLE[user.role];
  if (!orgTypes) return user.role;
  const acts =
    membership?.status === MembershipStatus.APPROVED &&
    organization !== null &&
    organization.verified &&
    orgTypes.includes(organization.type);
  return acts ? user.role : null;
}

export function buildActor(user: User, membership: Membership | null, organization: Organization | null): Actor {
  return { user, membership, organization, effectiveRole: effectiveRoleOf(user, membership, organization) };
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return actor !== null && actor.effectiveRole !== null && roles.includes(actor.effectiveRole);
}

/** The organization the actor may act for (approved membership), verified or not. */
export function actingOrganizationId(actor: Actor): string | null {
  return actor.membership?.status === MembershipStatus.APPROVED ? actor.membership.organizationId : null;
}

/** Loads an actor in one statement (user, membership and organization). */
export async function loadActor(em: EntityManager, userId: string): Promise<Actor | null> {
  const user = (await em
    .createQueryBuilder(User, 'u')
    .leftJoinAndMapOne('u.membership', Membership, 'm', 'm.user_id = u.id')
    .leftJoinAndMapOne('u.organization', Organization, 'o', 'o.id = m.organization_id')
    .where('u.id = :userId', { userId })
    .getOne()) as (User & { membership?: Membership; organization?: Organization }) | null;
  if (!user) return null;
  const { membership = null, organization = null } = user;
  delete user.membership;
  delete user.organization;
  return buildActor(user, membership, organization);
}

/** An entry the fund's side makes for a resident, from a paper form collected at a meeting. */
export interface OnBehalf {
  residentId: string;
  meetingId: string;
  /** Re-checks, inside the entry's transaction, that the meeting still takes entries (it locks the meeting row). */
  stillOpen?: (em: EntityManager) => Promise<unknown>;
}

/** GOVERNMENT or FUND_ADMIN, else FORBIDDEN naming what they tried. */
export function assertFundSide(actor: Actor, what: string): void {
  if (!hasRole(actor, Role.GOVERNMENT, Role.FUND_ADMIN)) throw forbidden(`Only the fund's side ${what}`);
}

/** The resident an assisted entry is for: a RESIDENT account, else BAD_USER_INPUT on residentId. */
export async function residentOf(em: EntityManager, residentId: string): Promise<Actor> {
  const resident = await loadActor(em, residentId);
  if (!resident || resident.user.role !== Role.RESIDENT) throw badInput('residentId', 'residentId is not a resident');
  return resident;
}
