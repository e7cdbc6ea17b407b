import { useSyncExternalStore } from 'react';

export const ROUTES = ['today', 'timeline', 'activity', 'calls', 'sales', 'timesheet', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

/** The view a location hash names (#/timesheet); Today for anything else. */
export function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'today';
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current view, following the location hash. */
export function useRoute(): Route {
  return useSyncExternalStore(
    subscribe,
    () => routeOf(window.location.hash),
    () => 'today',
  );
}
