import { Category, SponsorshipKind } from '@commonweal/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'What an organization offers; public once declared. Declaring again replaces it.' })
export class DeclareOfferInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'organizationId is not a valid ID' })
  organizationId: string;

  @Field(() => [Category], { description: 'The categories it sponsors or serves (at least one).' })
  categories: Category[];

  @Field(() => [SponsorshipKind], { defaultValue: [], description: 'Enterprises: what they give (at least one).' })
  kinds: SponsorshipKind[];

  @Field(() => [ID], {
    defaultValue: [],
    description: 'The neighborhoods it serves (social organizations and foundations mostly).',
  })
  @IsUUID('all', { each: true, message: 'neighborhoodIds holds an invalid ID' })
  neighborhoodIds: string[];

  @Field(() => SafeIntResolver, {
    nullable: true,
    description: 'Enterprises: the yearly range it sponsors, minor units.',
  })
  @IsOptional()
  yearlyBudgetMinMinor?: number | null;

  @Field(() => SafeIntResolver, { nullable: true })
  @IsOptional()
  yearlyBudgetMaxMinor?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code of the yearly range, e.g. CNY.' })
  @IsOptional()
  currency?: string | null;
}
