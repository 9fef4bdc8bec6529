import type { Role } from '../../gql/graphql';

type Viewer = { role: Role } | null | undefined;

/** GOVERNMENT or FUND_ADMIN: who answers feedback (the server has the last word). */
export function isFundSide(viewer: Viewer): boolean {
  return viewer?.role === 'GOVERNMENT' || viewer?.role === 'FUND_ADMIN';
}

/** FUND_ADMIN: who moderates comments. */
export function isFundAdmin(viewer: Viewer): boolean {
  return viewer?.role === 'FUND_ADMIN';
}
