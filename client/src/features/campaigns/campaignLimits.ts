import { LIMITS } from '@commonweal/shared';

/** The campaign and donation inputs, with the limits the server validates them by. */
export const CAMPAIGN_LIMITS = {
  title: LIMITS.campaignTitle,
  description: LIMITS.campaignDescription,
  /** A campaign goal: 1 fen .. 100,000,000 yuan. */
  goalMinor: LIMITS.amountMinor,
  /** One donation: 1 fen .. 10,000,000 yuan. */
  donationMinor: LIMITS.donationMinor,
  donorName: LIMITS.donorName,
} as const;

/** The name the server gives a donation without a public name. */
export const ANONYMOUS_DONOR = 'Anonymous';
