import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { LedgerEntryConnection } from '../ledger/ledger-entry.type.js';
import { emptyConnection, pageSize } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money, money } from '../shared/money.type.js';
import { Fund } from './fund.entity.js';
import { Neighborhood } from './neighborhood.entity.js';

/** Until the money issue lands the ledger is empty, so every total is zero. */
const zero = (fund: Fund): Money => money(0n, fund.currency);

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
  balance(@Root() fund: Fund): Money {
    return zero(fund);
  }

  @FieldResolver(() => Money)
  totalRaised(@Root() fund: Fund): Money {
    return zero(fund);
  }

  @FieldResolver(() => Money)
  totalDisbursed(@Root() fund: Fund): Money {
    return zero(fund);
  }

  @FieldResolver(() => LedgerEntryConnection)
  ledger(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): LedgerEntryConnection {
    pageSize(first, 50);
    return emptyConnection();
  }
}

@Resolver(() => Neighborhood)
export class NeighborhoodResolver {
  @FieldResolver(() => Fund)
  fund(@Root() neighborhood: Neighborhood, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(neighborhood.fundId), 'Fund');
  }
}
