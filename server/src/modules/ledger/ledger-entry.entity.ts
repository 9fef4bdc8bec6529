import { LedgerDirection, LedgerEntryKind } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/**
 * One posting on a fund's public ledger. Append-only (a trigger refuses
 * UPDATE and DELETE), totally ordered per fund by `sequence`, and chained:
 * `hash` covers the entry's fields and the previous entry's hash.
 */
@ObjectType()
@Entity('ledger_entries')
export class LedgerEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Field(() => Int, { description: "Position in the fund's ledger: 1, 2, 3 ... with no gaps." })
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => LedgerEntryKind)
  @Column({ type: 'varchar', length: 16 })
  kind: LedgerEntryKind;

  @Field(() => LedgerDirection)
  @Column({ type: 'varchar', length: 3 })
  direction: LedgerDirection;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Column({ name: 'balance_after_minor', type: 'bigint', transformer: bigintColumn })
  balanceAfterMinor: bigint;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  memo: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  counterparty: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Field()
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => String, { nullable: true, description: 'The hash of the entry before this one (null for the first).' })
  @Column({ name: 'previous_hash', type: 'char', length: 64, nullable: true })
  previousHash: string | null;

  @Field({ description: 'sha-256 over this entry’s fields and the previous hash (hex).' })
  @Column({ type: 'char', length: 64 })
  hash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
