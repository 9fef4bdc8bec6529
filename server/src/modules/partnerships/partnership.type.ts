import { PartnershipKind, PartnershipStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Fund } from '../funds/fund.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

/** Contract type; the collaboration-market issue gives it a table and rules. */
@ObjectType()
export class Partnership {
  @Field(() => ID)
  id: string;

  @Field(() => Fund)
  fund: Fund;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => PartnershipKind)
  kind: PartnershipKind;

  @Field()
  title: string;

  @Field()
  commitments: string;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field(() => PartnershipStatus)
  status: PartnershipStatus;

  @Field(() => Date, { nullable: true })
  startsOn: Date | null;

  @Field(() => Date, { nullable: true })
  endsOn: Date | null;

  @Field()
  createdAt: Date;
}
