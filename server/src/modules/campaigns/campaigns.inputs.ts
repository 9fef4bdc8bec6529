import { LIMITS } from '@commonweal/shared';
import { IsBoolean, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Length, NotBlank } from '../shared/validation.js';

@InputType()
export class CreateCampaignInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId?: string | null;

  @Field()
  @Length(LIMITS.campaignTitle.min, LIMITS.campaignTitle.max)
  @NotBlank()
  title: string;

  @Field()
  @Length(LIMITS.campaignDescription.min, LIMITS.campaignDescription.max)
  @NotBlank()
  description: string;

  @Field(() => SafeIntResolver)
  @IsInt()
  @Min(LIMITS.amountMinor.min, { message: 'goalMinor must be at least 1 (minor units)' })
  @Max(LIMITS.amountMinor.max, { message: `goalMinor must be at most ${LIMITS.amountMinor.max} (minor units)` })
  goalMinor: number;

  @Field(() => DateTimeResolver, { nullable: true })
  @IsOptional()
  endsAt?: Date | null;
}

@InputType()
export class DonateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'campaignId is not a valid ID' })
  campaignId: string;

  @Field(() => SafeIntResolver)
  @IsInt()
  @Min(LIMITS.donationMinor.min, { message: 'amountMinor must be at least 1 (one fen)' })
  @Max(LIMITS.donationMinor.max, { message: 'amountMinor must be at most 1000000000 (10,000,000 yuan)' })
  amountMinor: number;

  @Field(() => String, { nullable: true, description: 'Shown publicly unless anonymous is true.' })
  @IsOptional()
  @Length(LIMITS.donorName.min, LIMITS.donorName.max)
  @NotBlank()
  displayName?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean | null;

  @Field({
    description:
      'Client-chosen key: a retried donation with the same key records nothing new and returns the first result.',
  })
  @Length(LIMITS.idempotencyKey.min, LIMITS.idempotencyKey.max)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'idempotencyKey may hold letters, digits and . _ : - only' })
  idempotencyKey: string;
}
