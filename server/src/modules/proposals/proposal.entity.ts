import { Category, ProposalStatus, VoteChoice } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

@ObjectType()
@Entity('proposals')
export class Proposal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'need_id', type: 'uuid', nullable: true })
  needId: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => Category)
  @Column({ type: 'varchar', length: 32 })
  category: Category;

  @Field(() => ProposalStatus)
  @Column({ type: 'varchar', length: 16 })
  status: ProposalStatus;

  @Column({ name: 'budget_minor', type: 'bigint', transformer: bigintColumn })
  budgetMinor: bigint;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'consultation_ends_at', type: 'timestamptz', nullable: true })
  consultationEndsAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'bidding_closes_at', type: 'timestamptz', nullable: true })
  biddingClosesAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When GOVERNMENT or FUND_ADMIN approved or rejected it.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The note given with the decision.' })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One resident's vote on one proposal; voting again changes it. */
@Entity('votes')
export class Vote {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 8 })
  choice: VoteChoice;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
