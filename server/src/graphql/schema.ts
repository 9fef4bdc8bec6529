import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { BidsResolver } from '../modules/bids/bids.resolver.js';
import { CampaignsResolver, DonationResolver } from '../modules/campaigns/campaigns.resolver.js';
import {
  CommentModerationResolver,
  CommentReportResolver,
  CommentsResolver,
} from '../modules/comments/comments.resolver.js';
import { DisbursementsResolver } from '../modules/disbursements/disbursements.resolver.js';
import {
  FeedbackResolver,
  FeedbackResponseResolver,
  FundFeedbackResolver,
  ProposalFeedbackResolver,
} from '../modules/feedback/feedback.resolver.js';
import { FundsResolver, NeighborhoodResolver } from '../modules/funds/funds.resolver.js';
import { LedgerResolver, ProposalTotalResolver } from '../modules/ledger/ledger.resolver.js';
import { NotificationsResolver, ProposalFollowResolver } from '../modules/notifications/notifications.resolver.js';
import {
  AssistedVoteResolver,
  MeetingAttendeeResolver,
  MeetingsResolver,
  ProposalMeetingsResolver,
} from '../modules/meetings/meetings.resolver.js';
import {
  NeedMatchingResolver,
  OrganizationMatchingResolver,
  OrganizationOfferResolver,
  ProposalMatchingResolver,
} from '../modules/matching/matching.resolver.js';
import { WebhooksResolver } from '../modules/webhooks/webhooks.resolver.js';
import { SharingResolver } from '../modules/sharing/sharing.resolver.js';
import { NeedsResolver } from '../modules/needs/needs.resolver.js';
import { MembershipResolver, OrganizationsResolver } from '../modules/organizations/organizations.resolver.js';
import { PartnershipsResolver } from '../modules/partnerships/partnerships.resolver.js';
import { ProgressUpdateResolver, ProposalsResolver } from '../modules/proposals/proposals.resolver.js';
import { ProposalRevisionsResolver, RevisionsResolver } from '../modules/proposals/revisions.resolver.js';
import { SponsorshipsResolver } from '../modules/sponsorships/sponsorships.resolver.js';
import {
  ProposalSurveysResolver,
  SurveyResponseResolver,
  SurveyResultsResolver,
  SurveysResolver,
} from '../modules/surveys/surveys.resolver.js';
import { AuthResolver } from '../modules/users/auth.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { authChecker } from './auth-checker.js';
import { registerEnums } from './enums.js';

export const RESOLVERS = [
  AuthResolver,
  AuditResolver,
  UserResolver,
  OrganizationsResolver,
  MembershipResolver,
  OrganizationMatchingResolver,
  OrganizationOfferResolver,
  NeedMatchingResolver,
  ProposalMatchingResolver,
  SharingResolver,
  WebhooksResolver,
  FundsResolver,
  NeighborhoodResolver,
  NeedsResolver,
  ProposalsResolver,
  ProgressUpdateResolver,
  RevisionsResolver,
  ProposalRevisionsResolver,
  CommentsResolver,
  CommentReportResolver,
  CommentModerationResolver,
  SponsorshipsResolver,
  BidsResolver,
  PartnershipsResolver,
  CampaignsResolver,
  DonationResolver,
  LedgerResolver,
  ProposalTotalResolver,
  DisbursementsResolver,
  FeedbackResolver,
  FeedbackResponseResolver,
  FundFeedbackResolver,
  ProposalFeedbackResolver,
  MeetingsResolver,
  MeetingAttendeeResolver,
  AssistedVoteResolver,
  ProposalMeetingsResolver,
  NotificationsResolver,
  ProposalFollowResolver,
  SurveysResolver,
  SurveyResponseResolver,
  SurveyResultsResolver,
  ProposalSurveysResolver,
] as const;

let enumsRegistered = false;

/** Builds the executable schema. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  if (!enumsRegistered) {
    registerEnums();
    enumsRegistered = true;
  }
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    // TypeGraphQL wants a PubSub for @Subscription; every subscription here brings its own
    // `subscribe` (the event bus, through the context), so this one never carries anything.
    pubSub: createPubSub(),
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}
