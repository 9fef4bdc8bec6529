import { LIMITS } from '@commonweal/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class ProposePartnershipInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'organizationId is not a valid ID' })
  organizationId: string;

  @Field()
  @Length(LIMITS.partnershipTitle.min, LIMITS.partnershipTitle.max)
  @NotBlank()
  title: string;

  @Field()
  @Length(LIMITS.partnershipCommitments.min, LIMITS.partnershipCommitments.max)
  @NotBlank()
  commitments: string;

  @Field(() => DateTimeResolver, { nullable: true })
  @IsOptional()
  startsOn?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @IsOptional()
  endsOn?: Date | null;
}
