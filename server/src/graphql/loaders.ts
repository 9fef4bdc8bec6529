import type { DataSource } from 'typeorm';
import { createBidLoaders } from '../modules/bids/bids.loaders.js';
import { createCampaignLoaders } from '../modules/campaigns/campaigns.loaders.js';
import { createCommentLoaders, createCommentSharedLoaders } from '../modules/comments/comments.loaders.js';
import { createDisbursementLoaders } from '../modules/disbursements/disbursements.loaders.js';
import { createFeedbackLoaders } from '../modules/feedback/feedback.loaders.js';
import { createFundLoaders } from '../modules/funds/funds.loaders.js';
import { createLedgerLoaders } from '../modules/ledger/ledger.loaders.js';
import { createMeetingLoaders } from '../modules/meetings/meetings.loaders.js';
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
 * An object whose properties are made when first read and then kept: a
 * request (or a subscriber's event) builds only the loaders it uses, out of
 * some sixty.
 */
function lazily<T extends Record<string, unknown>>(makers: { [K in keyof T]: () => T[K] }): T {
  const made = {} as T;
  for (const key of Object.keys(makers) as Array<keyof T>) {
    Object.defineProperty(made, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = makers[key]();
        Object.defineProperty(made, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return made;
}

/** `make`, called at most once. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/**
 * The loaders whose answers do not depend on who asks. An HTTP request gets
 * its own; a live event gets one set shared by all its subscribers on this
 * instance, so ten thousand subscribers load the new comment, its author and
 * its proposal once, not ten thousand times.
 */
export function createSharedLoaders(ds: DataSource) {
  const users = once(() => createUserLoaders(ds));
  const proposals = once(() => createProposalSharedLoaders(ds));
  return lazily({
    users,
    organizations: () => createOrganizationLoaders(ds),
    funds: () => createFundLoaders(ds),
    proposals,
    comments: () => createCommentSharedLoaders(ds, proposals().figures, users().byId),
    sponsorships: () => createSponsorshipLoaders(ds),
    bids: () => createBidLoaders(ds),
    partnerships: () => createPartnershipLoaders(ds),
    ledger: () => createLedgerLoaders(ds),
    campaigns: () => createCampaignLoaders(ds),
    disbursements: () => createDisbursementLoaders(ds),
  });
}

export type SharedLoaders = ReturnType<typeof createSharedLoaders>;

const sharedByEvent = new WeakMap<object, SharedLoaders>();

/** The shared loaders of one live event (the event object is the same for all its subscribers here). */
export function sharedLoadersFor(ds: DataSource, event: object): SharedLoaders {
  let shared = sharedByEvent.get(event);
  if (!shared) sharedByEvent.set(event, (shared = createSharedLoaders(ds)));
  return shared;
}

/** Every feature's loaders, namespaced by feature; built fresh for each request and each subscription event. */
export function createLoaders(ds: DataSource, viewer: Actor | null, shared: SharedLoaders = createSharedLoaders(ds)) {
  return lazily({
    users: () => shared.users,
    organizations: () => shared.organizations,
    funds: () => shared.funds,
    sponsorships: () => shared.sponsorships,
    bids: () => shared.bids,
    partnerships: () => shared.partnerships,
    ledger: () => shared.ledger,
    campaigns: () => shared.campaigns,
    disbursements: () => shared.disbursements,
    needs: () => createNeedLoaders(ds, viewer),
    proposals: () => createProposalLoaders(ds, viewer, shared.proposals),
    comments: () => createCommentLoaders(ds, viewer, shared.comments),
    surveys: () => createSurveyLoaders(ds, viewer),
    meetings: () => createMeetingLoaders(ds, viewer),
    notifications: () => createNotificationLoaders(ds, viewer),
    feedback: () => createFeedbackLoaders(ds, viewer),
  });
}

export type Loaders = ReturnType<typeof createLoaders>;
