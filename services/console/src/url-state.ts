import { useCallback } from 'react';
import { useLocation, useSearch } from 'wouter';

/**
 * A page's filters kept in its address (?period=2026-11&departmentId=D1), so a link (a webhook's,
 * a colleague's) opens the same view, and Back goes to the previous one.
 */
export function useUrlState<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (changes: Partial<Record<K, string>>) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const state = Object.fromEntries(
    (Object.keys(defaults) as K[]).map((key) => [key, params.get(key) ?? defaults[key]]),
  ) as Record<K, string>;
  const set = useCallback(
    (changes: Partial<Record<K, string>>) => {
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(changes) as [K, string][]) {
        if (value === '' || value === defaults[key]) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      navigate(query ? `${location}?${query}` : location, { replace: true });
    },
    [search, location, navigate, defaults],
  );
  return [state, set];
}
