import { Category, LIMITS } from '@commonweal/shared';
import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { NotBlank } from '../shared/validation.js';

@InputType()
export class CreateProposalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'needId is not a valid ID' })
  needId?: string | null;

  @Field()
  @Length(LIMITS.proposalTitle.min, LIMITS.proposalTitle.max)
  @NotBlank()
  title: string;

  @Field()
  @Length(LIMITS.proposalSummary.min, LIMITS.proposalSummary.max)
  @NotBlank()
  summary: string;

  @Field()
  @Length(LIMITS.proposalBody.min, LIMITS.proposalBody.max)
  @NotBlank()
  body: string;

  @Field(() => Category)
  category: Category;

  @Field(() => SafeIntResolver)
  @IsInt()
  @Min(LIMITS.budgetMinor.min, { message: 'budgetMinor must be at least 1 (minor units)' })
  @Max(LIMITS.budgetMinor.max, { message: `budgetMinor must be at most ${LIMITS.budgetMinor.max} (minor units)` })
  budgetMinor: number;
}
