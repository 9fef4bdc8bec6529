import type { Context } from '../../graphql/context.js';
import { required } from '../shared/loader-utils.js';
import { money, type Money } from '../shared/money.type.js';

/** A fund's currency, through the request's loaders the first time. */
export async function fundCurrency(ctx: Context, fundId: string): Promise<string> {
  let currency = currencyOfFund.get(fundId);
  if (currency === undefined) {
    currency = (await required(ctx.loaders.funds.byId.load(fundId), 'Fund')).currency;
    currencyOfFund.set(fundId, currency);
  }
  return currency;
}

/** Money in the currency of a fund, through the request's loaders. */
export async function fundMoney(ctx: Context, fundId: string, minor: bigint): Promise<Money> {
  return money(minor, await fundCurrency(ctx, fundId));
}

/**
 * A fund's currency is set when the fund is created and never changes (no
 * mutation edits it), so once read it is kept for the life of the process:
 * every Money field of a list would otherwise cost a statement per request.
 */
const currencyOfFund = new Map<string, string>();

/** Money in the currency of the fund a proposal belongs to. */
export async function proposalMoney(ctx: Context, proposalId: string, minor: bigint): Promise<Money> {
  const proposal = await required(ctx.loaders.proposals.byId.load(proposalId), 'Proposal');
  return fundMoney(ctx, proposal.fundId, minor);
}
