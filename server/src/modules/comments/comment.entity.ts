import { ModerationAction } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('comments')
export class Comment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** Exposed by CommentsResolver.body: a hidden comment's text only to its author and moderators. */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'hidden_at', type: 'timestamptz', precision: 3, nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_by', type: 'uuid', nullable: true })
  hiddenById: string | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 500, nullable: true })
  hiddenReason: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A signed-in user's report of a comment, once per user and comment. */
@ObjectType()
@Entity('comment_reports')
export class CommentReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A moderator hiding or restoring a comment, with the reason: the history of each comment's moderation. */
@ObjectType()
@Entity('comment_moderations')
export class CommentModeration {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @Column({ name: 'moderator_id', type: 'uuid' })
  moderatorId: string;

  @Field(() => ModerationAction)
  @Column({ type: 'varchar', length: 8 })
  action: ModerationAction;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
