import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class SubmitBidInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => SafeIntResolver)
  amountMinor: number;

  @Field()
  plan: string;

  @Field(() => Int)
  durationDays: number;
}
