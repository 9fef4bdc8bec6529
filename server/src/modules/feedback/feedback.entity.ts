import { FeedbackStatus } from '@commonweal/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A resident's word to the fund (on the fund or on a proposal) and the fund's latest answer. */
@ObjectType()
@Entity('feedback')
export class Feedback {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => FeedbackStatus)
  @Column({ type: 'varchar', length: 16 })
  status: FeedbackStatus;

  @Field(() => String, { nullable: true, description: 'The latest answer.' })
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the fund first answered: the responsiveness figures count from it.',
  })
  @Column({ name: 'first_responded_at', type: 'timestamptz', precision: 3, nullable: true })
  firstRespondedAt: Date | null;

  /** Set when the fund's side entered it for the author from a paper form at a meeting. */
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => ID, { nullable: true, description: 'The meeting where it was collected on paper, if it was.' })
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** One answer in a feedback item's history. */
@ObjectType()
@Entity('feedback_responses')
export class FeedbackResponse {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'feedback_id', type: 'uuid' })
  feedbackId: string;

  @Field(() => FeedbackStatus)
  @Column({ type: 'varchar', length: 16 })
  status: FeedbackStatus;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'responder_id', type: 'uuid' })
  responderId: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
