import { OrganizationType, Role } from '@commonweal/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Bid } from '../bids/bid.entity.js';
import { canSeeBid } from '../bids/bids.policy.js';
import { Partnership } from '../partnerships/partnership.entity.js';
import { canSeePartnership } from '../partnerships/partnerships.policy.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Sponsorship } from '../sponsorships/sponsorship.entity.js';
import { canSeeSponsorship } from '../sponsorships/sponsorships.policy.js';
import { PARTICIPANT } from '../users/actor.js';
import { User } from '../users/user.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { canManageMembers } from './organizations.policy.js';

@Resolver(() => Organization)
export class OrganizationsResolver {
  @Query(() => [Organization])
  organizations(
    @Arg('type', () => OrganizationType, { nullable: true }) type: OrganizationType | null,
    @Ctx() ctx: Context,
  ): Promise<Organization[]> {
    return ctx.services.organizations.list(type ?? null);
  }

  @Query(() => Organization, { nullable: true })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Organization | null> {
    return ctx.loaders.organizations.byId.load(assertId(id, 'id'));
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Organization, { description: 'GOVERNMENT or FUND_ADMIN.' })
  verifyOrganization(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Organization> {
    return ctx.services.organizations.verify(ctx.viewer!, assertId(id, 'id'));
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Membership, {
    description: 'A verified member of the organization, or FUND_ADMIN: let a pending member act for it.',
  })
  approveMembership(@Arg('membershipId', () => ID) membershipId: string, @Ctx() ctx: Context): Promise<Membership> {
    return ctx.services.organizations.decideMembership(ctx.viewer!, assertId(membershipId, 'membershipId'), true);
  }

  @Authorized(PARTICIPANT)
  @Mutation(() => Membership, {
    description: 'A verified member of the organization, or FUND_ADMIN: turn a pending member away.',
  })
  rejectMembership(@Arg('membershipId', () => ID) membershipId: string, @Ctx() ctx: Context): Promise<Membership> {
    return ctx.services.organizations.decideMembership(ctx.viewer!, assertId(membershipId, 'membershipId'), false);
  }

  @FieldResolver(() => [User], { description: 'Approved members.' })
  members(@Root() org: Organization, @Ctx() ctx: Context): Promise<User[]> {
    return ctx.loaders.organizations.membersByOrgId.load(org.id);
  }

  @FieldResolver(() => [Membership], {
    description: 'Pending membership requests: visible to verified members and FUND_ADMIN, empty for everyone else.',
  })
  async pendingMemberships(@Root() org: Organization, @Ctx() ctx: Context): Promise<Membership[]> {
    return canManageMembers(ctx.viewer, org) ? ctx.loaders.organizations.pendingMembershipsByOrgId.load(org.id) : [];
  }

  @FieldResolver(() => [Sponsorship], {
    description:
      'Its sponsorships the viewer may see: the public record, and all of them for its members and the fund’s side.',
  })
  async sponsorships(@Root() org: Organization, @Ctx() ctx: Context): Promise<Sponsorship[]> {
    return (await ctx.loaders.sponsorships.byOrganizationId.load(org.id)).filter((s) =>
      canSeeSponsorship(ctx.viewer, s),
    );
  }

  @FieldResolver(() => [Partnership], { description: 'Its partnerships the viewer may see.' })
  async partnerships(@Root() org: Organization, @Ctx() ctx: Context): Promise<Partnership[]> {
    return (await ctx.loaders.partnerships.byOrganizationId.load(org.id)).filter((p) =>
      canSeePartnership(ctx.viewer, p),
    );
  }

  @FieldResolver(() => [Bid], {
    description: 'Its bids the viewer may see: awarded ones for everybody, all for its members and the fund’s side.',
  })
  async bids(@Root() org: Organization, @Ctx() ctx: Context): Promise<Bid[]> {
    return (await ctx.loaders.bids.byOrganizationId.load(org.id)).filter((b) => canSeeBid(ctx.viewer, b));
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => User)
  user(@Root() membership: Membership, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(membership.userId), 'User');
  }

  @FieldResolver(() => Organization)
  organization(@Root() membership: Membership, @Ctx() ctx: Context): Promise<Organization> {
    return required(ctx.loaders.organizations.byId.load(membership.organizationId), 'Organization');
  }
}
