import { SurveyQuestionKind, SurveyStatus } from '@commonweal/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A questionnaire of the fund, or about one proposal. DRAFT -> OPEN -> CLOSED; its questions never change. */
@ObjectType()
@Entity('surveys')
export class Survey {
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

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => SurveyStatus)
  @Column({ type: 'varchar', length: 8 })
  status: SurveyStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdById: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

@ObjectType()
@Entity('survey_questions')
export class SurveyQuestion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @Field(() => Int, { description: '1, 2, 3… in the order the questions are asked.' })
  @Column({ type: 'int' })
  position: number;

  @Field(() => SurveyQuestionKind)
  @Column({ type: 'varchar', length: 16 })
  kind: SurveyQuestionKind;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  prompt: string;

  @Field(() => [String], { description: 'The choices of a choice question, answered by index; [] otherwise.' })
  @Column({ type: 'text', array: true })
  options: string[];

  @Field()
  @Column({ type: 'boolean' })
  required: boolean;
}

/** One resident's one response to a survey; `recordedById` marks one entered from paper by the fund's side. */
@ObjectType()
@Entity('survey_responses')
export class SurveyResponse {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @Column({ name: 'respondent_id', type: 'uuid' })
  respondentId: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** One answer to one question: option indexes for choices, a 1..5 scale, or text. */
@Entity('survey_answers')
export class SurveyAnswer {
  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @Column({ name: 'option_indexes', type: 'int', array: true })
  optionIndexes: number[];

  @Column({ type: 'smallint', nullable: true })
  scale: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  text: string | null;
}
