import { useEffect, useState } from 'react';

let cached: Promise<boolean> | null = null;

function fetchDemoMode(): Promise<boolean> {
  cached ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<unknown>) : null))
    .then((body) => typeof body === 'object' && body !== null && (body as { demoMode?: unknown }).demoMode === true)
    .catch(() => {
      cached = null;
      return false;
    });
  return cached;
}

/** GET /config.json once: does the server run the seeded demo? */
export function useDemoMode(): boolean {
  const [demoMode, setDemoMode] = useState(false);
  useEffect(() => {
    let active = true;
    void fetchDemoMode().then((value) => {
      if (active) setDemoMode(value);
    });
    return () => {
      active = false;
    };
  }, []);
  return demoMode;
}
