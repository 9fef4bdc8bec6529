import { MembershipStatus } from '@commonweal/shared';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Neighborhood } from '../funds/neighborhood.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => Membership, {
    nullable: true,
    description: "The viewer's organization membership and its status, if any.",
  })
  viewerMembership(@Ctx() ctx: Context): Membership | null {
    return ctx.viewer?.membership ?? null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization the user acts for (approved membership only).',
  })
  async organization(@Root() user: User, @Ctx() ctx: Context): Promise<Organization | null> {
    const membership = await ctx.loaders.organizations.membershipByUserId.load(user.id);
    if (membership?.status !== MembershipStatus.APPROVED) return null;
    return ctx.loaders.organizations.byId.load(membership.organizationId);
  }

  @FieldResolver(() => Neighborhood, { nullable: true })
  neighborhood(@Root() user: User, @Ctx() ctx: Context): Promise<Neighborhood | null> | null {
    return user.neighborhoodId ? ctx.loaders.funds.neighborhoodById.load(user.neighborhoodId) : null;
  }
}
