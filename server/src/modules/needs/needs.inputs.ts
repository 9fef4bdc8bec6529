import { Category, LIMITS } from '@commonweal/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class CreateNeedInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'neighborhoodId is not a valid ID' })
  neighborhoodId?: string | null;

  @Field()
  @Length(LIMITS.needTitle.min, LIMITS.needTitle.max)
  @NotBlank()
  title: string;

  @Field()
  @Length(LIMITS.needDescription.min, LIMITS.needDescription.max)
  @NotBlank()
  description: string;

  @Field(() => Category)
  category: Category;
}
