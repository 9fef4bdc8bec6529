import { Category, LIMITS } from '@commonweal/shared';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

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

@InputType({
  description: 'Only the fields given change. In CONSULTATION a reason is required and may cite comments and feedback.',
})
export class ReviseProposalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(LIMITS.proposalTitle.min, LIMITS.proposalTitle.max)
  @NotBlank()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(LIMITS.proposalSummary.min, LIMITS.proposalSummary.max)
  @NotBlank()
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(LIMITS.proposalBody.min, LIMITS.proposalBody.max)
  @NotBlank()
  body?: string | null;

  @Field(() => SafeIntResolver, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(LIMITS.budgetMinor.min, { message: 'budgetMinor must be at least 1 (minor units)' })
  @Max(LIMITS.budgetMinor.max, { message: `budgetMinor must be at most ${LIMITS.budgetMinor.max} (minor units)` })
  budgetMinor?: number | null;

  @Field(() => String, { nullable: true, description: 'Why it changed; required during consultation.' })
  @IsOptional()
  @Length(LIMITS.revisionReason.min, LIMITS.revisionReason.max)
  reason?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Comments on this proposal that prompted the change.' })
  @IsOptional()
  @ArrayMaxSize(LIMITS.revisionCitations.max)
  @IsUUID('all', { each: true, message: 'citedCommentIds must hold valid IDs' })
  citedCommentIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Feedback on this proposal or the fund that prompted the change.' })
  @IsOptional()
  @ArrayMaxSize(LIMITS.revisionCitations.max)
  @IsUUID('all', { each: true, message: 'citedFeedbackIds must hold valid IDs' })
  citedFeedbackIds?: string[] | null;
}
