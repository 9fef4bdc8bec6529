import { PartnershipKind, PartnershipStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A partnership between a fund and an outside organization: STRATEGIC ones
 * are proposed by one side and answered by the other; PROJECT ones come from
 * awards. An ACTIVE partnership past its `endsOn` is shown ENDED.
 */
@ObjectType()
@Entity('partnerships')
export class Partnership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => PartnershipKind)
  @Column({ type: 'varchar', length: 10 })
  kind: PartnershipKind;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  commitments: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  /** The stored status; the API shows ACTIVE ones past endsOn as ENDED. */
  @Column({ type: 'varchar', length: 10 })
  status: PartnershipStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'starts_on', type: 'timestamptz', precision: 3, nullable: true })
  startsOn: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ends_on', type: 'timestamptz', precision: 3, nullable: true })
  endsOn: Date | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedById: string | null;

  @Field({
    description: "True when the fund's side proposed it (the organization answers), false when the organization did.",
  })
  @Column({ name: 'proposed_by_fund', type: 'boolean' })
  proposedByFund: boolean;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** What the API shows: an ACTIVE partnership whose end date has passed is ENDED. */
export function effectiveStatus(p: Pick<Partnership, 'status' | 'endsOn'>, now = new Date()): PartnershipStatus {
  return p.status === PartnershipStatus.ACTIVE && p.endsOn !== null && p.endsOn <= now
    ? PartnershipStatus.ENDED
    : p.status;
}
