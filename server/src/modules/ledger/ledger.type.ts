import { Category, LedgerEntryKind } from '@commonweal/shared';
import { Field, Int, ObjectType } from 'type-graphql';
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

@ObjectType({
  description: 'Money for one proposal: its budget, what sponsors and donors gave for it, what was paid out.',
})
export class ProposalTotal {
  proposalId: string;

  @Field(() => Money)
  budget: Money;

  @Field(() => Money, { description: 'Money that came in for it (sponsorships and donations to its campaigns).' })
  raised: Money;

  @Field(() => Money)
  spent: Money;
}

@ObjectType({ description: 'Money in from one source: "Donations", or a sponsor by name.' })
export class SourceTotal {
  @Field()
  source: string;

  @Field(() => LedgerEntryKind)
  kind: LedgerEntryKind;

  @Field(() => Money)
  amount: Money;
}

@ObjectType()
export class MonthTotal {
  @Field({ description: 'Calendar month in UTC, e.g. "2026-11".' })
  month: string;

  @Field(() => Money)
  totalIn: Money;

  @Field(() => Money)
  totalOut: Money;
}

@ObjectType({ description: 'The result of re-checking a fund’s hash-chained ledger.' })
export class LedgerVerification {
  @Field()
  valid: boolean;

  @Field(() => Int)
  entriesChecked: number;

  @Field(() => Int, { nullable: true, description: 'The first entry that does not check out.' })
  firstBrokenSequence: number | null;

  @Field(() => String, { nullable: true })
  problem: string | null;
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

  @Field(() => [ProposalTotal], { description: 'Proposals that money came in or went out for, in the period.' })
  byProposal: ProposalTotal[];

  @Field(() => [SourceTotal], { description: 'Money in by source: all donations together, each sponsor by name.' })
  bySource: SourceTotal[];

  @Field(() => [MonthTotal], { description: 'Money in and out per calendar month, oldest first.' })
  monthly: MonthTotal[];
}
