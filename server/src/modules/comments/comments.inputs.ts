import { LIMITS } from '@commonweal/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class AddCommentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'parentId is not a valid ID' })
  parentId?: string | null;

  @Field()
  @Length(LIMITS.commentBody.min, LIMITS.commentBody.max)
  @NotBlank()
  body: string;
}
