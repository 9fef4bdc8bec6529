import { DisbursementStatus, Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notImplemented } from '../../graphql/errors.js';
import { assertId } from '../shared/ids.js';
import { Disbursement } from './disbursement.type.js';
import { RequestDisbursementInput } from './disbursements.inputs.js';

/** The contract's two-key disbursements; the money issue implements them. */
@Resolver(() => Disbursement)
export class DisbursementsResolver {
  @Query(() => [Disbursement])
  disbursements(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => DisbursementStatus, { nullable: true }) _status: DisbursementStatus | null,
  ): Disbursement[] {
    assertId(fundId, 'fundId');
    return [];
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Disbursement)
  requestDisbursement(@Arg('input', () => RequestDisbursementInput) _input: RequestDisbursementInput): Disbursement {
    throw notImplemented('Disbursements');
  }

  @Authorized(Role.GOVERNMENT)
  @Mutation(() => Disbursement)
  approveDisbursement(@Arg('disbursementId', () => ID) _id: string): Disbursement {
    throw notImplemented('Disbursements');
  }

  @Authorized(Role.GOVERNMENT)
  @Mutation(() => Disbursement)
  rejectDisbursement(
    @Arg('disbursementId', () => ID) _id: string,
    @Arg('note', () => String, { nullable: true }) _note: string | null,
  ): Disbursement {
    throw notImplemented('Disbursements');
  }
}
