/**
 * `npm run bench rep-views`: a rep's views on the team server (POST /api/team/reps/:id/request) over a month of
 * a dense rep: 22 working days of 8.5 h with a window change every 20 s (titles and urls synced), an idle
 * stretch a day, sessions and a break. Prints the server time per request (the whole route, in process) on
 * SQLite and PostgreSQL: the month's time use by category and by hour, the month's timesheet and entries, a
 * day's timeline and Today. Figures, not assertions.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createHarness } from '../server/test-support/harness';
import { DIALECTS } from '../server/test-support/test-db';
import type { SyncRecord } from '../shared/sync/contract';
import { fmt, line } from './measure';

const H = 3_600_000;
const MARCH = Date.UTC(2026, 2, 1);
const SPAN_MS = 20_000;
const WINDOWS = [
  { app: 'Google-chrome', title: 'Pipeline | Salesforce', url: 'https://acme.my.salesforce.com/lightning/o/Opportunity' },
  { app: 'Slack', title: 'deals channel' },
  { app: 'Outlook', title: 'Inbox - Re: proposal for ACME' },
  { app: 'Google-chrome', title: 'LinkedIn Sales Navigator', url: 'https://www.linkedin.com/sales/search' },
  { app: 'zoom', title: 'Zoom Meeting' },
  { app: 'Google-chrome', title: 'YouTube', url: 'https://www.youtube.com/watch' },
];

function month(): SyncRecord[] {
  const out: SyncRecord[] = [];
  const z = { timeZone: 'UTC', utcOffsetMin: 0 };
  let seq = 0;
  for (let d = 0; d < 31; d++) {
    const day = MARCH + d * 24 * H;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const start = day + 8 * H;
    const sessions: [number, number, 'work' | 'break'][] = [
      [start, start + 4 * H, 'work'],
      [start + 4 * H, start + 4.5 * H, 'break'],
      [start + 4.5 * H, start + 9 * H, 'work'],
    ];
    for (const [s, e, kind] of sessions)
      out.push({ seq: ++seq, uuid: randomUUID(), kind: 'session', sessionKind: kind, startMs: s, endMs: e, source: 'recorded', ...z });
    out.push({ seq: ++seq, uuid: randomUUID(), kind: 'idle', startMs: start + 2 * H, endMs: start + 2 * H + 9 * 60_000, ...z });
    for (const [s, e, kind] of sessions) {
      if (kind !== 'work') continue;
      for (let t = s, i = d; t < e; t += SPAN_MS, i++)
        out.push({ seq: ++seq, uuid: randomUUID(), kind: 'activity', startMs: t, endMs: t + SPAN_MS, ...WINDOWS[(i * 7) % WINDOWS.length]!, ...z });
    }
  }
  return out;
}

export async function benchRepViews(): Promise<void> {
  const records = month();
  for (const dialect of DIALECTS) {
    const h = await createHarness(dialect);
    try {
      const device = await h.enroll('rep');
      const rows = records.map((r) => ({
        user_id: h.ids.rep,
        uuid: r.uuid,
        kind: r.kind,
        device_id: device.deviceId,
        seq: r.seq,
        start_ms: 'startMs' in r ? r.startMs : null,
        end_ms: 'endMs' in r ? r.endMs : null,
        ref_uuid: null,
        payload: JSON.stringify(r),
        received_ms: MARCH,
      }));
      for (let i = 0; i < rows.length; i += 500)
        await h.store.db
          .insertInto('records')
          .values(rows.slice(i, i + 500))
          .execute();
      if (dialect === 'postgres') await sql`ANALYZE`.execute(h.store.db);
      h.clock.now = Date.UTC(2026, 2, 31, 18);
      const manager = await h.login('manager');
      line(`${dialect}: a dense month`, `${records.length.toLocaleString('en-US')} records`, `(${fmt(SPAN_MS / 1000, 0)} s windows)`);
      const requests: [string, string, unknown][] = [
        ['time use by category, the month', 'report.timeUse', { from: '2026-03-01', to: '2026-03-31', by: 'category', timeZone: 'UTC' }],
        ['time use by hour, the month', 'report.timeUse', { from: '2026-03-01', to: '2026-03-31', by: 'hour', timeZone: 'UTC' }],
        ['timesheet, the month', 'timesheet.get', { from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' }],
        ['entries, the month', 'time.list', { from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' }],
        ['timeline, one day', 'timeline.get', { date: '2026-03-31', timeZone: 'UTC' }],
        ['Today (status)', 'status.get', {}],
      ];
      for (const [label, name, input] of requests) {
        const times: number[] = [];
        for (let i = 0; i < 4; i++) {
          const t = performance.now();
          const res = await h.request({ method: 'POST', url: `/api/team/reps/${h.ids.rep}/request`, session: manager, payload: { name, input } });
          if (res.statusCode !== 200) throw new Error(`${name} → ${res.statusCode} ${res.body}`);
          times.push(performance.now() - t);
        }
        const warm = times.slice(1).sort((a, b) => a - b);
        line(`${dialect}: ${label}`, `${fmt(warm[1]!)} ms`, `(median of 3 after one, first ${fmt(times[0]!)} ms)`);
      }
    } finally {
      await h.close();
    }
  }
}
