import { Role } from '@commonweal/shared';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { proposalMoney } from '../funds/currency.js';
import { User } from '../users/user.entity.js';
import { Sponsorship } from './sponsorship.entity.js';
import { ProposeSponsorshipInput } from './sponsorships.inputs.js';
import { sponsorshipMachine } from './sponsorships.policy.js';

@ObjectType({ description: 'What the viewer may do to this sponsorship now.' })
class SponsorshipViewerCan {
  @Field({ description: 'Accept or decline it (the fund’s side, while PROPOSED).' })
  respond: boolean;

  @Field()
  withdraw: boolean;

  @Field({ description: 'Record that the pledge was delivered (FUND_ADMIN, once ACCEPTED).' })
  recordPayment: boolean;
}

@Resolver(() => Sponsorship)
export class SponsorshipsResolver {
  @Authorized(Role.ENTERPRISE)
  @Mutation(() => Sponsorship)
  proposeSponsorship(
    @Arg('input', () => ProposeSponsorshipInput) input: ProposeSponsorshipInput,
    @Ctx() ctx: Context,
  ): Promise<Sponsorship> {
    return ctx.services.sponsorships.propose(ctx.viewer!, input);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Sponsorship)
  respondToSponsorship(
    @Arg('sponsorshipId', () => ID) id: string,
    @Arg('accept') accept: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<Sponsorship> {
    return ctx.services.sponsorships.respond(ctx.viewer!, assertId(id, 'sponsorshipId'), accept, note ?? null);
  }

  @Authorized(Role.ENTERPRISE)
  @Mutation(() => Sponsorship)
  withdrawSponsorship(@Arg('sponsorshipId', () => ID) id: string, @Ctx() ctx: Context): Promise<Sponsorship> {
    return ctx.services.sponsorships.withdraw(ctx.viewer!, assertId(id, 'sponsorshipId'));
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Sponsorship, {
    description: 'FUND_ADMIN: the pledged money arrived; posts a SPONSORSHIP ledger entry.',
  })
  recordSponsorshipPayment(@Arg('sponsorshipId', () => ID) id: string, @Ctx() ctx: Context): Promise<Sponsorship> {
    return ctx.services.sponsorships.recordPayment(ctx.viewer!, assertId(id, 'sponsorshipId'));
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() s: Sponsorship, @Ctx() ctx: Context): Promise<Proposal | null> {
    return ctx.loaders.proposals.byId.load(s.proposalId);
  }

  @FieldResolver(() => Organization)
  organization(@Root() s: Sponsorship, @Ctx() ctx: Context): Promise<Organization> {
    return required(ctx.loaders.organizations.byId.load(s.organizationId), 'Organization');
  }

  @FieldResolver(() => User)
  proposedBy(@Root() s: Sponsorship, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(s.proposedById), 'User');
  }

  @FieldResolver(() => User, { nullable: true })
  decidedBy(@Root() s: Sponsorship, @Ctx() ctx: Context): Promise<User | null> | null {
    return s.decidedById ? ctx.loaders.users.byId.load(s.decidedById) : null;
  }

  @FieldResolver(() => Money, { description: 'Pledged money for FUNDS; estimated value for IN_KIND and SERVICES.' })
  amount(@Root() s: Sponsorship, @Ctx() ctx: Context): Promise<Money> {
    return proposalMoney(ctx, s.proposalId, s.amountMinor);
  }

  @FieldResolver(() => SponsorshipViewerCan)
  viewerCan(@Root() s: Sponsorship, @Ctx() ctx: Context): SponsorshipViewerCan {
    const viewer = ctx.viewer;
    return {
      respond: sponsorshipMachine.may(viewer, s, 'accept'),
      withdraw: sponsorshipMachine.may(viewer, s, 'withdraw'),
      recordPayment: sponsorshipMachine.may(viewer, s, 'fulfil'),
    };
  }
}
