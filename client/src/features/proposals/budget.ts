import { LIMITS, parseMoney } from '@commonweal/shared';

/**
 * A budget typed in yuan ("12,500.50") as integer fen, or null when it is not
 * an exact amount within the limits. Parsing is done on the string by
 * parseMoney (bigint); no floating point is involved.
 */
export function parseBudget(text: string, currency = 'CNY'): number | null {
  const minor = parseMoney(text, currency);
  if (minor === null) return null;
  if (minor < BigInt(LIMITS.budgetMinor.min) || minor > BigInt(LIMITS.budgetMinor.max)) return null;
  return Number(minor); // exact: the limit is far below Number.MAX_SAFE_INTEGER
}
