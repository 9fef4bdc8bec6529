import { SponsorshipKind, SponsorshipStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { Money } from '../shared/money.type.js';
import { User } from '../users/user.entity.js';

/** Contract type; the collaboration-market issue gives it a table and rules. */
@ObjectType()
export class Sponsorship {
  @Field(() => ID)
  id: string;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => User)
  proposedBy: User;

  @Field(() => SponsorshipKind)
  kind: SponsorshipKind;

  @Field(() => Money, { description: 'Pledged money for FUNDS; estimated value for IN_KIND and SERVICES.' })
  amount: Money;

  @Field()
  description: string;

  @Field(() => SponsorshipStatus)
  status: SponsorshipStatus;

  @Field(() => User, { nullable: true })
  decidedBy: User | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field()
  createdAt: Date;
}
