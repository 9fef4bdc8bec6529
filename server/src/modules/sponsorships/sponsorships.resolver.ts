import { Role } from '@commonweal/shared';
import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import { notImplemented } from '../../graphql/errors.js';
import { Sponsorship } from './sponsorship.type.js';
import { ProposeSponsorshipInput } from './sponsorships.inputs.js';

/** The contract's sponsorship operations, authorized per DESIGN.md §3; the collaboration-market issue implements them. */
@Resolver(() => Sponsorship)
export class SponsorshipsResolver {
  @Authorized(Role.ENTERPRISE)
  @Mutation(() => Sponsorship)
  proposeSponsorship(@Arg('input', () => ProposeSponsorshipInput) _input: ProposeSponsorshipInput): Sponsorship {
    throw notImplemented('Sponsorships');
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Sponsorship)
  respondToSponsorship(
    @Arg('sponsorshipId', () => ID) _id: string,
    @Arg('accept') _accept: boolean,
    @Arg('note', () => String, { nullable: true }) _note: string | null,
  ): Sponsorship {
    throw notImplemented('Sponsorships');
  }

  @Authorized(Role.ENTERPRISE)
  @Mutation(() => Sponsorship)
  withdrawSponsorship(@Arg('sponsorshipId', () => ID) _id: string): Sponsorship {
    throw notImplemented('Sponsorships');
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Sponsorship, {
    description: 'FUND_ADMIN: the pledged money arrived; posts a SPONSORSHIP ledger entry.',
  })
  recordSponsorshipPayment(@Arg('sponsorshipId', () => ID) _id: string): Sponsorship {
    throw notImplemented('Sponsorships');
  }
}
