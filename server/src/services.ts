import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { RateLimits, type RateLimitConfig } from './rate-limits.js';
import type { EventBus } from './events/event-bus.js';
import { AuditService } from './modules/audit/audit.service.js';
import { BidsService } from './modules/bids/bids.service.js';
import { CampaignsService } from './modules/campaigns/campaigns.service.js';
import type { PaymentGateway } from './modules/campaigns/payment-gateway.js';
import { DisbursementsService } from './modules/disbursements/disbursements.service.js';
import { CommentsService } from './modules/comments/comments.service.js';
import { FeedbackService } from './modules/feedback/feedback.service.js';
import { LedgerService } from './modules/ledger/ledger.service.js';
import { MeetingsService } from './modules/meetings/meetings.service.js';
import { NeedsService } from './modules/needs/needs.service.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { createLogger, type Logger } from './logger.js';
import { WebhooksService } from './modules/webhooks/webhooks.service.js';
import { ActivityService } from './modules/activity/activity.service.js';
import { SharingService } from './modules/sharing/sharing.service.js';
import { MatchingService } from './modules/matching/matching.service.js';
import { OrganizationsService } from './modules/organizations/organizations.service.js';
import { PartnershipsService } from './modules/partnerships/partnerships.service.js';
import { ProposalsService } from './modules/proposals/proposals.service.js';
import { RevisionsService } from './modules/proposals/revisions.service.js';
import { SponsorshipsService } from './modules/sponsorships/sponsorships.service.js';
import { SurveysService } from './modules/surveys/surveys.service.js';
import { AuthService } from './modules/users/auth.service.js';

/** The domain services, stateless and shared: GraphQL, the seed and the tests call the same rules. */
export function createServices(
  ds: DataSource,
  events: EventBus,
  config: Pick<
    Config,
    | 'jwtSecret'
    | 'JWT_TTL_SECONDS'
    | 'COMMENT_RATE_LIMIT_PER_MINUTE'
    | 'WEBHOOK_POLL_MS'
    | 'WEBHOOK_MAX_ATTEMPTS'
    | 'WEBHOOK_BACKOFF_MS'
    | 'WEBHOOK_TIMEOUT_MS'
    | 'WEBHOOK_SETTLE_MS'
    | 'PUBLIC_URL'
  > &
    RateLimitConfig,
  options: {
    /** Where donations are paid; by default they are recorded, not charged. */
    paymentGateway?: PaymentGateway;
    /** Where the rate-limit counters live when the platform has Redis. */
    redis?: Redis | null;
    logger?: Logger;
  } = {},
) {
  const activity = new ActivityService(ds);
  const proposals = new ProposalsService(ds, events);
  const rateLimits = new RateLimits(ds, config, options.redis ?? null);
  const ledger = new LedgerService(ds);
  const feedback = new FeedbackService(ds, events, proposals);
  return {
    auth: new AuthService(ds, config.jwtSecret, config.JWT_TTL_SECONDS, rateLimits),
    rateLimits,
    audit: new AuditService(ds),
    organizations: new OrganizationsService(ds),
    matching: new MatchingService(ds, events),
    sharing: new SharingService(ds),
    activity,
    webhooks: new WebhooksService(
      ds,
      activity,
      {
        pollMs: config.WEBHOOK_POLL_MS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        backoffMs: config.WEBHOOK_BACKOFF_MS,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        settleMs: config.WEBHOOK_SETTLE_MS,
        publicUrl: config.PUBLIC_URL,
      },
      options.logger ?? createLogger('silent'),
    ),
    needs: new NeedsService(ds),
    proposals,
    comments: new CommentsService(ds, events, proposals, config.COMMENT_RATE_LIMIT_PER_MINUTE),
    ledger,
    sponsorships: new SponsorshipsService(ds, events, proposals, ledger),
    bids: new BidsService(ds, events, proposals),
    partnerships: new PartnershipsService(ds),
    campaigns: new CampaignsService(ds, events, ledger, proposals, options.paymentGateway),
    disbursements: new DisbursementsService(ds, events, proposals, ledger),
    surveys: new SurveysService(ds, events, proposals),
    meetings: new MeetingsService(ds, events, proposals, feedback),
    notifications: new NotificationsService(ds, proposals),
    feedback,
    revisions: new RevisionsService(ds, events, proposals),
  };
}

export type Services = ReturnType<typeof createServices>;
