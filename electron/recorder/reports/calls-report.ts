import type { CallsReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import { DEFAULT_WRAP_CAP_MS, mergeDigests, metricsFromDigest, type CallDigest } from '../../../shared/calls';
import { datesBetween, localDayBounds } from '../../../shared/timesheet';
import { callDigests, type DayAgentDigest } from '../store/call-digests';
import { activeMs } from './time-use';

/**
 * AHT and the other call figures over local dates from..to: recorded, confirmed-detected and imported
 * calls; dismissed and merged detections are left out. Calls per active hour divide by active time.
 * With `byDay`, one row per local date that has calls, dated by each call's start in the report's zone.
 * With `byAgent`, one row per agent the call logs name, `null` (calls timed here) first, then by name;
 * calls per active hour is left out there: active time is this computer's user's, not each agent's.
 */
export function callsReport(
  db: Database.Database,
  q: { from: string; to: string; timeZone: string; byDay: boolean; byAgent?: boolean; nowMs: number },
): CallsReport {
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const digests = callDigests(db, datesBetween(q.from, q.to), q.timeZone, DEFAULT_WRAP_CAP_MS);
  const report: CallsReport = {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    ...metricsFromDigest(mergeDigests(digests.map((d) => d.digest)), activeMs(db, fromMs, toMs, q.nowMs) / 1000),
  };
  if (q.byDay) {
    report.days = [...groupDigests(digests, (d) => d.date)]
      .filter(([, digest]) => digest.calls > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, digest]) => {
        const day = localDayBounds(date, q.timeZone);
        return { date, ...metricsFromDigest(digest, activeMs(db, day.startMs, day.endMs, q.nowMs) / 1000) };
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
