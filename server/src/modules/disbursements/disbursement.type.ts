import { DisbursementStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { Money } from '../shared/money.type.js';
import { User } from '../users/user.entity.js';

/** Contract type; the money issue gives it a table and the two-key rules. */
@ObjectType()
export class Disbursement {
  @Field(() => ID)
  id: string;

  @Field(() => Proposal)
  proposal: Proposal;

  @Field(() => Organization)
  payee: Organization;

  @Field(() => Money)
  amount: Money;

  @Field()
  memo: string;

  @Field(() => DisbursementStatus)
  status: DisbursementStatus;

  @Field(() => User)
  requestedBy: User;

  @Field(() => User, { nullable: true, description: 'A GOVERNMENT user other than the requester.' })
  decidedBy: User | null;

  @Field(() => LedgerEntry, { nullable: true })
  ledgerEntry: LedgerEntry | null;

  @Field()
  createdAt: Date;
}
