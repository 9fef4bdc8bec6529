import { Role, SurveyStatus } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { Topic, type SurveyResultsUpdatedEvent } from '../../graphql/pubsub.js';
import { Fund } from '../funds/fund.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { isFundSide } from '../proposals/proposals.policy.js';
import { assertId, assertOptionalId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { User } from '../users/user.entity.js';
import { Survey, SurveyQuestion, SurveyResponse } from './survey.entity.js';
import { SurveyResults } from './survey.type.js';
import { CreateSurveyInput, SubmitSurveyResponseInput, SurveyAnswerInput } from './surveys.inputs.js';
import { canExport, canRecordAssisted, canRespond, canSeeTextAnswers, surveyMachine } from './surveys.policy.js';

@ObjectType({ description: 'What the viewer may do with this survey now.' })
class SurveyViewerCan {
  @Field({ description: 'Answer it: a resident who has not answered yet, while it is open.' })
  respond: boolean;

  @Field()
  open: boolean;

  @Field()
  close: boolean;

  @Field({ description: 'Enter a paper response on a resident’s behalf (the fund’s side, while open).' })
  recordAssisted: boolean;

  @Field({ description: 'Read free-text answers (the fund’s side).' })
  seeTextAnswers: boolean;

  @Field({ description: 'Download the responses as CSV (the fund’s side).' })
  exportCsv: boolean;
}

@Resolver(() => Survey)
export class SurveysResolver {
  @Query(() => [Survey], {
    description: 'A fund’s surveys, open ones first; drafts only for GOVERNMENT and FUND_ADMIN.',
  })
  surveys(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('proposalId', () => ID, { nullable: true }) proposalId: string | null,
    @Arg('status', () => SurveyStatus, { nullable: true }) status: SurveyStatus | null,
    @Ctx() ctx: Context,
  ): Promise<Survey[]> {
    return ctx.services.surveys.list(ctx.viewer, assertId(fundId, 'fundId'), {
      proposalId: assertOptionalId(proposalId, 'proposalId'),
      status,
    });
  }

  @Query(() => Survey, { nullable: true })
  survey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Survey | null> {
    return ctx.loaders.surveys.byId.load(assertId(id, 'id'));
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Survey, { description: 'A DRAFT survey with its questions; they cannot be edited afterwards.' })
  createSurvey(@Arg('input', () => CreateSurveyInput) input: CreateSurveyInput, @Ctx() ctx: Context): Promise<Survey> {
    return ctx.services.surveys.create(ctx.viewer!, input);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Survey, { description: 'DRAFT -> OPEN; followers of its proposal are notified.' })
  openSurvey(@Arg('surveyId', () => ID) surveyId: string, @Ctx() ctx: Context): Promise<Survey> {
    return ctx.services.surveys.open(ctx.viewer!, assertId(surveyId, 'surveyId'));
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => Survey, { description: 'OPEN -> CLOSED.' })
  closeSurvey(@Arg('surveyId', () => ID) surveyId: string, @Ctx() ctx: Context): Promise<Survey> {
    return ctx.services.surveys.close(ctx.viewer!, assertId(surveyId, 'surveyId'));
  }

  @Authorized(Role.RESIDENT)
  @Mutation(() => SurveyResponse, { description: 'Residents answer an open survey once; again is a CONFLICT.' })
  submitSurveyResponse(
    @Arg('input', () => SubmitSurveyResponseInput) input: SubmitSurveyResponseInput,
    @Ctx() ctx: Context,
  ): Promise<SurveyResponse> {
    return ctx.services.surveys.submit(ctx.viewer!, input.surveyId.toLowerCase(), input.answers);
  }

  @Authorized(Role.GOVERNMENT, Role.FUND_ADMIN)
  @Mutation(() => SurveyResponse, {
    description: 'A paper response entered on behalf of a named resident: it is their one response, marked assisted.',
  })
  recordAssistedSurveyResponse(
    @Arg('surveyId', () => ID) surveyId: string,
    @Arg('residentId', () => ID) residentId: string,
    @Arg('answers', () => [SurveyAnswerInput]) answers: SurveyAnswerInput[],
    @Ctx() ctx: Context,
  ): Promise<SurveyResponse> {
    return ctx.services.surveys.recordAssisted(
      ctx.viewer!,
      assertId(surveyId, 'surveyId'),
      assertId(residentId, 'residentId'),
      answers,
    );
  }

  @Subscription(() => SurveyResults, {
    description: 'The new aggregate after each committed response (and when the survey opens or closes).',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { surveyId: string }, Context>) => {
      const surveyId = assertId(args.surveyId, 'surveyId');
      if (!(await context.loaders.surveys.byId.load(surveyId))) throw notFound('Survey');
      return context.subscribe(Topic.SurveyResultsUpdated, surveyId);
    },
  })
  async surveyResultsUpdated(
    @Root() event: SurveyResultsUpdatedEvent,
    @Arg('surveyId', () => ID) _surveyId: string,
    @Ctx() ctx: Context,
  ): Promise<SurveyResults> {
    ctx.renewLoaders(event);
    await required(ctx.loaders.surveys.byId.load(event.surveyId), 'Survey');
    return ctx.loaders.surveys.results.load(event.surveyId);
  }

  @FieldResolver(() => Fund)
  fund(@Root() s: Survey, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(s.fundId), 'Fund');
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'The proposal it asks about; null for the fund.' })
  proposal(@Root() s: Survey, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return s.proposalId ? ctx.loaders.proposals.byId.load(s.proposalId) : null;
  }

  @FieldResolver(() => [SurveyQuestion], { description: 'In the order they are asked.' })
  questions(@Root() s: Survey, @Ctx() ctx: Context): Promise<SurveyQuestion[]> {
    return ctx.loaders.surveys.questions.load(s.id);
  }

  @FieldResolver(() => SurveyResults, { description: 'The live aggregate; free text only for the fund’s side.' })
  results(@Root() s: Survey, @Ctx() ctx: Context): Promise<SurveyResults> {
    return ctx.loaders.surveys.results.load(s.id);
  }

  @FieldResolver(() => Int)
  async responseCount(@Root() s: Survey, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.surveys.results.load(s.id)).responseCount;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer has answered (including on paper).' })
  async viewerHasResponded(@Root() s: Survey, @Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.loaders.surveys.viewerResponse.load(s.id)) !== null;
  }

  @FieldResolver(() => SurveyResponse, { nullable: true, description: 'The viewer’s own response, if any.' })
  viewerResponse(@Root() s: Survey, @Ctx() ctx: Context): Promise<SurveyResponse | null> {
    return ctx.loaders.surveys.viewerResponse.load(s.id);
  }

  @FieldResolver(() => SurveyViewerCan)
  async viewerCan(@Root() s: Survey, @Ctx() ctx: Context): Promise<SurveyViewerCan> {
    const viewer = ctx.viewer;
    const responded = (await ctx.loaders.surveys.viewerResponse.load(s.id)) !== null;
    return {
      respond: canRespond(viewer, s) && !responded,
      open: surveyMachine.may(viewer, s, 'open'),
      close: surveyMachine.may(viewer, s, 'close'),
      recordAssisted: canRecordAssisted(viewer, s),
      seeTextAnswers: canSeeTextAnswers(viewer),
      exportCsv: canExport(viewer),
    };
  }
}

@Resolver(() => SurveyResponse)
export class SurveyResponseResolver {
  @FieldResolver(() => Survey)
  survey(@Root() r: SurveyResponse, @Ctx() ctx: Context): Promise<Survey> {
    return required(ctx.loaders.surveys.byId.load(r.surveyId), 'Survey');
  }

  @FieldResolver(() => Boolean, { description: 'Entered from paper by the fund’s side.' })
  assisted(@Root() r: SurveyResponse): boolean {
    return r.recordedById !== null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The resident; seen by themselves and the fund’s side.' })
  respondent(@Root() r: SurveyResponse, @Ctx() ctx: Context): Promise<User | null> | null {
    const maySee = ctx.viewer?.user.id === r.respondentId || isFundSide(ctx.viewer);
    return maySee ? ctx.loaders.users.byId.load(r.respondentId) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who entered a paper response; the fund’s side only (null otherwise and for online responses).',
  })
  recordedBy(@Root() r: SurveyResponse, @Ctx() ctx: Context): Promise<User | null> | null {
    return r.recordedById && isFundSide(ctx.viewer) ? ctx.loaders.users.byId.load(r.recordedById) : null;
  }
}

@Resolver(() => SurveyResults)
export class SurveyResultsResolver {
  @FieldResolver(() => Survey)
  survey(@Root() r: SurveyResults, @Ctx() ctx: Context): Promise<Survey> {
    return required(ctx.loaders.surveys.byId.load(r.surveyId), 'Survey');
  }
}

@Resolver(() => Proposal)
export class ProposalSurveysResolver {
  @FieldResolver(() => [Survey], {
    description: 'Surveys about this proposal, open first (drafts for the fund’s side).',
  })
  surveys(@Root() p: Proposal, @Ctx() ctx: Context): Promise<Survey[]> {
    return ctx.loaders.surveys.byProposalId.load(p.id);
  }
}
