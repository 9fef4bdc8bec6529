import { Category, LedgerDirection, LedgerEntryKind } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ConnectionType } from '../shared/connection.js';
import { Money } from '../shared/money.type.js';

/** Contract types; the money issue gives the ledger its table and rules. */
@ObjectType()
export class LedgerEntry {
  @Field(() => ID)
  id: string;

  @Field(() => Fund)
  fund: Fund;

  @Field(() => LedgerEntryKind)
  kind: LedgerEntryKind;

  @Field(() => LedgerDirection)
  direction: LedgerDirection;

  @Field(() => Money, { description: 'Always positive; direction says which way it moved.' })
  amount: Money;

  @Field(() => Money, { description: 'Fund balance right after this entry.' })
  balanceAfter: Money;

  @Field()
  memo: string;

  @Field()
  counterparty: string;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Field()
  occurredAt: Date;

  createdAt: Date;
}

@ObjectType()
export class LedgerEntryConnection extends ConnectionType(LedgerEntry, 'LedgerEntry') {}

@ObjectType()
export class CategoryTotal {
  @Field(() => Category)
  category: Category;

  @Field(() => Money)
  raised: Money;

  @Field(() => Money)
  spent: Money;
}

@ObjectType()
export class FundReport {
  @Field(() => Fund)
  fund: Fund;

  @Field(() => Date, { nullable: true })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;

  @Field(() => Money)
  totalIn: Money;

  @Field(() => Money)
  totalOut: Money;

  @Field(() => [CategoryTotal])
  byCategory: CategoryTotal[];
}
