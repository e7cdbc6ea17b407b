import { entryLabel, formatTimewStamp, type TimewarriorInterval, type TimewarriorProblem } from '../../../shared/imports/timewarrior';
import type { SessionWrite, Store } from './store';

/** One imported interval and the session it becomes (the CLI derives its uuid and zone). */
export interface ImportEntry {
  interval: TimewarriorInterval;
  write: SessionWrite;
}

export type ImportResult = { ok: true; imported: number; alreadyPresent: number; importedSeconds: number } | { ok: false; errors: TimewarriorProblem[] };

interface ExistingSession {
  uuid: string;
  kind: string;
  start_ms: number;
  end_ms: number;
  open: number;
  start_reason: string;
}

/**
 * Writes the imported intervals as closed work sessions in one transaction, or nothing: intervals whose uuid is
 * already stored are skipped, and an interval that overlaps a session already in the database (recorded,
 * clocked in or imported from a different version of the interval) is an error, because sessions never
 * overlap and overlapping ones would count the same time twice.
 */
export function importSessions(store: Store, entries: readonly ImportEntry[], nowMs: number): ImportResult {
  return store.db
    .transaction((): ImportResult => {
      const has = store.db.prepare('SELECT 1 FROM sessions WHERE uuid = ?').pluck();
      const fresh: { interval: TimewarriorInterval; write: SessionWrite }[] = [];
      const seen = new Set<string>();
      for (const { interval, write } of entries) {
        if (seen.has(write.uuid) || has.get(write.uuid) !== undefined) continue;
        seen.add(write.uuid);
        fresh.push({ interval, write });
      }
      const alreadyPresent = entries.length - fresh.length;
      if (fresh.length === 0) return { ok: true, imported: 0, alreadyPresent, importedSeconds: 0 };

      const from = fresh.reduce((min, f) => Math.min(min, f.write.startMs), Infinity);
      const to = fresh.reduce((max, f) => Math.max(max, f.write.endMs), -Infinity);
      const existing = (
        store.db
          .prepare(
            'SELECT uuid, kind, start_ms, end_ms, open, start_reason FROM sessions WHERE start_ms < @to AND (end_ms > @from OR open = 1) ORDER BY start_ms',
          )
          .all({ from, to }) as ExistingSession[]
      ).map((s) => ({ ...s, end_ms: s.open === 1 ? Math.max(s.end_ms, nowMs) : s.end_ms }));
      // furthest[i]: the latest end among existing[0..i]. An interval [start, end) overlaps something iff,
      // among the sessions that start before its end, the furthest-reaching one ends after its start.
      const furthest: number[] = [];
      for (const s of existing) furthest.push(Math.max(furthest.at(-1) ?? -Infinity, s.end_ms));
      const errors: TimewarriorProblem[] = [];
      for (const { interval } of fresh) {
        let lo = 0;
        let hi = existing.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (existing[mid]!.start_ms < interval.endMs) lo = mid + 1;
          else hi = mid;
        }
        if (lo === 0 || furthest[lo - 1]! <= interval.startMs) continue;
        let i = lo - 1;
        while (existing[i]!.end_ms <= interval.startMs) i -= 1;
        const s = existing[i]!;
        const until = s.open === 1 ? 'now (still open)' : formatTimewStamp(s.end_ms);
        errors.push({
          index: interval.index,
          message:
            `${entryLabel(interval)}: ${interval.start}–${interval.end} overlaps a ${s.kind} session already in this database, ` +
            `${formatTimewStamp(s.start_ms)}–${until} (${s.start_reason}); sessions never overlap, so leave this entry out of the export and import again`,
        });
      }
      if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => (a.index ?? -1) - (b.index ?? -1)) };

      store.writeSessions(fresh.map((f) => f.write));
      const importedSeconds = fresh.reduce((sum, f) => sum + (f.write.endMs - f.write.startMs) / 1000, 0);
      return { ok: true, imported: fresh.length, alreadyPresent, importedSeconds };
    })
    .immediate();
}
