import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ProposePartnershipInput {
  @Field(() => ID)
  fundId: string;

  @Field(() => ID)
  organizationId: string;

  @Field()
  title: string;

  @Field()
  commitments: string;

  @Field(() => Date, { nullable: true })
  startsOn?: Date | null;

  @Field(() => Date, { nullable: true })
  endsOn?: Date | null;
}
