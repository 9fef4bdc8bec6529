import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The fields a revision can change. */
export const REVISABLE_FIELDS = ['title', 'summary', 'body', 'budgetMinor'] as const;
export type RevisableField = (typeof REVISABLE_FIELDS)[number];

@ObjectType({
  description: 'One field a revision changed, before and after (budgetMinor as a decimal string of minor units).',
})
export class FieldChange {
  @Field(() => String)
  field: RevisableField;

  @Field()
  before: string;

  @Field()
  after: string;
}

/** "You said, we changed": an edit made during consultation, with what prompted it. */
@ObjectType()
@Entity('proposal_revisions')
export class ProposalRevision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Field(() => Int, { description: '1 for the first revision of a proposal, then 2, 3 ...' })
  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'editor_id', type: 'uuid' })
  editorId: string;

  @Field({ description: 'Why it changed, in the editor’s words.' })
  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Field(() => [FieldChange])
  @Column({ type: 'jsonb' })
  changes: FieldChange[];

  @Column({ name: 'cited_comment_ids', type: 'uuid', array: true })
  citedCommentIds: string[];

  @Column({ name: 'cited_feedback_ids', type: 'uuid', array: true })
  citedFeedbackIds: string[];

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
