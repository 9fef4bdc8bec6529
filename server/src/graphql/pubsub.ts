import { createPubSub, type PubSub } from '@graphql-yoga/subscription';

/**
 * Typed topics. Each event is keyed by the id subscribers filter on and
 * carries ids only: subscribers load what they may see with their own
 * loaders, so an event never carries data its receiver may not see.
 */
export const Topic = {
  CommentAdded: 'COMMENT_ADDED',
  ProposalUpdated: 'PROPOSAL_UPDATED',
  LedgerEntryPosted: 'LEDGER_ENTRY_POSTED',
  CampaignUpdated: 'CAMPAIGN_UPDATED',
  NotificationAdded: 'NOTIFICATION_ADDED',
  SurveyResultsUpdated: 'SURVEY_RESULTS_UPDATED',
  MeetingUpdated: 'MEETING_UPDATED',
} as const;

export interface CommentAddedEvent {
  commentId: string;
  proposalId: string;
}

export interface ProposalUpdatedEvent {
  proposalId: string;
}

export interface LedgerEntryPostedEvent {
  fundId: string;
  entryId: string;
}

export interface CampaignUpdatedEvent {
  campaignId: string;
}

export interface NotificationAddedEvent {
  userId: string;
  notificationId: string;
}

export interface SurveyResultsUpdatedEvent {
  surveyId: string;
}

export interface MeetingUpdatedEvent {
  meetingId: string;
}

export type PubSubChannels = {
  [Topic.CommentAdded]: [proposalId: string, payload: CommentAddedEvent];
  [Topic.ProposalUpdated]: [proposalId: string, payload: ProposalUpdatedEvent];
  [Topic.LedgerEntryPosted]: [fundId: string, payload: LedgerEntryPostedEvent];
  [Topic.CampaignUpdated]: [campaignId: string, payload: CampaignUpdatedEvent];
  [Topic.NotificationAdded]: [userId: string, payload: NotificationAddedEvent];
  [Topic.SurveyResultsUpdated]: [surveyId: string, payload: SurveyResultsUpdatedEvent];
  [Topic.MeetingUpdated]: [meetingId: string, payload: MeetingUpdatedEvent];
};

export type AppPubSub = PubSub<PubSubChannels>;

/** In-process by default; the scale-out issue swaps in a Redis event target here. */
export function createAppPubSub(): AppPubSub {
  return createPubSub<PubSubChannels>();
}

export type DomainEvent =
  | { topic: typeof Topic.CommentAdded; payload: CommentAddedEvent }
  | { topic: typeof Topic.ProposalUpdated; payload: ProposalUpdatedEvent }
  | { topic: typeof Topic.LedgerEntryPosted; payload: LedgerEntryPostedEvent }
  | { topic: typeof Topic.CampaignUpdated; payload: CampaignUpdatedEvent }
  | { topic: typeof Topic.NotificationAdded; payload: NotificationAddedEvent }
  | { topic: typeof Topic.SurveyResultsUpdated; payload: SurveyResultsUpdatedEvent }
  | { topic: typeof Topic.MeetingUpdated; payload: MeetingUpdatedEvent };

/** Publishes events collected during a transaction, after it committed. */
export function publishAll(pubsub: AppPubSub, events: readonly DomainEvent[]): void {
  for (const event of events) {
    switch (event.topic) {
      case Topic.CommentAdded:
        pubsub.publish(Topic.CommentAdded, event.payload.proposalId, event.payload);
        break;
      case Topic.ProposalUpdated:
        pubsub.publish(Topic.ProposalUpdated, event.payload.proposalId, event.payload);
        break;
      case Topic.LedgerEntryPosted:
        pubsub.publish(Topic.LedgerEntryPosted, event.payload.fundId, event.payload);
        break;
      case Topic.CampaignUpdated:
        pubsub.publish(Topic.CampaignUpdated, event.payload.campaignId, event.payload);
        break;
      case Topic.NotificationAdded:
        pubsub.publish(Topic.NotificationAdded, event.payload.userId, event.payload);
        break;
      case Topic.SurveyResultsUpdated:
        pubsub.publish(Topic.SurveyResultsUpdated, event.payload.surveyId, event.payload);
        break;
      case Topic.MeetingUpdated:
        pubsub.publish(Topic.MeetingUpdated, event.payload.meetingId, event.payload);
        break;
    }
  }
}
