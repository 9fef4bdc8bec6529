import { SponsorshipKind, SponsorshipStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/** An enterprise's pledge of money, goods or services to a proposal. */
@ObjectType()
@Entity('sponsorships')
export class Sponsorship {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedById: string;

  @Field(() => SponsorshipKind)
  @Column({ type: 'varchar', length: 8 })
  kind: SponsorshipKind;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => SponsorshipStatus)
  @Column({ type: 'varchar', length: 10 })
  status: SponsorshipStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The fund's note when accepting or declining." })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the pledge was delivered (money recorded, goods or services received).',
  })
  @Column({ name: 'fulfilled_at', type: 'timestamptz', precision: 3, nullable: true })
  fulfilledAt: Date | null;

  @Column({ name: 'ledger_entry_id', type: 'uuid', nullable: true })
  ledgerEntryId: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
