import type Database from 'better-sqlite3';
import { callDigest, type CallDigest, type CallTimes } from '../../../shared/calls';
import { localDayBounds } from '../../../shared/timesheet';
import type { IsoDate } from '../../../shared/timesheet/types';

// The calls a report counts: recorded, imported and confirmed-detected; dismissed and merged detections are left out.
const COUNTED = `(source != 'detected' OR NOT EXISTS (SELECT 1 FROM call_reviews r WHERE r.call_uuid = c.uuid AND r.action != 'confirm'))`;

type CachedRow = [date: IsoDate, calls: number, answered: number, talkMs: number, holdMs: number, wrapMs: number, handle: Buffer];

/**
 * The digest of the counted calls of each local date in `dates` (in `zone`, wrap-up capped at `wrapCapMs`).
 * Dates come from the call day cache; a date it lacks is computed from the calls with shared/calls
 * `callDigest`, the one definition, and stored. Triggers drop a date's row when its calls change.
 */
export function callDigestsByDate(db: Database.Database, dates: readonly IsoDate[], zone: string, wrapCapMs: number): Map<IsoDate, CallDigest> {
  const digests = new Map<IsoDate, CallDigest>();
  if (dates.length === 0) return digests;
  const sorted = [...dates].sort();
  const cached = db
    .prepare('SELECT date, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms FROM call_day_cache WHERE tz = ? AND cap_ms = ? AND date >= ? AND date <= ?')
    .raw()
    .all(zone, wrapCapMs, sorted[0], sorted[sorted.length - 1]) as CachedRow[];
  for (const [date, calls, answered, talkMs, holdMs, wrapMs, handle] of cached) {
    digests.set(date, { calls, answered, talkMs, holdMs, wrapMs, handleMs: decode(handle) });
  }
  const missing = sorted.filter((date) => !digests.has(date));
  if (missing.length > 0) {
    for (const [date, digest] of computeDigests(db, missing, zone, wrapCapMs)) digests.set(date, digest);
  }
  return digests;
}

/**
 * The digest of the counted calls that started in [fromMs, toMs), per agent as the call log names them;
 * calls timed here (and imported ones without an agent) are under `null`. Agents in name order, `null` first.
 */
export function callDigestsByAgent(db: Database.Database, fromMs: number, toMs: number, wrapCapMs: number): { agent: string | null; digest: CallDigest }[] {
  const rows = db
    .prepare(`SELECT agent, start_ms, answered, talk_ms, hold_ms, wrap_ms FROM calls c WHERE start_ms >= ? AND start_ms < ? AND ${COUNTED} ORDER BY agent`)
    .raw()
    .all(fromMs, toMs) as [string | null, number, number, number, number, number][];
  const out: { agent: string | null; digest: CallDigest }[] = [];
  for (let i = 0; i < rows.length; ) {
    const agent = rows[i]![0];
    const calls: CallTimes[] = [];
    for (; i < rows.length && rows[i]![0] === agent; i++) {
      const [, startMs, answered, talkMs, holdMs, wrapMs] = rows[i]!;
      calls.push({ startMs, answered: answered === 1, talkMs, holdMs, wrapMs });
    }
    out.push({ agent, digest: callDigest(calls, wrapCapMs) });
  }
  return out;
}

/** Reads the calls of each run of consecutive missing dates once, splits them by date and caches the digests. */
function computeDigests(db: Database.Database, dates: readonly IsoDate[], zone: string, wrapCapMs: number): Map<IsoDate, CallDigest> {
  const select = db.prepare(`SELECT start_ms, answered, talk_ms, hold_ms, wrap_ms FROM calls c WHERE start_ms >= ? AND start_ms < ? AND ${COUNTED} ORDER BY start_ms`).raw();
  const store = db.prepare(
    `INSERT OR REPLACE INTO call_day_cache (tz, date, cap_ms, start_ms, end_ms, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const days = dates.map((date) => ({ date, ...localDayBounds(date, zone) }));
  const digests = new Map<IsoDate, CallDigest>();
  db.transaction(() => {
    for (const run of runs(days)) {
      const rows = select.all(run[0]!.startMs, run[run.length - 1]!.endMs) as [number, number, number, number, number][];
      let i = 0;
      for (const day of run) {
        const calls: CallTimes[] = [];
        for (; i < rows.length && rows[i]![0] < day.endMs; i++) {
          const [startMs, answered, talkMs, holdMs, wrapMs] = rows[i]!;
          calls.push({ startMs, answered: answered === 1, talkMs, holdMs, wrapMs });
        }
        const d = callDigest(calls, wrapCapMs);
        digests.set(day.date, d);
        store.run(zone, day.date, wrapCapMs, day.startMs, day.endMs, d.calls, d.answered, d.talkMs, d.holdMs, d.wrapMs, encode(d.handleMs));
      }
    }
  })();
  return digests;
}

/** Splits days (sorted by date) into runs whose bounds touch, so each run is one range of calls. */
function runs<T extends { startMs: number; endMs: number }>(days: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1]!.endMs === day.startMs) last.push(day);
    else out.push([day]);
  }
  return out;
}

// Handle times as float64 in the machine's byte order: the cache is local, derived and rebuilt when dropped.
function encode(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function decode(blob: Buffer): Float64Array {
  // Copy: a Buffer from SQLite need not be 8-byte aligned.
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float64Array(bytes.buffer);
}
