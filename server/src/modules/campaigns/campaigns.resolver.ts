import { Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notFound, notImplemented } from '../../graphql/errors.js';
import type { CampaignUpdatedEvent } from '../../graphql/pubsub.js';
import { assertId } from '../shared/ids.js';
import { Campaign, Donation } from './campaign.type.js';
import { CreateCampaignInput, DonateInput } from './campaigns.inputs.js';

/** The contract's fundraising operations; the money issue implements them. */
@Resolver(() => Campaign)
export class CampaignsResolver {
  @Query(() => [Campaign])
  campaigns(@Arg('fundId', () => ID) fundId: string): Campaign[] {
    assertId(fundId, 'fundId');
    return [];
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Campaign)
  createCampaign(@Arg('input', () => CreateCampaignInput) _input: CreateCampaignInput): Campaign {
    throw notImplemented('Campaigns');
  }

  @Mutation(() => Donation)
  donate(@Arg('input', () => DonateInput) _input: DonateInput): Donation {
    throw notImplemented('Donations');
  }

  @Subscription(() => Campaign, {
    subscribe: ({ args }) => {
      assertId(args.campaignId as string, 'campaignId');
      throw notFound('Campaign');
    },
  })
  campaignUpdated(@Root() _event: CampaignUpdatedEvent, @Arg('campaignId', () => ID) _campaignId: string): Campaign {
    throw notFound('Campaign');
  }
}
