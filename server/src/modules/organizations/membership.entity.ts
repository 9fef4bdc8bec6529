import { MembershipStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A user's membership of an organization. A user belongs to at most one
 * organization; joining an existing one starts PENDING until a verified
 * member of it or a FUND_ADMIN approves.
 */
@ObjectType({ description: "A user's membership of an organization; only APPROVED members act for it." })
@Entity('memberships')
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => MembershipStatus)
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
