import { LIMITS } from '@commonweal/shared';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class RequestDisbursementInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId: string;

  @Field(() => SafeIntResolver)
  @IsInt()
  @Min(LIMITS.amountMinor.min, { message: 'amountMinor must be at least 1 (minor units)' })
  @Max(LIMITS.amountMinor.max, { message: `amountMinor must be at most ${LIMITS.amountMinor.max} (minor units)` })
  amountMinor: number;

  @Field()
  @Length(LIMITS.disbursementMemo.min, LIMITS.disbursementMemo.max)
  @NotBlank()
  memo: string;
}
