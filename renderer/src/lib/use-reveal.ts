import { useEffect, useRef } from 'react';

/**
 * Scrolls an element into view when `key` changes after the first render: a result that arrives
 * below the fold (an import report, a plan) is shown instead of waiting unseen.
 */
export function useReveal<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  const first = useRef(key);
  useEffect(() => {
    if (key === first.current || key === undefined || key === null) return;
    first.current = key;
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [key]);
  return ref;
}
