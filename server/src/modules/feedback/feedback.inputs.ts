import { LIMITS } from '@commonweal/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class SubmitFeedbackInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId?: string | null;

  @Field()
  @Length(LIMITS.feedbackBody.min, LIMITS.feedbackBody.max)
  @NotBlank()
  body: string;
}
