import type { LedgerEntryFieldsFragment } from '../../gql/graphql';
import { ANONYMOUS_DONOR } from '../campaigns/campaignLimits';
import { money } from '../common/format';

/** "+¥100.00" into the fund, "−¥100.00" out of it (the amount itself is always positive). */
export function signedAmount(entry: Pick<LedgerEntryFieldsFragment, 'direction' | 'amount'>): string {
  return `${entry.direction === 'IN' ? '+' : '−'}${money(entry.amount)}`;
}

/** The first characters of a sha-256 hex hash: enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 10);
}

/** The server names a donor without a public name "Anonymous": shown in the reader's language. */
export function counterpartyName(
  entry: Pick<LedgerEntryFieldsFragment, 'kind' | 'counterparty'>,
  anonymous: string,
): string {
  return entry.kind === 'DONATION' && entry.counterparty === ANONYMOUS_DONOR ? anonymous : entry.counterparty;
}
