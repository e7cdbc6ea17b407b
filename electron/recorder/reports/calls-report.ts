import type { CallsReport, StoredCall } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import { DEFAULT_WRAP_CAP_MS, mergeDigests, metricsFromDigest, type CallDigest } from '../../../shared/calls';
import { withCallsPerActiveHour, workedCallsByDate as workedByDate } from '../../../shared/calls/calls-report';
import { datesBetween, localDayBounds } from '../../../shared/timesheet';
import type { IsoDate } from '../../../shared/timesheet/types';
import { callDigests, type DayAgentDigest } from '../store/call-digests';
import { ownCallRows } from '../store/calls-store';
import { CorrectionsStore } from '../store/corrections-store';
import { SettingsStore } from '../store/settings-store';
import { activeMs } from './time-use';

/**
 * AHT and the other call figures over local dates from..to (store/call-digests.ts says which calls count:
 * a detected call only once the rep confirms it, a call in a log and timed here once). `scope: 'mine'` keeps
 * the rep's own calls, 'all' every agent's. `toReview` counts the detected calls waiting for the rep.
 *
 * Calls per active hour = the rep's own answered calls that started inside worked time (a work session,
 * not a break) ÷ active hours over the same dates: a log's calls from hours this computer did not track
 * would otherwise inflate it. It is null under 15 minutes of active time, where a rate per hour says nothing
 * (3 calls in 27 s of tracked input read as 400 an hour).
 * With `byDay`, one row per local date that has calls, dated by each call's start in the report's zone.
 * With `byAgent`, one row per agent, the rep's own (`null`) first, then by name; calls per active hour is
 * left out there: active time is this computer's user's, not each agent's.
 */
export function callsReport(
  db: Database.Database,
  q: { from: string; to: string; timeZone: string; byDay: boolean; byAgent?: boolean; scope?: 'mine' | 'all'; nowMs: number },
): CallsReport {
  const scope = q.scope ?? 'all';
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const identity = new SettingsStore(db).identity();
  const digests = callDigests(db, datesBetween(q.from, q.to), q.timeZone, DEFAULT_WRAP_CAP_MS, identity);
  const inScope = scope === 'mine' ? digests.filter((d) => d.agent === null) : digests;
  const calls = ownCallRows(db, fromMs, toMs, identity, 'mine').filter((c) => c.startMs >= fromMs && c.startMs < toMs);
  const worked = workedCallsByDate(db, calls, fromMs, toMs, q.timeZone, q.nowMs);
  const perHour = withCallsPerActiveHour;
  const total = [...worked.values()].reduce((n, v) => n + v, 0);
  const report: CallsReport = {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    scope,
    toReview: calls.filter((c) => c.source === 'detected' && c.review === null).length,
    ...perHour(metricsFromDigest(mergeDigests(inScope.map((d) => d.digest))), total, activeMs(db, fromMs, toMs, q.nowMs) / 1000),
  };
  if (q.byDay) {
    report.days = [...groupDigests(inScope, (d) => d.date)]
      .filter(([, digest]) => digest.calls > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, digest]) => {
        const day = localDayBounds(date, q.timeZone);
        return { date, ...perHour(metricsFromDigest(digest), worked.get(date) ?? 0, activeMs(db, day.startMs, day.endMs, q.nowMs) / 1000) };
      });
  }
  if (q.byAgent) {
    report.agents = [...groupDigests(digests, (d) => d.agent)]
      .filter(([, digest]) => digest.calls > 0)
      .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
      .map(([agent, digest]) => ({ agent, ...metricsFromDigest(digest) }));
  }
  return report;
}

/** The rep's counted answered calls that started inside worked time, per local date of their start. */
function workedCallsByDate(
  db: Database.Database,
  calls: readonly (StoredCall & { duplicateOf: string | null })[],
  fromMs: number,
  toMs: number,
  zone: string,
  nowMs: number,
): Map<IsoDate, number> {
  const intervals = new CorrectionsStore(db, '').effective(fromMs, toMs, nowMs);
  const counted = calls.filter((c) => c.mine && c.duplicateOf === null && (c.source !== 'detected' || c.review === 'confirm'));
  return workedByDate(counted, intervals, zone);
}

/** Merges the digests that share a key. */
function groupDigests<K>(digests: readonly DayAgentDigest[], key: (d: DayAgentDigest) => K): Map<K, CallDigest> {
  const groups = new Map<K, CallDigest[]>();
  for (const d of digests) {
    const k = key(d);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(d.digest);
  }
  return new Map([...groups].map(([k, list]) => [k, list.length === 1 ? list[0]! : mergeDigests(list)]));
}
