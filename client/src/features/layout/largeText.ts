import { useEffect, useState } from 'react';

const LARGE_TEXT_KEY = 'commonweal.largeText';

function stored(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Applies the remembered choice before the first paint. */
export function applyStoredLargeText(): void {
  document.documentElement.classList.toggle('large-text', stored());
}

/** Large-text mode: scales every rem-based size; remembered between visits. */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    try {
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch {
      // not remembered, still applied
    }
  }, [on]);
  return [on, setOn];
}
