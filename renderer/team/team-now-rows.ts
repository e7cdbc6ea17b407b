/** Team now's rows: what each shows, sorted and filtered, as pure functions of the rows and the time now. */
import { alertsOf, presenceOf, type Presence, type TeamAlert } from '../../shared/team/alerts';
import type { TeamNowRow } from '../../shared/team/team-api';

export const SORT_KEYS = ['rep', 'state', 'call', 'category', 'worked', 'productivity', 'calls', 'aht', 'alerts'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export const SHOW = ['all', 'online', 'alerts'] as const;
export type Show = (typeof SHOW)[number];

export interface RowView {
  row: TeamNowRow;
  presence: Presence;
  alerts: TeamAlert[];
  /** How long each alert has stood, in whole minutes (what the page shows). */
  alertMinutes: number[];
  /** Worked today: the device's live figure while its status is from today, else the synced records'. */
  workedSeconds: number;
  /** Seconds on the call in progress, or null. */
  callSeconds: number | null;
  /** Category, else app, else null. */
  activity: string | null;
}

/** Presence in the order "who needs a look first": on a call, working, idle, break, clocked out, offline. */
const PRESENCE_ORDER: Record<Presence, number> = { call: 0, working: 1, idle: 2, break: 3, 'clocked-out': 4, offline: 5 };

export function viewOf(row: TeamNowRow, nowMs: number): RowView {
  const presence = presenceOf(row.status, nowMs);
  const s = row.status?.status;
  const live = s && s.atMs >= nowMs - 36 * 3600_000 ? s.todayWorkedSeconds : 0;
  const callSeconds = presence === 'call' && s?.callStartedMs != null ? Math.max(0, Math.floor((nowMs - s.callStartedMs) / 1000)) : null;
  const alerts = alertsOf(row.status, nowMs);
  return {
    row,
    presence,
    alerts,
    alertMinutes: alerts.map((a) => Math.floor((a.kind === 'forgotten-clock-out' && a.why === 'long-day' ? (live ?? 0) * 1000 : nowMs - a.sinceMs) / 60_000)),
    workedSeconds: Math.max(live ?? 0, row.today.recordedWorkedSeconds),
    callSeconds,
    activity: presence === 'offline' || presence === 'clocked-out' ? null : (s?.category ?? s?.app ?? null),
  };
}

function compare(a: RowView, b: RowView, key: SortKey): number {
  const num = (x: number | null, y: number | null) => (x ?? -1) - (y ?? -1);
  switch (key) {
    case 'rep':
      return a.row.name.localeCompare(b.row.name) || a.row.email.localeCompare(b.row.email);
    case 'state':
      return PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence];
    case 'call':
      return num(a.callSeconds, b.callSeconds);
    case 'category':
      return (a.activity ?? '\uffff').localeCompare(b.activity ?? '\uffff');
    case 'worked':
      return a.workedSeconds - b.workedSeconds;
    case 'productivity':
      return num(a.row.today.productivity, b.row.today.productivity);
    case 'calls':
      return a.row.today.answeredCalls - b.row.today.answeredCalls;
    case 'aht':
      return num(a.row.today.ahtSeconds, b.row.today.ahtSeconds);
    case 'alerts':
      return a.alerts.length - b.alerts.length;
  }
}

/** Filters by a free-text match on name, email and team and by what to show, then sorts (ties by name). */
export function visibleRows(views: readonly RowView[], opts: { text: string; show: Show; sort: SortKey; dir: SortDir }): RowView[] {
  const needle = opts.text.trim().toLowerCase();
  const kept = views.filter((v) => {
    if (opts.show === 'online' && v.presence === 'offline') return false;
    if (opts.show === 'alerts' && v.alerts.length === 0) return false;
    if (!needle) return true;
    return [v.row.name, v.row.email, v.row.team ?? ''].some((s) => s.toLowerCase().includes(needle));
  });
  const sign = opts.dir === 'asc' ? 1 : -1;
  return kept.sort((a, b) => sign * compare(a, b, opts.sort) || compare(a, b, 'rep'));
}
