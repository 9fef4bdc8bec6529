/**
 * Money is integer minor units (fen for CNY) end to end. These helpers never
 * touch floating point: amounts travel as bigint (or a safe integer) and are
 * turned into decimal strings by integer division only.
 */

export type MinorUnits = bigint | number | string;

const MINOR_DIGITS: Readonly<Record<string, number>> = { CNY: 2, USD: 2, EUR: 2, HKD: 2, JPY: 0 };
const SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: '¥' };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Converts an integer amount to bigint, refusing anything that is not a whole number. */
export function toMinorBigInt(value: MinorUnits): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer amount: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not an integer amount: ${value}`);
  return BigInt(value);
}

/** Exact decimal string in major units: 20000000n CNY -> "200000.00". */
export function toMajorString(value: MinorUnits, currency = 'CNY'): string {
  const minor = toMinorBigInt(value);
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  if (digits === 0) return `${negative ? '-' : ''}${abs}`;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** For display: "¥200,000.00". Grouping is done on the string, not with floats. */
export function formatMoney(value: MinorUnits, currency = 'CNY'): string {
  const exact = toMajorString(value, currency);
  const negative = exact.startsWith('-');
  const [whole = '0', frac] = (negative ? exact.slice(1) : exact).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${negative ? '-' : ''}${symbol}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * Parses a decimal string typed by a person ("1,234.5", "¥20") into minor
 * units. Returns null for anything that is not an exact amount with at most
 * the currency's minor digits.
 */
export function parseMoney(text: string, currency = 'CNY'): bigint | null {
  const digits = minorDigits(currency);
  const cleaned = text
    .trim()
    .replace(/^[¥$€]|^HK\$/, '')
    .replace(/,/g, '')
    .trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > digits) return null;
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
}
