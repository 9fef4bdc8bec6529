import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type LedgerEntryPostedEvent } from '../../graphql/pubsub.js';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { User } from '../users/user.entity.js';
import { pageSize, type Connection } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { fundMoney } from '../funds/currency.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { FundReport, LedgerEntryConnection, LedgerVerification, ProposalTotal } from './ledger.type.js';

/** The public ledger: every entry is public. */
@Resolver(() => LedgerEntry)
export class LedgerResolver {
  @Query(() => LedgerEntryConnection, { description: 'A fund’s ledger, newest entry first.' })
  async ledger(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<LedgerEntry>> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.ledger.list(fund.id, pageSize(first, 50), after ?? null);
  }

  @Query(() => FundReport)
  async fundReport(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<FundReport> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.ledger.report(fund, from ?? null, to ?? null);
  }

  @Query(() => LedgerVerification, {
    description: 'Re-checks the hash chain, sequence and balances of a fund’s ledger.',
  })
  async verifyLedger(@Arg('fundId', () => ID) fundId: string, @Ctx() ctx: Context): Promise<LedgerVerification> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.ledger.verify(fund.id);
  }

  @Subscription(() => LedgerEntry, {
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { fundId: string }, Context>) => {
      const fundId = assertId(args.fundId, 'fundId');
      if (!(await context.loaders.funds.byId.load(fundId))) throw notFound('Fund');
      return context.subscribe(Topic.LedgerEntryPosted, fundId);
    },
  })
  ledgerEntryPosted(
    @Root() event: LedgerEntryPostedEvent,
    @Arg('fundId', () => ID) _fundId: string,
    @Ctx() ctx: Context,
  ): Promise<LedgerEntry> {
    ctx.renewLoaders(event);
    return required(ctx.loaders.ledger.byId.load(event.entryId), 'Ledger entry');
  }

  @FieldResolver(() => Fund)
  fund(@Root() e: LedgerEntry, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(e.fundId), 'Fund');
  }

  @FieldResolver(() => Money, { description: 'Always positive; direction says which way it moved.' })
  amount(@Root() e: LedgerEntry, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, e.fundId, e.amountMinor);
  }

  @FieldResolver(() => Money, { description: 'Fund balance right after this entry.' })
  balanceAfter(@Root() e: LedgerEntry, @Ctx() ctx: Context): Promise<Money> {
    return fundMoney(ctx, e.fundId, e.balanceAfterMinor);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The fund-side user who recorded the entry; null for online donations.',
  })
  recordedBy(@Root() e: LedgerEntry, @Ctx() ctx: Context): Promise<User | null> | null {
    return e.recordedById ? ctx.loaders.users.byId.load(e.recordedById) : null;
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() e: LedgerEntry, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return e.proposalId ? ctx.loaders.proposals.byId.load(e.proposalId) : null;
  }
}

@Resolver(() => ProposalTotal)
export class ProposalTotalResolver {
  @FieldResolver(() => Proposal)
  proposal(@Root() t: ProposalTotal, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(t.proposalId), 'Proposal');
  }
}
