import type { ProposalQuery } from '../../gql/graphql';

/** The proposal as its page loads it (live fields, market fields, text, fund). */
export type ProposalView = NonNullable<ProposalQuery['proposal']>;

/** The fund's side: may decide, open bidding, award and answer sponsorships. */
export function isFundSide(role: string | undefined): boolean {
  return role === 'FUND_ADMIN' || role === 'GOVERNMENT';
}
