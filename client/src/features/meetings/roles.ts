import type { Role } from '../../gql/graphql';

/** GOVERNMENT or FUND_ADMIN: who schedules, cancels and writes up meetings (the server has the last word). */
export function isFundSide(viewer: { role: Role } | null | undefined): boolean {
  return viewer?.role === 'GOVERNMENT' || viewer?.role === 'FUND_ADMIN';
}
