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

export type DomainEvent =
  | { topic: typeof Topic.CommentAdded; payload: CommentAddedEvent }
  | { topic: typeof Topic.ProposalUpdated; payload: ProposalUpdatedEvent }
  | { topic: typeof Topic.LedgerEntryPosted; payload: LedgerEntryPostedEvent }
  | { topic: typeof Topic.CampaignUpdated; payload: CampaignUpdatedEvent }
  | { topic: typeof Topic.NotificationAdded; payload: NotificationAddedEvent }
  | { topic: typeof Topic.SurveyResultsUpdated; payload: SurveyResultsUpdatedEvent }
  | { topic: typeof Topic.MeetingUpdated; payload: MeetingUpdatedEvent };

/** The id an event is keyed by: what its subscribers filter on. */
export function keyOf(event: DomainEvent): string {
  switch (event.topic) {
    case Topic.CommentAdded:
    case Topic.ProposalUpdated:
      return event.payload.proposalId;
    case Topic.LedgerEntryPosted:
      return event.payload.fundId;
    case Topic.CampaignUpdated:
      return event.payload.campaignId;
    case Topic.NotificationAdded:
      return event.payload.userId;
    case Topic.SurveyResultsUpdated:
      return event.payload.surveyId;
    case Topic.MeetingUpdated:
      return event.payload.meetingId;
  }
}
