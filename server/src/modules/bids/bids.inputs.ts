import { LIMITS } from '@commonweal/shared';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class SubmitBidInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId: string;

  @Field(() => SafeIntResolver)
  @IsInt()
  @Min(LIMITS.amountMinor.min, { message: 'amountMinor must be at least 1 (minor units)' })
  @Max(LIMITS.amountMinor.max, { message: `amountMinor must be at most ${LIMITS.amountMinor.max} (minor units)` })
  amountMinor: number;

  @Field()
  @Length(LIMITS.bidPlan.min, LIMITS.bidPlan.max)
  @NotBlank()
  plan: string;

  @Field(() => Int)
  @Min(LIMITS.bidDurationDays.min, { message: `durationDays must be at least ${LIMITS.bidDurationDays.min}` })
  @Max(LIMITS.bidDurationDays.max, { message: `durationDays must be at most ${LIMITS.bidDurationDays.max}` })
  durationDays: number;
}
