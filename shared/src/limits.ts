/**
 * Validation limits shared by the server (class-validator rules) and the
 * client (form constraints), so both reject the same input.
 */
export const LIMITS = {
  email: { max: 254 },
  password: { min: 8, max: 128 },
  displayName: { min: 1, max: 60 },
  organizationName: { min: 2, max: 120 },
  organizationDescription: { max: 2000 },
  needTitle: { min: 3, max: 120 },
  needDescription: { min: 10, max: 5000 },
  proposalTitle: { min: 3, max: 120 },
  proposalSummary: { min: 10, max: 500 },
  proposalBody: { min: 10, max: 20000 },
  /** 1 fen .. 100,000,000 yuan. */
  budgetMinor: { min: 1, max: 10_000_000_000 },
  /** An organization's declared yearly sponsorship range: 0 .. 10,000,000,000 yuan. */
  yearlyBudgetMinor: { min: 0, max: 1_000_000_000_000 },
  /** Neighborhoods one organization may declare it serves. */
  offerNeighborhoods: { max: 50 },
  /** How many matches or opportunities one list holds. */
  matches: { min: 1, max: 50 },
  commentBody: { min: 1, max: 4000 },
  decisionNote: { max: 2000 },
  searchText: { max: 100 },
  pageSize: { min: 1, max: 100 },
  sponsorshipDescription: { min: 3, max: 2000 },
  /** A pledge or a bid: 1 fen .. 100,000,000 yuan. */
  amountMinor: { min: 1, max: 10_000_000_000 },
  bidPlan: { min: 10, max: 10000 },
  bidDurationDays: { min: 1, max: 3650 },
  partnershipTitle: { min: 3, max: 120 },
  partnershipCommitments: { min: 10, max: 5000 },
  progressBody: { min: 3, max: 5000 },
  percentComplete: { min: 0, max: 100 },
  campaignTitle: { min: 3, max: 120 },
  campaignDescription: { min: 10, max: 5000 },
  /** A donation: 1 fen .. 10,000,000 yuan. */
  donationMinor: { min: 1, max: 1_000_000_000 },
  donorName: { min: 1, max: 60 },
  idempotencyKey: { min: 8, max: 100 },
  disbursementMemo: { min: 3, max: 500 },
  feedbackBody: { min: 3, max: 4000 },
  feedbackResponse: { min: 3, max: 4000 },
  revisionReason: { min: 3, max: 1000 },
  /** Comments and feedback items one revision may cite. */
  revisionCitations: { max: 20 },
  reportReason: { min: 3, max: 500 },
  moderationReason: { min: 3, max: 500 },
  surveyTitle: { min: 3, max: 120 },
  surveyDescription: { max: 2000 },
  surveyQuestions: { min: 1, max: 30 },
  questionPrompt: { min: 3, max: 500 },
  questionOptions: { min: 2, max: 12 },
  questionOption: { min: 1, max: 200 },
  surveyTextAnswer: { max: 2000 },
  scale: { min: 1, max: 5 },
  meetingTitle: { min: 3, max: 120 },
  meetingDescription: { max: 2000 },
  meetingLocation: { min: 2, max: 200 },
  meetingMinutes: { min: 10, max: 20000 },
  meetingCancelReason: { min: 3, max: 500 },
  /** A page of notifications. */
  notificationIds: { max: 100 },
  /** The longest consultation or bidding window that may be opened, in days. */
  windowDays: { max: 366 },
} as const;
