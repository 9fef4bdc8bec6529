import { formatMoney } from '@commonweal/shared';

/**
 * Charts plot integer minor units as they come from the server (no division, no floats); an axis tick is
 * labelled with formatMoney, without a ".00" that only adds width. Ticks are whole numbers
 * (allowDecimals={false}); anything else is left unlabelled.
 */
export function moneyTick(currency: string): (value: unknown) => string {
  return (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value, currency).replace(/\.00$/, '') : '';
}

/** The exact amount for a tooltip. */
export function moneyValue(currency: string): (value: unknown) => string {
  return (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value, currency) : '');
}

/** "2026-11" as "Nov 2026" / "2026年11月" (parsed as integers, formatted at UTC so no time zone shifts it). */
export function formatMonth(month: string, language: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** Chart colours: the theme's primary (money in) and accent (money out), both ≥ 4.5:1 on white. */
export const CHART_IN = '#0b5d4b';
export const CHART_OUT = '#b4540a';
export const CHART_SPONSORED = '#1e3a8a';
