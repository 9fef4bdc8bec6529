import { BidStatus } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/**
 * A social organization's sealed bid to deliver a proposal. Who may see a bid
 * at all is decided in bids.policy.ts; a bid that is visible is visible whole.
 */
@ObjectType()
@Entity('bids')
export class Bid {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedById: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Field()
  @Column({ type: 'text' })
  plan: string;

  @Field(() => Int)
  @Column({ name: 'duration_days', type: 'int' })
  durationDays: number;

  @Field(() => BidStatus)
  @Column({ type: 'varchar', length: 12 })
  status: BidStatus;

  @Field()
  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz', precision: 3 })
  submittedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
