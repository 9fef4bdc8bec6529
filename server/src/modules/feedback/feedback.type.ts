import { FeedbackStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { User } from '../users/user.entity.js';

/** Contract type; the feedback issue gives it a table and rules. */
@ObjectType()
export class Feedback {
  @Field(() => ID)
  id: string;

  @Field(() => Fund)
  fund: Fund;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field(() => User)
  author: User;

  @Field()
  body: string;

  @Field(() => FeedbackStatus)
  status: FeedbackStatus;

  @Field(() => String, { nullable: true })
  response: string | null;

  @Field(() => User, { nullable: true })
  respondedBy: User | null;

  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  @Field()
  createdAt: Date;
}
