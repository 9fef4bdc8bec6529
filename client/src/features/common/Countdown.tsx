import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Whole units by integer division of whole milliseconds (no rounding functions needed). */
function split(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const totalSeconds = (ms - (ms % 1000)) / 1000;
  const seconds = totalSeconds % 60;
  const totalMinutes = (totalSeconds - seconds) / 60;
  const minutes = totalMinutes % 60;
  const totalHours = (totalMinutes - minutes) / 60;
  const hours = totalHours % 24;
  const days = (totalHours - hours) / 24;
  return { days, hours, minutes, seconds };
}

/** "3 d 04 h 12 min left" until `until`; "closed" after it. Screen readers get it on demand, not every second. */
export function Countdown({ until, testId }: { until: string; testId?: string }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const left = new Date(until).getTime() - now;
  if (left <= 0) {
    return (
      <span className="countdown countdown-over" data-testid={testId}>
        {t('common.closed')}
      </span>
    );
  }
  const { days, hours, minutes, seconds } = split(left);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    <span className="countdown" data-testid={testId}>
      {days > 0
        ? t('common.timeLeftDays', { days, hours: pad(hours), minutes: pad(minutes) })
        : t('common.timeLeft', { hours: pad(hours), minutes: pad(minutes), seconds: pad(seconds) })}
    </span>
  );
}
