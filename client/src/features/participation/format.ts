const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  ['day', 2 * DAY, DAY],
  ['hour', HOUR, HOUR],
  ['minute', MINUTE, MINUTE],
  ['second', 0, 1],
] as const;

/** A duration in words of the language, in the largest fitting unit: "2.5 days", "3 hours", "12 分钟". */
export function formatDuration(seconds: number, language: string): string {
  const [unit, , size] = UNITS.find(([, from]) => seconds >= from) ?? UNITS[UNITS.length - 1]!;
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
    seconds / size,
  );
}

/** A share from 0 to 1 as a whole percentage in the language's way: "75%". */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
