/** A media query as React state: the first render already knows the answer (no wide layout flashing on a phone). */
import { useSyncExternalStore } from 'react';

/** antd's `sm` breakpoint: below it is a phone (antd's `xs`). */
export const PHONE = '(max-width: 575.98px)';

/** The system's "reduce motion" accessibility setting (WCAG 2.3.3). */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether `query` matches now; re-renders when that changes. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (change) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', change);
      return () => list.removeEventListener('change', change);
    },
    () => window.matchMedia(query).matches,
  );
}
