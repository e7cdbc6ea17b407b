import { useSyncExternalStore } from 'react';

export const TEAM_PAGES = [
  'now',
  'rep',
  'setup',
  'users',
  'teams',
  'devices',
  'policy',
  'reports',
  'account',
  // Team data imports and the sales KPIs (issue 15).
  'imports',
  'sales',
] as const;
export type TeamPage = (typeof TEAM_PAGES)[number];
export interface TeamRoute {
  page: TeamPage | null;
  /** The rep's user id on #/rep/ID. */
  id: number | null;
}

/** #/now, #/rep/12, #/users …; anything else is no page (the shell picks the role's home). */
export function teamRouteOf(hash: string): TeamRoute {
  const [name = '', arg] = hash.replace(/^#\/?/, '').split('/');
  if (!(TEAM_PAGES as readonly string[]).includes(name)) return { page: null, id: null };
  const page = name as TeamPage;
  if (page !== 'rep') return { page, id: null };
  const id = Number(arg);
  return Number.isInteger(id) && id > 0 ? { page, id } : { page: null, id: null };
}

export const teamHref = (page: TeamPage, id?: number) => (id === undefined ? `#/${page}` : `#/${page}/${id}`);

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useTeamHash(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
}
