import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { LedgerEntryConnection } from '../ledger/ledger.type.js';
import { pageSize, type Connection } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money, money } from '../shared/money.type.js';
import { Fund } from './fund.entity.js';
import { Neighborhood } from './neighborhood.entity.js';

@Resolver(() => Fund)
export class FundsResolver {
  @Query(() => [Fund])
  funds(@Ctx() ctx: Context): Promise<Fund[]> {
    return ctx.dataSource.getRepository(Fund).find({ order: { createdAt: 'ASC' } });
  }

  @Query(() => Fund, { nullable: true })
  fund(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Fund | null> {
    return ctx.loaders.funds.byId.load(assertId(id, 'id'));
  }

  @FieldResolver(() => [Neighborhood])
  neighborhoods(@Root() fund: Fund, @Ctx() ctx: Context): Promise<Neighborhood[]> {
    return ctx.loaders.funds.neighborhoodsByFundId.load(fund.id);
  }

  @FieldResolver(() => Money, { description: 'Sum of all ledger postings into the fund minus all out of it.' })
  async balance(@Root() fund: Fund, @Ctx() ctx: Context): Promise<Money> {
    return money((await ctx.loaders.ledger.fundTotals.load(fund.id)).balance, fund.currency);
  }

  @FieldResolver(() => Money, { description: 'All money that came into the fund.' })
  async totalRaised(@Root() fund: Fund, @Ctx() ctx: Context): Promise<Money> {
    return money((await ctx.loaders.ledger.fundTotals.load(fund.id)).raised, fund.currency);
  }

  @FieldResolver(() => Money, { description: 'All money paid out for projects.' })
  async totalDisbursed(@Root() fund: Fund, @Ctx() ctx: Context): Promise<Money> {
    return money((await ctx.loaders.ledger.fundTotals.load(fund.id)).disbursed, fund.currency);
  }

  @FieldResolver(() => LedgerEntryConnection, { description: 'The fund’s ledger, newest entry first.' })
  ledger(
    @Root() fund: Fund,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<LedgerEntry>> {
    return ctx.services.ledger.list(fund.id, pageSize(first, 50), after ?? null);
  }
}

@Resolver(() => Neighborhood)
export class NeighborhoodResolver {
  @FieldResolver(() => Fund)
  fund(@Root() neighborhood: Neighborhood, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(neighborhood.fundId), 'Fund');
  }
}
