import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RequestDisbursementInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => SafeIntResolver)
  amountMinor: number;

  @Field()
  memo: string;
}
