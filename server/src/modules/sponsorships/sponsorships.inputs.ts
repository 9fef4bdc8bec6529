import { SponsorshipKind } from '@commonweal/shared';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ProposeSponsorshipInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => SponsorshipKind)
  kind: SponsorshipKind;

  @Field(() => SafeIntResolver)
  amountMinor: number;

  @Field()
  description: string;
}
