import { LIMITS, SurveyQuestionKind } from '@commonweal/shared';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, MaxLength, NotBlank } from '../shared/validation.js';

@InputType()
export class SurveyQuestionInput {
  @Field(() => SurveyQuestionKind)
  @IsEnum(SurveyQuestionKind)
  kind: SurveyQuestionKind;

  @Field()
  @Length(LIMITS.questionPrompt.min, LIMITS.questionPrompt.max)
  @NotBlank()
  prompt: string;

  @Field(() => [String], {
    nullable: true,
    description: `The choices of a choice question (${LIMITS.questionOptions.min}..${LIMITS.questionOptions.max}); none for the others.`,
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.questionOptions.max)
  options?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean | null;
}

@InputType()
export class CreateSurveyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'fundId is not a valid ID' })
  fundId: string;

  @Field(() => ID, { nullable: true, description: 'Ask about one proposal (not a DRAFT one); omit for the fund.' })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId is not a valid ID' })
  proposalId?: string | null;

  @Field()
  @Length(LIMITS.surveyTitle.min, LIMITS.surveyTitle.max)
  @NotBlank()
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.surveyDescription.max)
  description?: string | null;

  @Field(() => [SurveyQuestionInput])
  @ArrayMinSize(LIMITS.surveyQuestions.min, { message: 'A survey needs at least one question' })
  @ArrayMaxSize(LIMITS.surveyQuestions.max, {
    message: `A survey has at most ${LIMITS.surveyQuestions.max} questions`,
  })
  @ValidateNested({ each: true })
  questions: SurveyQuestionInput[];
}

@InputType({ description: 'An answer to one question: optionIndexes for choices, scale for 1..5, text for free text.' })
export class SurveyAnswerInput {
  @Field(() => ID)
  questionId: string;

  @Field(() => [Int], { nullable: true, description: 'Zero-based indexes into the question’s options.' })
  optionIndexes?: number[] | null;

  @Field(() => Int, { nullable: true })
  scale?: number | null;

  @Field(() => String, { nullable: true })
  text?: string | null;
}

@InputType()
export class SubmitSurveyResponseInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'surveyId is not a valid ID' })
  surveyId: string;

  @Field(() => [SurveyAnswerInput], {
    description: 'Checked against the questions by the service, which names the offending field.',
  })
  @ArrayMaxSize(LIMITS.surveyQuestions.max, { message: `At most ${LIMITS.surveyQuestions.max} answers` })
  answers: SurveyAnswerInput[];
}
