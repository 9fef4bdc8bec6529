import { Role, SURVEY_TRANSITIONS, SurveyStatus, type SurveyAction } from '@commonweal/shared';
import { isFundSide } from '../proposals/proposals.policy.js';
import { defineMachine } from '../shared/state-machine.js';
import { hasRole, type Actor } from '../users/actor.js';
import type { Survey } from './survey.entity.js';

/**
 * Who may do what with a survey, written once: the service enforces these and
 * `Survey.viewerCan` exposes them. The fund's side (`isFundSide`) is GOVERNMENT or FUND_ADMIN.
 */

/** Drafts are the fund's side's work in progress; open and closed surveys are public. */
export function canViewSurvey(actor: Actor | null, s: Survey): boolean {
  return s.status !== SurveyStatus.DRAFT || isFundSide(actor);
}

/** Residents answer open surveys (once: the database holds them to it). */
export function canRespond(actor: Actor | null, s: Survey): boolean {
  return hasRole(actor, Role.RESIDENT) && s.status === SurveyStatus.OPEN;
}

/** The fund's side enters paper responses on a resident's behalf while the survey is open. */
export function canRecordAssisted(actor: Actor | null, s: Survey): boolean {
  return isFundSide(actor) && s.status === SurveyStatus.OPEN;
}

/** Free-text answers, who recorded a response and the CSV export are for the fund's side only. */
export const canSeeTextAnswers = isFundSide;
export const canExport = isFundSide;

export const surveyMachine = defineMachine<SurveyStatus, SurveyAction, Survey>({
  name: 'survey',
  table: SURVEY_TRANSITIONS,
  who: { open: (actor) => isFundSide(actor), close: (actor) => isFundSide(actor) },
});
