import { PartnershipStatus, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Fund } from '../funds/fund.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { effectiveStatus, Partnership } from './partnership.entity.js';
import { ProposePartnershipInput } from './partnerships.inputs.js';
import { partnershipMachine } from './partnerships.policy.js';

/** The fund's side (FUND_ADMIN, GOVERNMENT) and organization members; never a resident. */
const PARTNERS = [Role.FUND_ADMIN, Role.GOVERNMENT, Role.ENTERPRISE, Role.SOCIAL_ORGANIZATION];

@ObjectType({ description: 'What the viewer may do to this partnership now.' })
class PartnershipViewerCan {
  @Field({ description: 'Accept or decline it: the side that did not propose it, while PROPOSED.' })
  respond: boolean;
}

@Resolver(() => Partnership)
export class PartnershipsResolver {
  @Query(() => [Partnership], {
    description: 'ACTIVE and ENDED ones for everybody; PROPOSED and DECLINED ones for the two sides.',
  })
  async partnerships(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => PartnershipStatus, { nullable: true }) status: PartnershipStatus | null,
    @Ctx() ctx: Context,
  ): Promise<Partnership[]> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.partnerships.list(ctx.viewer, fund.id, status ?? null);
  }

  @Authorized(PARTNERS)
  @Mutation(() => Partnership)
  proposePartnership(
    @Arg('input', () => ProposePartnershipInput) input: ProposePartnershipInput,
    @Ctx() ctx: Context,
  ): Promise<Partnership> {
    return ctx.services.partnerships.propose(ctx.viewer!, input);
  }

  @Authorized(PARTNERS)
  @Mutation(() => Partnership)
  respondToPartnership(
    @Arg('partnershipId', () => ID) id: string,
    @Arg('accept') accept: boolean,
    @Ctx() ctx: Context,
  ): Promise<Partnership> {
    return ctx.services.partnerships.respond(ctx.viewer!, assertId(id, 'partnershipId'), accept);
  }

  @FieldResolver(() => PartnershipStatus, { description: 'ACTIVE partnerships past endsOn show ENDED.' })
  status(@Root() p: Partnership): PartnershipStatus {
    return effectiveStatus(p);
  }

  @FieldResolver(() => Fund)
  fund(@Root() p: Partnership, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(p.fundId), 'Fund');
  }

  @FieldResolver(() => Organization)
  organization(@Root() p: Partnership, @Ctx() ctx: Context): Promise<Organization> {
    return required(ctx.loaders.organizations.byId.load(p.organizationId), 'Organization');
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() p: Partnership, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return p.proposalId ? ctx.loaders.proposals.byId.load(p.proposalId) : null;
  }

  @FieldResolver(() => PartnershipViewerCan)
  viewerCan(@Root() p: Partnership, @Ctx() ctx: Context): PartnershipViewerCan {
    return { respond: partnershipMachine.may(ctx.viewer, p, 'accept') };
  }
}
