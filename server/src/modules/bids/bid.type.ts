import { BidStatus } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { Money } from '../shared/money.type.js';
import { User } from '../users/user.entity.js';

/** Contract type; the collaboration-market issue gives it a table and rules (sealed until award). */
@ObjectType()
export class Bid {
  @Field(() => ID)
  id: string;

  @Field(() => Proposal)
  proposal: Proposal;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => User)
  submittedBy: User;

  @Field(() => Money)
  amount: Money;

  @Field()
  plan: string;

  @Field(() => Int)
  durationDays: number;

  @Field(() => BidStatus)
  status: BidStatus;

  @Field()
  submittedAt: Date;
}
