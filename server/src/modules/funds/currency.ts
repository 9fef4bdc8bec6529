import type { Context } from '../../graphql/context.js';
import { required } from '../shared/loader-utils.js';
import { money, type Money } from '../shared/money.type.js';

/** Money in the currency of a fund, through the request's loaders. */
export async function fundMoney(ctx: Context, fundId: string, minor: bigint): Promise<Money> {
  return money(minor, (await required(ctx.loaders.funds.byId.load(fundId), 'Fund')).currency);
}

/** Money in the currency of the fund a proposal belongs to. */
export async function proposalMoney(ctx: Context, proposalId: string, minor: bigint): Promise<Money> {
  const proposal = await required(ctx.loaders.proposals.byId.load(proposalId), 'Proposal');
  return fundMoney(ctx, proposal.fundId, minor);
}
