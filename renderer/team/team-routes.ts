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
  // Issue 14: weeks to approve, and the audit log (admins).
  'approvals',
  'audit',
  // Team data imports and the sales KPIs (issue 15).
  'imports',
  'sales',
] as const;
/** Admins' payroll pages (issue 14): the export and every rep's pay data. */
export const PAYROLL_PAGES = ['payroll', 'pay'] as const;
const ALL_PAGES = [...TEAM_PAGES, ...PAYROLL_PAGES] as const;
export type TeamPage = (typeof ALL_PAGES)[number];
/** A rep's page: the overview, or one of the rep's own views, read-only. */
export const REP_TABS = ['overview', 'today', 'timeline', 'activity', 'calls', 'sales', 'timesheet'] as const;
export type RepTab = (typeof REP_TABS)[number];
export interface TeamRoute {
  page: TeamPage | null;
  /** The rep's user id on #/rep/ID. */
  id: number | null;
  /** The rep's view on #/rep/ID/VIEW (overview without one). */
  tab?: RepTab;
}

/** #/now, #/rep/12, #/rep/12/timeline, #/users …; anything else is no page (the shell picks the role's home). */
export function teamRouteOf(hash: string): TeamRoute {
  const [name = '', arg, view] = hash.replace(/^#\/?/, '').split('/');
  if (!(ALL_PAGES as readonly string[]).includes(name)) return { page: null, id: null };
  const page = name as TeamPage;
  if (page !== 'rep') return { page, id: null };
  const id = Number(arg);
  const tab = (REP_TABS as readonly string[]).includes(view ?? '') ? (view as RepTab) : 'overview';
  return Number.isInteger(id) && id > 0 ? { page, id, tab } : { page: null, id: null };
}

export const teamHref = (page: TeamPage, id?: number) => (id === undefined ? `#/${page}` : `#/${page}/${id}`);
export const repHref = (id: number, tab: RepTab) => (tab === 'overview' ? teamHref('rep', id) : `#/rep/${id}/${tab}`);

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
