import type { CallsReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import { DEFAULT_WRAP_CAP_MS, mergeDigests, metricsFromDigest } from '../../../shared/calls';
import { datesBetween, localDayBounds } from '../../../shared/timesheet';
import { callDigestsByAgent, callDigestsByDate } from '../store/call-digests';
import { activeMs } from './time-use';

/**
 * AHT and the other call figures over local dates from..to: recorded, confirmed-detected and imported
 * calls; dismissed and merged detections are left out. Calls per active hour divide by active time.
 * With `byDay`, one row per local date that has calls, dated by each call's start in the report's zone.
 * With `byAgent`, one row per agent the call logs name (calls per active hour is left out there: active
 * time is this computer's user's, not each agent's).
 */
export function callsReport(
  db: Database.Database,
  q: { from: string; to: string; timeZone: string; byDay: boolean; byAgent?: boolean; nowMs: number },
): CallsReport {
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const digests = callDigestsByDate(db, datesBetween(q.from, q.to), q.timeZone, DEFAULT_WRAP_CAP_MS);
  const report: CallsReport = {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    ...metricsFromDigest(mergeDigests([...digests.values()]), activeMs(db, fromMs, toMs, q.nowMs) / 1000),
  };
  if (q.byDay) {
    report.days = [...digests]
      .filter(([, digest]) => digest.calls > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, digest]) => {
        const day = localDayBounds(date, q.timeZone);
        return { date, ...metricsFromDigest(digest, activeMs(db, day.startMs, day.endMs, q.nowMs) / 1000) };
      });
  }
  if (q.byAgent) {
    report.agents = callDigestsByAgent(db, fromMs, toMs, DEFAULT_WRAP_CAP_MS).map(({ agent, digest }) => ({ agent, ...metricsFromDigest(digest) }));
  }
  return report;
}
