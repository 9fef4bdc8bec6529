import { SurveyQuestionKind } from '@commonweal/shared';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { SurveyQuestion } from './survey.entity.js';

@ObjectType({ description: 'How many answers chose one option of a choice question.' })
export class SurveyOptionResult {
  @Field(() => Int, { description: 'The zero-based index of the option.' })
  index: number;

  @Field()
  label: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'A free-text answer, for the fund’s side.' })
export class SurveyTextAnswer {
  @Field()
  text: string;

  @Field({ description: 'Entered from paper by the fund’s side on the resident’s behalf.' })
  assisted: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class SurveyQuestionResult {
  @Field(() => ID)
  questionId: string;

  @Field(() => SurveyQuestion)
  question: SurveyQuestion;

  @Field(() => SurveyQuestionKind)
  kind: SurveyQuestionKind;

  @Field(() => Int, { description: 'Responses that answered this question.' })
  answeredCount: number;

  @Field(() => [SurveyOptionResult], {
    description:
      'Choice questions: every option in order with its count (a multiple-choice answer counts once per option chosen); [] otherwise.',
  })
  options: SurveyOptionResult[];

  @Field(() => Float, {
    nullable: true,
    description: 'Scale questions: the mean of the answers; null without answers.',
  })
  scaleMean: number | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Scale questions: how many answered 1, 2, 3, 4 and 5 (five counts); null for other kinds.',
  })
  scaleDistribution: number[] | null;

  @Field(() => [SurveyTextAnswer], {
    nullable: true,
    description:
      'Free-text questions: the answers, oldest first — for the fund’s side only; null for everyone else and other kinds.',
  })
  textAnswers: SurveyTextAnswer[] | null;
}

@ObjectType({ description: 'A survey’s live aggregate.' })
export class SurveyResults {
  @Field(() => ID, { description: 'The survey’s id: clients cache one aggregate per survey.' })
  id: string;

  @Field(() => ID)
  surveyId: string;

  @Field(() => Int)
  responseCount: number;

  @Field(() => Int, { description: 'Of which entered from paper by the fund’s side.' })
  assistedResponseCount: number;

  @Field(() => [SurveyQuestionResult], { description: 'In question order.' })
  questions: SurveyQuestionResult[];
}
