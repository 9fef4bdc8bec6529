/**
 * Enums of the public contract. String enums so that the value is the name,
 * which is what GraphQL sends on the wire and what PostgreSQL stores.
 */
export enum Role {
  RESIDENT = 'RESIDENT',
  ENTERPRISE = 'ENTERPRISE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  GOVERNMENT = 'GOVERNMENT',
  FUND_ADMIN = 'FUND_ADMIN',
}

export enum OrganizationType {
  ENTERPRISE = 'ENTERPRISE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  GOVERNMENT = 'GOVERNMENT',
  FOUNDATION = 'FOUNDATION',
}

export enum MembershipStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum Category {
  ELDERLY_CARE = 'ELDERLY_CARE',
  YOUTH_EDUCATION = 'YOUTH_EDUCATION',
  PROPERTY_SERVICES = 'PROPERTY_SERVICES',
  HEALTHCARE = 'HEALTHCARE',
  CULTURE_RECREATION = 'CULTURE_RECREATION',
  ENVIRONMENT = 'ENVIRONMENT',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  EMERGENCY_RELIEF = 'EMERGENCY_RELIEF',
  OTHER = 'OTHER',
}

export enum NeighborhoodKind {
  OLD = 'OLD',
  NEW = 'NEW',
}

export enum NeedStatus {
  OPEN = 'OPEN',
  ADDRESSED = 'ADDRESSED',
  CLOSED = 'CLOSED',
}

export enum ProposalStatus {
  DRAFT = 'DRAFT',
  CONSULTATION = 'CONSULTATION',
  APPROVED = 'APPROVED',
  BIDDING = 'BIDDING',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum VoteChoice {
  SUPPORT = 'SUPPORT',
  OPPOSE = 'OPPOSE',
}

export enum ProposalDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

export enum SponsorshipKind {
  FUNDS = 'FUNDS',
  IN_KIND = 'IN_KIND',
  SERVICES = 'SERVICES',
}

export enum SponsorshipStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  FULFILLED = 'FULFILLED',
}

export enum BidStatus {
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
  AWARDED = 'AWARDED',
  NOT_AWARDED = 'NOT_AWARDED',
}

export enum PartnershipKind {
  STRATEGIC = 'STRATEGIC',
  PROJECT = 'PROJECT',
}

export enum PartnershipStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  DECLINED = 'DECLINED',
}

export enum CampaignStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum LedgerEntryKind {
  DONATION = 'DONATION',
  SPONSORSHIP = 'SPONSORSHIP',
  DISBURSEMENT = 'DISBURSEMENT',
  REFUND = 'REFUND',
  ADJUSTMENT = 'ADJUSTMENT',
}

export enum LedgerDirection {
  IN = 'IN',
  OUT = 'OUT',
}

export enum DisbursementStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum FeedbackStatus {
  RECEIVED = 'RECEIVED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  ADDRESSED = 'ADDRESSED',
  DECLINED = 'DECLINED',
}

/** What a notification is about; the client words it in the reader's language. */
export enum NotificationKind {
  /** Someone commented on a proposal you wrote. */
  PROPOSAL_COMMENTED = 'PROPOSAL_COMMENTED',
  /** Someone replied to your comment. */
  COMMENT_REPLIED = 'COMMENT_REPLIED',
  /** A proposal you follow changed status. */
  PROPOSAL_STATUS_CHANGED = 'PROPOSAL_STATUS_CHANGED',
  /** A proposal you follow was revised during consultation. */
  PROPOSAL_REVISED = 'PROPOSAL_REVISED',
  SPONSORSHIP_ACCEPTED = 'SPONSORSHIP_ACCEPTED',
  SPONSORSHIP_DECLINED = 'SPONSORSHIP_DECLINED',
  BID_AWARDED = 'BID_AWARDED',
  BID_NOT_AWARDED = 'BID_NOT_AWARDED',
  FEEDBACK_ANSWERED = 'FEEDBACK_ANSWERED',
  /** A survey opened on a proposal you follow (or on the fund, for its residents). */
  SURVEY_OPENED = 'SURVEY_OPENED',
  /** A consultation meeting was scheduled on a proposal you follow. */
  MEETING_SCHEDULED = 'MEETING_SCHEDULED',
  /** Minutes of a meeting you answered were published. */
  MEETING_MINUTES_PUBLISHED = 'MEETING_MINUTES_PUBLISHED',
  /** A need you support was addressed by a completed proposal. */
  NEED_ADDRESSED = 'NEED_ADDRESSED',
  /** A moderator hid or restored your comment. */
  COMMENT_MODERATED = 'COMMENT_MODERATED',
  /** A proposal that fits what your organization offers opened for sponsorship or for bids. */
  MATCHING_PROPOSAL_OPENED = 'MATCHING_PROPOSAL_OPENED',
}

/** Why an organization fits a need or a proposal (each reason adds points to the match's score). */
export enum MatchReasonKind {
  /** It offers the category. */
  CATEGORY = 'CATEGORY',
  /** It serves the neighborhood. */
  NEIGHBORHOOD = 'NEIGHBORHOOD',
  /** Its record on the platform: projects completed and reported on, sponsorships fulfilled. */
  TRACK_RECORD = 'TRACK_RECORD',
  /** The budget against the yearly range it sponsors. */
  BUDGET_FIT = 'BUDGET_FIT',
}

export enum ModerationAction {
  HIDE = 'HIDE',
  RESTORE = 'RESTORE',
}

export enum SurveyStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum SurveyQuestionKind {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  /** A 1..5 rating. */
  SCALE = 'SCALE',
  FREE_TEXT = 'FREE_TEXT',
}

export enum MeetingKind {
  SYMPOSIUM = 'SYMPOSIUM',
  PUBLIC_CONSULTATION = 'PUBLIC_CONSULTATION',
}

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

export enum RsvpResponse {
  GOING = 'GOING',
  MAYBE = 'MAYBE',
  NOT_GOING = 'NOT_GOING',
}

/** The `extensions.code` values the contract names, plus none other. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
