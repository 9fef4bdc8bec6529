import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type LedgerEntryPostedEvent } from '../../graphql/pubsub.js';
import { emptyConnection, pageSize } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { money } from '../shared/money.type.js';
import { FundReport, LedgerEntry, LedgerEntryConnection } from './ledger-entry.type.js';

/** The public ledger and reports; empty until the money issue posts entries. */
@Resolver(() => LedgerEntry)
export class LedgerResolver {
  @Query(() => LedgerEntryConnection)
  ledger(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): LedgerEntryConnection {
    assertId(fundId, 'fundId');
    pageSize(first, 50);
    return emptyConnection();
  }

  @Query(() => FundReport)
  async fundReport(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<FundReport> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    const zero = money(0n, fund.currency);
    return { fund, from: from ?? null, to: to ?? null, totalIn: zero, totalOut: zero, byCategory: [] };
  }

  @Subscription(() => LedgerEntry, {
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { fundId: string }, Context>) => {
      const fundId = assertId(args.fundId, 'fundId');
      if (!(await context.loaders.funds.byId.load(fundId))) throw notFound('Fund');
      return context.pubsub.subscribe(Topic.LedgerEntryPosted, fundId);
    },
  })
  ledgerEntryPosted(@Root() _event: LedgerEntryPostedEvent, @Arg('fundId', () => ID) _fundId: string): LedgerEntry {
    throw notFound('Ledger entry');
  }
}
