import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Once `ready` (the list is rendered), scrolls the element named by the address's #hash into view and
 * focuses it, so a link from a notification lands on the comment, revision or feedback item it is about.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [ready, hash]);
}
