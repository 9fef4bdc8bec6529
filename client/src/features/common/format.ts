import { formatMoney } from '@commonweal/shared';

interface MoneyLike {
  minorUnits: number;
  currency: string;
}

/** "¥1,234.56" from integer minor units: no floating point anywhere. */
export function money(value: MoneyLike): string {
  return formatMoney(value.minorUnits, value.currency);
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** yyyy-mm-dd in local time, for <input type="date">. */
export function toDateInputValue(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function daysFromNow(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date;
}

/** The end of the chosen local day (yyyy-mm-dd), as an ISO instant. */
export function endOfDay(dateInput: string): string {
  return new Date(`${dateInput}T23:59:59`).toISOString();
}

/** The start of the chosen local day (yyyy-mm-dd), as an ISO instant. */
export function startOfDay(dateInput: string): string {
  return new Date(`${dateInput}T00:00:00`).toISOString();
}
