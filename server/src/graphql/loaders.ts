import type { DataSource } from 'typeorm';
import { createBidLoaders } from '../modules/bids/bids.loaders.js';
import { createCampaignLoaders } from '../modules/campaigns/campaigns.loaders.js';
import { createCommentLoaders, createCommentSharedLoaders } from '../modules/comments/comments.loaders.js';
import { createDisbursementLoaders } from '../modules/disbursements/disbursements.loaders.js';
import { createFeedbackLoaders } from '../modules/feedback/feedback.loaders.js';
import { createFundLoaders } from '../modules/funds/funds.loaders.js';
import { createLedgerLoaders } from '../modules/ledger/ledger.loaders.js';
import { createMeetingLoaders } from '../modules/meetings/meetings.loaders.js';
import { createMatchingLoaders } from '../modules/matching/matching.loaders.js';
import { createNeedLoaders } from '../modules/needs/needs.loaders.js';
import { createNotificationLoaders } from '../modules/notifications/notifications.loaders.js';
import { createOrganizationLoaders } from '../modules/organizations/organizations.loaders.js';
import { createPartnershipLoaders } from '../modules/partnerships/partnerships.loaders.js';
import { createProposalLoaders, createProposalSharedLoaders } from '../modules/proposals/proposals.loaders.js';
import { createSponsorshipLoaders } from '../modules/sponsorships/sponsorships.loaders.js';
import { createSurveyLoaders } from '../modules/surveys/surveys.loaders.js';
import type { Actor } from '../modules/users/actor.js';
import { createUserLoaders } from '../modules/users/users.loaders.js';

/**
 * The loaders whose answers do not depend on who asks. An HTTP request gets
 * its own; a live event gets one set shared by all its subscribers on this
 * instance, so ten thousand subscribers load the new comment, its author and
 * its proposal once, not ten thousand times. Each feature's loaders are made
 * when first used (getters on the prototype: nothing to set up per instance).
 */
export class SharedLoaders {
  private made: Partial<{
    users: ReturnType<typeof createUserLoaders>;
    organizations: ReturnType<typeof createOrganizationLoaders>;
    funds: ReturnType<typeof createFundLoaders>;
    proposals: ReturnType<typeof createProposalSharedLoaders>;
    comments: ReturnType<typeof createCommentSharedLoaders>;
    sponsorships: ReturnType<typeof createSponsorshipLoaders>;
    bids: ReturnType<typeof createBidLoaders>;
    partnerships: ReturnType<typeof createPartnershipLoaders>;
    ledger: ReturnType<typeof createLedgerLoaders>;
    campaigns: ReturnType<typeof createCampaignLoaders>;
    disbursements: ReturnType<typeof createDisbursementLoaders>;
    matching: ReturnType<typeof createMatchingLoaders>;
  }> = {};

  constructor(private readonly ds: DataSource) {}

  get users() {
    return (this.made.users ??= createUserLoaders(this.ds));
  }
  get organizations() {
    return (this.made.organizations ??= createOrganizationLoaders(this.ds));
  }
  get funds() {
    return (this.made.funds ??= createFundLoaders(this.ds));
  }
  get proposals() {
    return (this.made.proposals ??= createProposalSharedLoaders(this.ds));
  }
  get comments() {
    return (this.made.comments ??= createCommentSharedLoaders(this.ds, this.proposals.figures, this.users.byId));
  }
  get sponsorships() {
    return (this.made.sponsorships ??= createSponsorshipLoaders(this.ds));
  }
  get bids() {
    return (this.made.bids ??= createBidLoaders(this.ds));
  }
  get partnerships() {
    return (this.made.partnerships ??= createPartnershipLoaders(this.ds));
  }
  get ledger() {
    return (this.made.ledger ??= createLedgerLoaders(this.ds));
  }
  get campaigns() {
    return (this.made.campaigns ??= createCampaignLoaders(this.ds));
  }
  get disbursements() {
    return (this.made.disbursements ??= createDisbursementLoaders(this.ds));
  }
  get matching() {
    return (this.made.matching ??= createMatchingLoaders(this.ds));
  }
}

const sharedByEvent = new WeakMap<object, SharedLoaders>();

/** The shared loaders of one live event (the event object is the same for all its subscribers here). */
export function sharedLoadersFor(ds: DataSource, event: object): SharedLoaders {
  let shared = sharedByEvent.get(event);
  if (!shared) sharedByEvent.set(event, (shared = new SharedLoaders(ds)));
  return shared;
}

/**
 * Every feature's loaders for one viewer, namespaced by feature; made fresh
 * for each request and each subscription event, each feature's on first use.
 */
export class Loaders {
  private made: Partial<{
    needs: ReturnType<typeof createNeedLoaders>;
    proposals: ReturnType<typeof createProposalLoaders>;
    comments: ReturnType<typeof createCommentLoaders>;
    surveys: ReturnType<typeof createSurveyLoaders>;
    meetings: ReturnType<typeof createMeetingLoaders>;
    notifications: ReturnType<typeof createNotificationLoaders>;
    feedback: ReturnType<typeof createFeedbackLoaders>;
  }> = {};

  constructor(
    private readonly ds: DataSource,
    private readonly viewer: Actor | null,
    private readonly shared: SharedLoaders = new SharedLoaders(ds),
  ) {}

  get users() {
    return this.shared.users;
  }
  get organizations() {
    return this.shared.organizations;
  }
  get funds() {
    return this.shared.funds;
  }
  get sponsorships() {
    return this.shared.sponsorships;
  }
  get bids() {
    return this.shared.bids;
  }
  get partnerships() {
    return this.shared.partnerships;
  }
  get ledger() {
    return this.shared.ledger;
  }
  get campaigns() {
    return this.shared.campaigns;
  }
  get matching() {
    return this.shared.matching;
  }
  get disbursements() {
    return this.shared.disbursements;
  }
  get needs() {
    return (this.made.needs ??= createNeedLoaders(this.ds, this.viewer));
  }
  get proposals() {
    return (this.made.proposals ??= createProposalLoaders(this.ds, this.viewer, this.shared.proposals));
  }
  get comments() {
    return (this.made.comments ??= createCommentLoaders(this.ds, this.viewer, this.shared.comments));
  }
  get surveys() {
    return (this.made.surveys ??= createSurveyLoaders(this.ds, this.viewer));
  }
  get meetings() {
    return (this.made.meetings ??= createMeetingLoaders(this.ds, this.viewer));
  }
  get notifications() {
    return (this.made.notifications ??= createNotificationLoaders(this.ds, this.viewer));
  }
  get feedback() {
    return (this.made.feedback ??= createFeedbackLoaders(this.ds, this.viewer));
  }
}
