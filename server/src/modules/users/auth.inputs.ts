import { LIMITS, Role } from '@commonweal/shared';
import { IsEmail, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Length, MaxLength, NotBlank } from '../shared/validation.js';

@InputType()
export class NewOrganizationInput {
  @Field()
  @Length(LIMITS.organizationName.min, LIMITS.organizationName.max)
  @NotBlank()
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.organizationDescription.max)
  description?: string | null;
}

@InputType()
export class RegisterInput {
  @Field()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(LIMITS.email.max)
  email: string;

  @Field()
  @Length(LIMITS.password.min, LIMITS.password.max, {
    message: `password must be ${LIMITS.password.min} to ${LIMITS.password.max} characters`,
  })
  password: string;

  @Field()
  @Length(LIMITS.displayName.min, LIMITS.displayName.max)
  @NotBlank()
  displayName: string;

  @Field(() => Role, {
    description:
      'RESIDENT, ENTERPRISE, SOCIAL_ORGANIZATION or GOVERNMENT; FUND_ADMIN accounts are never self-registered.',
  })
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Residents: where they live.' })
  @IsOptional()
  @IsUUID('all', { message: 'neighborhoodId is not a valid ID' })
  neighborhoodId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Organization roles: join an existing organization of the matching type...',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId is not a valid ID' })
  organizationId?: string | null;

  @Field(() => NewOrganizationInput, {
    nullable: true,
    description: '...or create a new one (unverified until verifyOrganization).',
  })
  @IsOptional()
  @ValidateNested()
  newOrganization?: NewOrganizationInput | null;
}
