import { Category, SponsorshipKind } from '@commonweal/shared';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/**
 * What an organization offers the fund's community, as it declares it:
 * the categories it sponsors or serves, for enterprises the kinds of
 * sponsorship and a yearly budget range, for social organizations and
 * foundations the neighborhoods they serve. One per organization.
 */
@ObjectType({ description: 'What an organization offers, as its members declare it (declareOffer).' })
@Entity('organization_offers')
export class OrganizationOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid', unique: true })
  organizationId: string;

  @Field(() => [Category])
  @Column({ type: 'varchar', array: true })
  categories: Category[];

  @Field(() => [SponsorshipKind], { description: 'Enterprises: what they give (funds, goods, services).' })
  @Column({ type: 'varchar', array: true })
  kinds: SponsorshipKind[];

  @Column({ name: 'neighborhood_ids', type: 'uuid', array: true })
  neighborhoodIds: string[];

  @Column({ name: 'yearly_budget_min_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  yearlyBudgetMinMinor: bigint | null;

  @Column({ name: 'yearly_budget_max_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  yearlyBudgetMaxMinor: bigint | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedById: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
