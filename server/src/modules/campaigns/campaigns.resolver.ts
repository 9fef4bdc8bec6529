import { CampaignStatus, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type CampaignUpdatedEvent } from '../../graphql/pubsub.js';
import { fundMoney } from '../funds/currency.js';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ConnectionType, pageSize, type Connection } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { Campaign, Donation } from './campaign.entity.js';
import { CreateCampaignInput, DonateInput } from './campaigns.inputs.js';
import { isCampaignOpen } from './campaigns.service.js';

@ObjectType()
class DonationConnection extends ConnectionType(Donation, 'Donation') {}

@ObjectType({ description: 'What the viewer may do with this campaign now.' })
class CampaignViewerCan {
  @Field({ description: 'Donate: anyone, signed in or not, while the campaign is open.' })
  donate: boolean;
}

@Resolver(() => Campaign)
export class CampaignsResolver {
  @Query(() => [Campaign], { description: 'A fund’s campaigns, newest first.' })
  async campaigns(@Arg('fundId', () => ID) fundId: string, @Ctx() ctx: Context): Promise<Campaign[]> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.campaigns.list(fund.id);
  }

  @Query(() => Campaign, { nullable: true })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign | null> {
    return ctx.loaders.campaigns.byId.load(assertId(id, 'id'));
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Campaign)
  createCampaign(
    @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.campaigns.create(ctx.viewer!, input);
  }

  @Mutation(() => Donation, { description: 'Anyone, signed in or not. Payments are recorded, not charged.' })
  async donate(@Arg('input', () => DonateInput) input: DonateInput, @Ctx() ctx: Context): Promise<Donation> {
    await ctx.services.rateLimits.donation(ctx.ip);
    return ctx.services.campaigns.donate(ctx.viewer, input);
  }

  @Subscription(() => Campaign, {
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { campaignId: string }, Context>) => {
      const campaignId = assertId(args.campaignId, 'campaignId');
      if (!(await context.loaders.campaigns.byId.load(campaignId))) throw notFound('Campaign');
      return context.subscribe(Topic.CampaignUpdated, campaignId);
    },
  })
  campaignUpdated(
    @Root() event: CampaignUpdatedEvent,
    @Arg('campaignId', () => ID) _campaignId: string,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    ctx.renewLoaders(event);
    return required(ctx.loaders.campaigns.byId.load(event.campaignId), 'Campaign');
  }

  @FieldResolver(() => Fund)
  fund(@Root() c: Campaign, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(c.fundId), 'Fund');
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() c: Campaign, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return c.proposalId ? ctx.loaders.proposals.byId.load(c.proposalId) : null;
  }

  @FieldResolver(() => Money)
  goal(@Root() c: Campaign, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, c.fundId, c.goalMinor);
  }

  @FieldResolver(() => Money, { description: 'The sum of its donations.' })
  async raised(@Root() c: Campaign, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, c.fundId, (await ctx.loaders.campaigns.totals.load(c.id)).raised);
  }

  @FieldResolver(() => Int, { description: 'Donations received (anonymous donors cannot be told apart).' })
  async donorCount(@Root() c: Campaign, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.campaigns.totals.load(c.id)).donorCount;
  }

  @FieldResolver(() => Int, { description: 'raised / goal in whole percent, 0..100 (integer arithmetic).' })
  async progressPercent(@Root() c: Campaign, @Ctx() ctx: Context): Promise<number> {
    const { raised } = await ctx.loaders.campaigns.totals.load(c.id);
    const percent = (raised * 100n) / c.goalMinor;
    return Number(percent > 100n ? 100n : percent);
  }

  @FieldResolver(() => CampaignStatus, { description: 'OPEN until endsAt, then CLOSED.' })
  status(@Root() c: Campaign): CampaignStatus {
    return isCampaignOpen(c) ? CampaignStatus.OPEN : CampaignStatus.CLOSED;
  }

  @FieldResolver(() => DonationConnection, { description: 'Newest first.' })
  donations(
    @Root() c: Campaign,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Donation>> {
    return ctx.loaders.campaigns.donations.load({ parentId: c.id, first: pageSize(first, 20), after: after ?? null });
  }

  @FieldResolver(() => CampaignViewerCan)
  viewerCan(@Root() c: Campaign): CampaignViewerCan {
    return { donate: isCampaignOpen(c) };
  }
}

@Resolver(() => Donation)
export class DonationResolver {
  @FieldResolver(() => Campaign)
  campaign(@Root() d: Donation, @Ctx() ctx: Context): Promise<Campaign> {
    return required(ctx.loaders.campaigns.byId.load(d.campaignId), 'Campaign');
  }

  @FieldResolver(() => Money)
  async amount(@Root() d: Donation, @Ctx() ctx: Context): Promise<Money> {
    const campaign = await required(ctx.loaders.campaigns.byId.load(d.campaignId), 'Campaign');
    return fundMoney(ctx, campaign.fundId, d.amountMinor);
  }
}
