import { LIMITS } from '@commonweal/shared';
import type { SurveyQuery, ViewerSummaryFragment } from '../../gql/graphql';

/** The survey as its page loads it. */
export type SurveyView = NonNullable<SurveyQuery['survey']>;

/** The survey inputs, with the limits the server validates them by. */
export const SURVEY_LIMITS = {
  title: LIMITS.surveyTitle,
  description: LIMITS.surveyDescription,
  questions: LIMITS.surveyQuestions,
  prompt: LIMITS.questionPrompt,
  options: LIMITS.questionOptions,
  option: LIMITS.questionOption,
  text: LIMITS.surveyTextAnswer,
  scale: LIMITS.scale,
} as const;

/** The points of a scale question, 1..5. */
export const SCALE_POINTS: readonly number[] = Array.from(
  { length: LIMITS.scale.max - LIMITS.scale.min + 1 },
  (_, i) => LIMITS.scale.min + i,
);

/**
 * Whether to offer the fund's side's tools that are not tied to one survey (the create form). The server
 * decides for real (an unverified GOVERNMENT member is refused); per-survey buttons follow `viewerCan`.
 */
export function mayCreateSurveys(viewer: ViewerSummaryFragment | null): boolean {
  if (!viewer) return false;
  if (viewer.role === 'FUND_ADMIN') return true;
  return viewer.role === 'GOVERNMENT' && viewer.organization?.verified === true;
}

/** count as a share of total, 0..1 (0 when nobody answered). */
export function shareOf(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/** A share such as 0.5 as "50%" in the reader's language, to whole percent. */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A mean such as 4.25 shown with one decimal in the reader's language. */
export function formatMean(mean: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}
