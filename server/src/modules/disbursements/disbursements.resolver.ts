import { DisbursementStatus, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { proposalMoney } from '../funds/currency.js';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { Money } from '../shared/money.type.js';
import { User } from '../users/user.entity.js';
import { Disbursement } from './disbursement.entity.js';
import { RequestDisbursementInput } from './disbursements.inputs.js';
import { canDecideDisbursement } from './disbursements.policy.js';

@ObjectType({ description: 'What the viewer may do to this disbursement now.' })
class DisbursementViewerCan {
  @Field({ description: 'A GOVERNMENT user other than the requester, while pending.' })
  approve: boolean;

  @Field()
  reject: boolean;
}

@Resolver(() => Disbursement)
export class DisbursementsResolver {
  @Query(() => [Disbursement], { description: 'APPROVED ones for everybody; all for GOVERNMENT and FUND_ADMIN.' })
  async disbursements(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => DisbursementStatus, { nullable: true }) status: DisbursementStatus | null,
    @Ctx() ctx: Context,
  ): Promise<Disbursement[]> {
    const fund = await required(ctx.loaders.funds.byId.load(assertId(fundId, 'fundId')), 'Fund');
    return ctx.services.disbursements.list(ctx.viewer, fund.id, status ?? null);
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Disbursement)
  requestDisbursement(
    @Arg('input', () => RequestDisbursementInput) input: RequestDisbursementInput,
    @Ctx() ctx: Context,
  ): Promise<Disbursement> {
    return ctx.services.disbursements.request(ctx.viewer!, input);
  }

  @Authorized(Role.GOVERNMENT)
  @Mutation(() => Disbursement, { description: 'GOVERNMENT, never the requester: pays out, or INSUFFICIENT_FUNDS.' })
  approveDisbursement(@Arg('disbursementId', () => ID) id: string, @Ctx() ctx: Context): Promise<Disbursement> {
    return ctx.services.disbursements.approve(ctx.viewer!, assertId(id, 'disbursementId'));
  }

  @Authorized(Role.GOVERNMENT)
  @Mutation(() => Disbursement)
  rejectDisbursement(
    @Arg('disbursementId', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<Disbursement> {
    return ctx.services.disbursements.reject(ctx.viewer!, assertId(id, 'disbursementId'), note ?? null);
  }

  @FieldResolver(() => Proposal)
  proposal(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<Proposal> {
    return required(ctx.loaders.proposals.byId.load(d.proposalId), 'Proposal');
  }

  @FieldResolver(() => Organization)
  payee(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<Organization> {
    return required(ctx.loaders.organizations.byId.load(d.payeeOrganizationId), 'Organization');
  }

  @FieldResolver(() => Money)
  amount(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<Money> {
    return proposalMoney(ctx, d.proposalId, d.amountMinor);
  }

  @FieldResolver(() => User)
  requestedBy(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(d.requestedById), 'User');
  }

  @FieldResolver(() => User, { nullable: true, description: 'A GOVERNMENT user other than the requester.' })
  decidedBy(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<User | null> | null {
    return d.decidedById ? ctx.loaders.users.byId.load(d.decidedById) : null;
  }

  @FieldResolver(() => LedgerEntry, { nullable: true })
  ledgerEntry(@Root() d: Disbursement, @Ctx() ctx: Context): Promise<LedgerEntry | null> | null {
    return d.ledgerEntryId ? ctx.loaders.ledger.byId.load(d.ledgerEntryId) : null;
  }

  @FieldResolver(() => DisbursementViewerCan)
  viewerCan(@Root() d: Disbursement, @Ctx() ctx: Context): DisbursementViewerCan {
    const may = canDecideDisbursement(ctx.viewer, d);
    return { approve: may, reject: may };
  }
}
