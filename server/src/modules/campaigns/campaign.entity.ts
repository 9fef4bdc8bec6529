import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/** An online fundraising campaign of a fund, optionally for one proposal. OPEN until `endsAt`. */
@ObjectType()
@Entity('campaigns')
export class Campaign {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'goal_minor', type: 'bigint', transformer: bigintColumn })
  goalMinor: bigint;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdById: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A gift to a campaign. `idempotencyKey` makes a retried donation record nothing new. */
@ObjectType()
@Entity('donations')
export class Donation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Field({ description: 'The donor\'s chosen public name, or "Anonymous".' })
  @Column({ name: 'donor_name', type: 'varchar', length: 60 })
  donorName: string;

  @Field({
    description:
      'True when the donor is not named (they chose anonymity or gave no name); donorName is then "Anonymous".',
  })
  @Column({ type: 'boolean' })
  anonymous: boolean;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 })
  idempotencyKey: string;

  @Column({ name: 'payment_reference', type: 'varchar', length: 200 })
  paymentReference: string;

  @Column({ name: 'ledger_entry_id', type: 'uuid', nullable: true })
  ledgerEntryId: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
