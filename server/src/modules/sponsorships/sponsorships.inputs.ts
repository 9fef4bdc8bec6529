import { LIMITS, SponsorshipKind } from '@commonweal/shared';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class ProposeSponsorshipInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId: string;

  @Field(() => SponsorshipKind)
  kind: SponsorshipKind;

  @Field(() => SafeIntResolver, {
    description: 'Pledged money for FUNDS; estimated value for IN_KIND and SERVICES (minor units).',
  })
  @IsInt()
  @Min(LIMITS.amountMinor.min, { message: 'amountMinor must be at least 1 (minor units)' })
  @Max(LIMITS.amountMinor.max, { message: `amountMinor must be at most ${LIMITS.amountMinor.max} (minor units)` })
  amountMinor: number;

  @Field()
  @Length(LIMITS.sponsorshipDescription.min, LIMITS.sponsorshipDescription.max)
  @NotBlank()
  description: string;
}
