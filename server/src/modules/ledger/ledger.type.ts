import { Category } from '@commonweal/shared';
import { Field, ObjectType } from 'type-graphql';
import { Fund } from '../funds/fund.entity.js';
import { ConnectionType } from '../shared/connection.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { Money } from '../shared/money.type.js';

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
