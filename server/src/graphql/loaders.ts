import type { DataSource } from 'typeorm';
import { createBidLoaders } from '../modules/bids/bids.loaders.js';
import { createCampaignLoaders } from '../modules/campaigns/campaigns.loaders.js';
import { createCommentLoaders } from '../modules/comments/comments.loaders.js';
import { createDisbursementLoaders } from '../modules/disbursements/disbursements.loaders.js';
import { createFeedbackLoaders } from '../modules/feedback/feedback.loaders.js';
import { createFundLoaders } from '../modules/funds/funds.loaders.js';
import { createLedgerLoaders } from '../modules/ledger/ledger.loaders.js';
import { createMeetingLoaders } from '../modules/meetings/meetings.loaders.js';
import { createNeedLoaders } from '../modules/needs/needs.loaders.js';
import { createNotificationLoaders } from '../modules/notifications/notifications.loaders.js';
import { createOrganizationLoaders } from '../modules/organizations/organizations.loaders.js';
import { createPartnershipLoaders } from '../modules/partnerships/partnerships.loaders.js';
import { createProposalLoaders } from '../modules/proposals/proposals.loaders.js';
import { createSponsorshipLoaders } from '../modules/sponsorships/sponsorships.loaders.js';
import { createSurveyLoaders } from '../modules/surveys/surveys.loaders.js';
import type { Actor } from '../modules/users/actor.js';
import { createUserLoaders } from '../modules/users/users.loaders.js';

/** Every feature's loaders, namespaced by feature; built fresh for each request and each subscription event. */
export function createLoaders(ds: DataSource, viewer: Actor | null) {
  return {
    users: createUserLoaders(ds),
    organizations: createOrganizationLoaders(ds),
    funds: createFundLoaders(ds),
    needs: createNeedLoaders(ds, viewer),
    proposals: createProposalLoaders(ds, viewer),
    comments: createCommentLoaders(ds, viewer),
    sponsorships: createSponsorshipLoaders(ds),
    bids: createBidLoaders(ds),
    partnerships: createPartnershipLoaders(ds),
    ledger: createLedgerLoaders(ds),
    campaigns: createCampaignLoaders(ds),
    disbursements: createDisbursementLoaders(ds),
    surveys: createSurveyLoaders(ds, viewer),
    meetings: createMeetingLoaders(ds, viewer),
    notifications: createNotificationLoaders(ds, viewer),
    feedback: createFeedbackLoaders(ds, viewer),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
