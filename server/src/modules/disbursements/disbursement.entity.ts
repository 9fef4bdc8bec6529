import { DisbursementStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintColumn } from '../shared/columns.js';

/** A payment to the awarded organization: requested by FUND_ADMIN, approved by a different GOVERNMENT user. */
@ObjectType()
@Entity('disbursements')
export class Disbursement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'payee_organization_id', type: 'uuid' })
  payeeOrganizationId: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  memo: string;

  @Field(() => DisbursementStatus)
  @Column({ type: 'varchar', length: 16 })
  status: DisbursementStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedById: string;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The approver’s note, e.g. why it was rejected.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'ledger_entry_id', type: 'uuid', nullable: true })
  ledgerEntryId: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
