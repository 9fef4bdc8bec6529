import { useSearchParams } from 'react-router';

/**
 * One query-string parameter as state (filters live in the URL, so they survive a reload and can be
 * shared). Setting "" removes it; the history entry is replaced, not pushed.
 */
export function useSearchParam(name: string): [string | null, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  function set(value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }
  return [params.get(name), set];
}
