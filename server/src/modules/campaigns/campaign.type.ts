import { CampaignStatus } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { Money } from '../shared/money.type.js';

/** Contract types; the money issue gives them tables and rules. */
@ObjectType()
export class Campaign {
  @Field(() => ID)
  id: string;

  @Field(() => Fund)
  fund: Fund;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => Money)
  goal: Money;

  @Field(() => Money)
  raised: Money;

  @Field(() => Int)
  donorCount: number;

  @Field(() => CampaignStatus)
  status: CampaignStatus;

  @Field(() => Date, { nullable: true })
  endsAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class Donation {
  @Field(() => ID)
  id: string;

  @Field(() => Campaign)
  campaign: Campaign;

  @Field({ description: 'The donor\'s chosen public name, or "Anonymous".' })
  donorName: string;

  @Field(() => Money)
  amount: Money;

  @Field()
  createdAt: Date;
}
