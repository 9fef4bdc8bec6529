import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { Proposal } from './proposal.entity.js';

/** Contract type; the collaboration-market issue gives it a table and rules. */
@ObjectType()
export class ProgressUpdate {
  @Field(() => ID)
  id: string;

  @Field(() => Proposal)
  proposal: Proposal;

  @Field(() => User)
  author: User;

  @Field()
  body: string;

  @Field(() => Int)
  percentComplete: number;

  @Field()
  createdAt: Date;
}
