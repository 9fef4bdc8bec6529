import { Webhooks1764600000300 } from './migrations/1764600000300-Webhooks.js';
import { ActivityFeed1764600000200 } from './migrations/1764600000200-ActivityFeed.js';
import { ShareLinks1764600000100 } from './migrations/1764600000100-ShareLinks.js';
import { Matching1764600000000 } from './migrations/1764600000000-Matching.js';
import { OrganizationOffer } from '../modules/matching/offer.entity.js';
import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { Bid } from '../modules/bids/bid.entity.js';
import { Campaign, Donation } from '../modules/campaigns/campaign.entity.js';
import { Disbursement } from '../modules/disbursements/disbursement.entity.js';
import { Comment, CommentModeration, CommentReport } from '../modules/comments/comment.entity.js';
import { LedgerEntry } from '../modules/ledger/ledger-entry.entity.js';
import { Partnership } from '../modules/partnerships/partnership.entity.js';
import { ProposalRevision } from '../modules/proposals/revision.entity.js';
import { ProgressUpdate } from '../modules/proposals/progress-update.entity.js';
import { Sponsorship } from '../modules/sponsorships/sponsorship.entity.js';
import { Survey, SurveyAnswer, SurveyQuestion, SurveyResponse } from '../modules/surveys/survey.entity.js';
import { Feedback, FeedbackResponse } from '../modules/feedback/feedback.entity.js';
import { Fund } from '../modules/funds/fund.entity.js';
import { Neighborhood } from '../modules/funds/neighborhood.entity.js';
import { Meeting, MeetingRsvp } from '../modules/meetings/meeting.entity.js';
import { Need, NeedSupport } from '../modules/needs/need.entity.js';
import { Membership } from '../modules/organizations/membership.entity.js';
import { Organization } from '../modules/organizations/organization.entity.js';
import { Proposal, Vote } from '../modules/proposals/proposal.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Foundation1764100000000 } from './migrations/1764100000000-Foundation.js';
import { CollaborationMarket1764200000000 } from './migrations/1764200000000-CollaborationMarket.js';
import { Money1764300000000 } from './migrations/1764300000000-Money.js';
import { Participation1764400000000 } from './migrations/1764400000000-Participation.js';
import { RateLimits1764500000000 } from './migrations/1764500000000-RateLimits.js';
import { AuditLog1764500000100 } from './migrations/1764500000100-AuditLog.js';
import { EventOutbox1764500000200 } from './migrations/1764500000200-EventOutbox.js';
import { AuditScopeSubscriber } from '../modules/audit/audit-scope.js';
import { Surveys1764400000100 } from './migrations/1764400000100-Surveys.js';
import { Meetings1764400000200 } from './migrations/1764400000200-Meetings.js';
import { Notification, ProposalFollow } from '../modules/notifications/notification.entity.js';

export const ENTITIES = [
  User,
  Organization,
  Membership,
  Fund,
  Neighborhood,
  Need,
  NeedSupport,
  Proposal,
  Vote,
  Comment,
  CommentReport,
  CommentModeration,
  LedgerEntry,
  Sponsorship,
  Bid,
  Partnership,
  ProgressUpdate,
  Campaign,
  Donation,
  Disbursement,
  Notification,
  ProposalFollow,
  Feedback,
  FeedbackResponse,
  ProposalRevision,
  Survey,
  SurveyQuestion,
  SurveyResponse,
  SurveyAnswer,
  Meeting,
  MeetingRsvp,
  OrganizationOffer,
];
export const MIGRATIONS = [
  Foundation1764100000000,
  CollaborationMarket1764200000000,
  Money1764300000000,
  Participation1764400000000,
  Surveys1764400000100,
  Meetings1764400000200,
  RateLimits1764500000000,
  AuditLog1764500000100,
  EventOutbox1764500000200,
  Matching1764600000000,
  ShareLinks1764600000100,
  ActivityFeed1764600000200,
  Webhooks1764600000300,
];

export interface DataSourceOptions {
  url: string;
  /** Optional SQL logger (tests count statements with it). */
  logger?: TypeOrmLogger;
  poolSize?: number;
}

/** The one way to build a DataSource: migrations, never synchronize. */
export function createDataSource({ url, logger, poolSize = 10 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    subscribers: [AuditScopeSubscriber],
    synchronize: false,
    logging: logger ? ['query'] : false,
    ...(logger ? { logger } : {}),
    extra: { max: poolSize },
  });
}
