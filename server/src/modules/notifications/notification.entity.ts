import { NotificationKind } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line in one user's inbox. It holds ids and a few words copied at the
 * time (a title, a status, an excerpt) so the client can word it in the
 * reader's language without loading what it points at.
 */
@ObjectType()
@Entity('notifications')
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field(() => NotificationKind)
  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Column({ name: 'need_id', type: 'uuid', nullable: true })
  needId: string | null;

  /** The comment, feedback item, survey, meeting, bid or sponsorship the notification is about, by kind. */
  @Field(() => ID, {
    nullable: true,
    description: 'The comment, feedback item, survey, meeting, bid or sponsorship, by kind.',
  })
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The title of what it is about, as it was when the notification was sent.',
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'The new status, for status changes and answers.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  status: string | null;

  /** Exposed by NotificationsResolver.excerpt, which hides a moderated comment's text. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  excerpt: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A user following a proposal: they hear of its status changes, revisions, surveys and meetings. */
@Entity('proposal_follows')
export class ProposalFollow {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
