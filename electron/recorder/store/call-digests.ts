import type Database from 'better-sqlite3';
import { callDigest, type CallDigest, type CallTimes } from '../../../shared/calls';
import { isCountedCall } from '../../../shared/calls/counted-calls';
import { localDate, localDayBounds } from '../../../shared/timesheet';
import type { IsoDate } from '../../../shared/timesheet/types';
import type { AgentIdentity } from '../../../shared/calls/same-call';
import { ownCallRows } from './calls-store';
import { SettingsStore } from './settings-store';

/** The digest of one local date's counted calls of one agent (`null`: the rep's own, see `callDigests`). */
export interface DayAgentDigest {
  date: IsoDate;
  agent: string | null;
  digest: CallDigest;
}

type CachedRow = [date: IsoDate, agent: string, calls: number, answered: number, talkMs: number, holdMs: number, wrapMs: number, handle: Buffer];

/**
 * The calls a report counts: timed here, imported, and detected ones the rep confirmed (a detection waiting
 * for review, dismissed or merged is left out); an imported call that is a call timed here counts once, as
 * that call (shared/calls/same-call.ts). Agent `null` is the rep's own: timed here, imported without an
 * agent, or under the rep's identity (work settings; changing it drops the cache, settings-store.ts).
 *
 * Digests of the counted calls of each local date in `dates` (in `zone`, wrap-up capped at `wrapCapMs`),
 * one per agent with calls that day. Merged by date they give the daily figures, by agent the per-agent
 * ones, all together the range's. Dates come from the call day cache; a date it lacks is computed from
 * the calls with shared/calls `callDigest`, the one definition, and stored when it has calls. A stored
 * date keeps a row for agent `null`, empty or not, which marks it as computed; triggers drop a date's rows
 * when its calls change (migration 6). A database opened read-only is read and computed, not cached into.
 */
export function callDigests(
  db: Database.Database,
  dates: readonly IsoDate[],
  zone: string,
  wrapCapMs: number,
  identity: AgentIdentity = new SettingsStore(db).identity(),
): DayAgentDigest[] {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const wanted = new Set(sorted);
  const cached = db
    .prepare(
      'SELECT date, agent, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms FROM call_day_cache WHERE tz = ? AND cap_ms = ? AND date >= ? AND date <= ?',
    )
    .raw()
    .all(zone, wrapCapMs, sorted[0], sorted[sorted.length - 1]) as CachedRow[];
  const out: DayAgentDigest[] = [];
  const computed = new Set<IsoDate>();
  for (const [date, agent, calls, answered, talkMs, holdMs, wrapMs, handle] of cached) {
    if (!wanted.has(date)) continue;
    computed.add(date);
    out.push({ date, agent: agent === '' ? null : agent, digest: { calls, answered, talkMs, holdMs, wrapMs, handleMs: decode(handle) } });
  }
  const missing = sorted.filter((date) => !computed.has(date));
  if (missing.length === 0) return out;
  // Dates before the first call or after the last are empty without reading a day: a decade asked for
  // around a month of calls costs that month.
  const first = db.prepare('SELECT min(start_ms) FROM calls').pluck().get() as number | null;
  const last = db.prepare('SELECT max(start_ms) FROM calls').pluck().get() as number | null;
  const firstDate = first === null ? null : localDate(first, zone);
  const lastDate = last === null ? null : localDate(last, zone);
  const withCalls = (date: IsoDate) => firstDate !== null && lastDate !== null && date >= firstDate && date <= lastDate;
  for (const date of missing) if (!withCalls(date)) out.push({ date, agent: null, digest: callDigest([], wrapCapMs) });
  const toRead = missing.filter(withCalls);
  // One immediate transaction per chunk: the write lock is held briefly, so the recorder's flush never waits long.
  for (let i = 0; i < toRead.length; i += DIGEST_CHUNK_DATES)
    out.push(...computeDigests(db, toRead.slice(i, i + DIGEST_CHUNK_DATES), zone, wrapCapMs, identity));
  return out;
}

const DIGEST_CHUNK_DATES = 31;

/**
 * Reads the calls of each run of consecutive missing dates once, splits them by date and agent, and caches
 * the digests. Immediate: reports run on read workers with their own connections (store/worker-connection.ts),
 * and a deferred transaction that read first could not write after the recorder had committed meanwhile.
 */
function computeDigests(db: Database.Database, dates: readonly IsoDate[], zone: string, wrapCapMs: number, identity: AgentIdentity): DayAgentDigest[] {
  const select = (fromMs: number, toMs: number) =>
    ownCallRows(db, fromMs, toMs, identity).filter((c) => c.startMs >= fromMs && c.startMs < toMs && isCountedCall(c));
  const store = db.prepare(
    `INSERT OR REPLACE INTO call_day_cache (tz, date, cap_ms, agent, start_ms, end_ms, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const days = dates.map((date) => ({ date, ...localDayBounds(date, zone) }));
  const out: DayAgentDigest[] = [];
  db.transaction(() => {
    for (const run of runs(days)) {
      const rows = select(run[0]!.startMs, run[run.length - 1]!.endMs);
      let i = 0;
      for (const day of run) {
        const byAgent = new Map<string | null, CallTimes[]>([[null, []]]);
        const first = i;
        for (; i < rows.length && rows[i]!.startMs < day.endMs; i++) {
          const call = rows[i]!;
          const agent = call.mine ? null : call.agent;
          let list = byAgent.get(agent);
          if (!list) byAgent.set(agent, (list = []));
          list.push(call);
        }
        // A day without calls is not stored: finding it empty again is one indexed read, and a decade asked for
        // before the first call would otherwise fill the cache with thousands of empty rows.
        const hasCalls = i > first;
        for (const [agent, calls] of byAgent) {
          const d = callDigest(calls, wrapCapMs);
          out.push({ date: day.date, agent, digest: d });
          if (hasCalls && !db.readonly) {
            store.run(zone, day.date, wrapCapMs, agent ?? '', day.startMs, day.endMs, d.calls, d.answered, d.talkMs, d.holdMs, d.wrapMs, encode(d.handleMs));
          }
        }
      }
    }
  }).immediate();
  return out;
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
