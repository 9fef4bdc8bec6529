import { PartnershipStatus, Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notImplemented } from '../../graphql/errors.js';
import { assertId } from '../shared/ids.js';
import { Partnership } from './partnership.type.js';
import { ProposePartnershipInput } from './partnerships.inputs.js';

/** The fund's side (FUND_ADMIN, GOVERNMENT) and organization members; never a resident. */
const PARTNERS = [Role.FUND_ADMIN, Role.GOVERNMENT, Role.ENTERPRISE, Role.SOCIAL_ORGANIZATION];

/** The contract's partnership operations; the collaboration-market issue implements them. */
@Resolver(() => Partnership)
export class PartnershipsResolver {
  @Query(() => [Partnership])
  partnerships(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => PartnershipStatus, { nullable: true }) _status: PartnershipStatus | null,
  ): Partnership[] {
    assertId(fundId, 'fundId');
    return [];
  }

  @Authorized(PARTNERS)
  @Mutation(() => Partnership)
  proposePartnership(@Arg('input', () => ProposePartnershipInput) _input: ProposePartnershipInput): Partnership {
    throw notImplemented('Partnerships');
  }

  @Authorized(PARTNERS)
  @Mutation(() => Partnership)
  respondToPartnership(@Arg('partnershipId', () => ID) _id: string, @Arg('accept') _accept: boolean): Partnership {
    throw notImplemented('Partnerships');
  }
}
