import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class SubmitFeedbackInput {
  @Field(() => ID)
  fundId: string;

  @Field(() => ID, { nullable: true })
  proposalId?: string | null;

  @Field()
  body: string;
}
