import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateCampaignInput {
  @Field(() => ID)
  fundId: string;

  @Field(() => ID, { nullable: true })
  proposalId?: string | null;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => SafeIntResolver)
  goalMinor: number;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;
}

@InputType()
export class DonateInput {
  @Field(() => ID)
  campaignId: string;

  @Field(() => SafeIntResolver)
  amountMinor: number;

  @Field(() => String, { nullable: true, description: 'Shown publicly unless anonymous is true.' })
  displayName?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  anonymous?: boolean | null;

  @Field({
    description:
      'Client-chosen key: a retried donation with the same key records nothing new and returns the first result.',
  })
  idempotencyKey: string;
}
