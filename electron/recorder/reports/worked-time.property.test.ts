import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IdleChoice, RequestInput, RequestName, ResponseMap } from '../../../shared/api/contract';
import { IDLE_CHOICES } from '../../../shared/api/contract';
import { addDays, localDayBounds } from '../../../shared/timesheet';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { Store, type IdleWrite, type SessionWrite } from '../store/store';

/*
 * Days of recorded work and breaks, idle stretches and their answers, manual entries, edits and removals,
 * made through the API on a real SQLite file; then time use, the timesheet, status and the time list are
 * asked through `dispatch` as the views and the CLI ask. They must agree to the second and add up.
 */

const MIN = 60_000;
const FIRST_DAY = '2026-03-02'; // a Monday
const dir = mkdtempSync(path.join(tmpdir(), 'stint-worked-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sessionArb = fc.record({
  gapMin: fc.integer({ min: 0, max: 120 }),
  lengthMs: fc.integer({ min: 1000, max: 4 * 60 * MIN }),
  kind: fc.constantFrom<'work' | 'break'>('work', 'work', 'break'),
  idle: fc.option(
    fc.record({
      from: fc.double({ min: 0, max: 0.9, noNaN: true }),
      length: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
      answer: fc.option(fc.constantFrom<IdleChoice>(...IDLE_CHOICES), { nil: null }),
    }),
    { nil: null },
  ),
});
const opArb = fc.oneof(
  fc.record({
    type: fc.constant('add' as const),
    kind: fc.constantFrom<'work' | 'break'>('work', 'work', 'break'),
    atMs: fc.integer({ min: 0, max: 3 * 24 * 60 * MIN }),
    lengthMs: fc.integer({ min: 1000, max: 5 * 60 * MIN }),
    twice: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('edit' as const),
    pick: fc.nat(),
    startDeltaMs: fc.integer({ min: -90 * MIN, max: 90 * MIN }),
    endDeltaMs: fc.integer({ min: -90 * MIN, max: 90 * MIN }),
  }),
  fc.record({ type: fc.constant('remove' as const), pick: fc.nat() }),
);
const worldArb = fc.record({
  zone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
  days: fc.integer({ min: 1, max: 3 }),
  sessions: fc.array(sessionArb, { minLength: 1, maxLength: 8 }),
  ops: fc.array(opArb, { maxLength: 8 }),
  limitMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
});

type Figures = [work: number, brk: number, manual: number, claimed: number, unconfirmed: number];

describe('worked time agrees across time use, the timesheet, status and the API (properties)', () => {
  it('every day and the whole range give the same figures to the second, and the days add up', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const dbPath = path.join(dir, `${run++}.db`);
        const store = Store.open(dbPath);
        const start = localDayBounds(FIRST_DAY, w.zone).startMs;
        const last = addDays(FIRST_DAY, w.days - 1);
        const clock = new FakeClock(localDayBounds(last, w.zone).endMs - MIN, w.zone);
        const handlers = createHandlers({ store, dbPath, clock, recorder: null });
        const ask = async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
          const r = await dispatch(handlers, name, input);
          if (r.status !== 200) throw new Error(`${name} ${JSON.stringify(input)}: ${r.status} ${r.body.error}`);
          return r.body.data as ResponseMap[N];
        };
        try {
          // Recorded sessions one after another from 07:00 on the first day; idle inside work sessions.
          const base = { timeZone: w.zone, utcOffsetMin: 0, open: false };
          const sessions: SessionWrite[] = [];
          const idle: (IdleWrite & { answer: IdleChoice | null })[] = [];
          let t = start + 7 * 60 * MIN + 123;
          w.sessions.forEach((s, i) => {
            t += s.gapMin * MIN;
            sessions.push({ ...base, uuid: `s${i}`, kind: s.kind, startMs: t, endMs: t + s.lengthMs, startReason: 'first-activity', endReason: 'quit' });
            if (s.kind === 'work' && s.idle) {
              const from = t + Math.floor(s.lengthMs * s.idle.from);
              const to = Math.min(t + s.lengthMs, from + Math.max(1, Math.floor(s.lengthMs * s.idle.length)));
              idle.push({ ...base, uuid: `i${i}`, startMs: from, endMs: to, answer: s.idle.answer });
            }
            t += s.lengthMs;
          });
          store.startRun('run', 1, start);
          store.flush({ runId: 'run', lastSeenMs: t, activity: [], idle: idle.map(({ answer: _a, ...i }) => i), sessions });
          store.endRun('run', t, 'quit');
          if (w.limitMinutes !== null) await ask('settings.set', { unconfirmedIdleLimitMinutes: w.limitMinutes });
          for (const i of idle) if (i.answer) await ask('idle.resolve', { idleUuid: i.uuid, choice: i.answer });

          const to = addDays(FIRST_DAY, w.days - 1);
          for (const op of w.ops) {
            if (op.type === 'add') {
              const input = { kind: op.kind, startMs: start + op.atMs, endMs: start + op.atMs + op.lengthMs, reason: 'by hand' };
              await ask('time.add', input);
              if (op.twice) await ask('time.add', input);
              continue;
            }
            const entries = (await ask('time.list', { from: FIRST_DAY, to, timeZone: w.zone })).filter((e) => !e.open);
            const target = entries[op.pick % Math.max(1, entries.length)];
            if (!target) continue;
            if (op.type === 'remove') await ask('time.remove', { uuid: target.uuid, reason: 'not work' });
            else {
              const startMs = target.startMs + op.startDeltaMs;
              const endMs = target.endMs + op.endDeltaMs;
              if (endMs > startMs && startMs >= 0) await ask('time.edit', { uuid: target.uuid, startMs, endMs, reason: 'corrected' });
            }
          }

          const sheet = await ask('timesheet.get', { from: FIRST_DAY, to, timeZone: w.zone });
          const fig = (
            x: { breakSeconds: number; manualSeconds: number; claimedIdleSeconds: number; unconfirmedIdleSeconds: number },
            work: number,
          ): Figures => [work, x.breakSeconds, x.manualSeconds, x.claimedIdleSeconds, x.unconfirmedIdleSeconds];
          const list = await ask('time.list', { from: FIRST_DAY, to, timeZone: w.zone });
          const discards = idle.some((i) => i.answer === 'discard') || w.limitMinutes !== null;
          const sum: Figures = [0, 0, 0, 0, 0];
          for (let d = 0; d < w.days; d++) {
            const date = addDays(FIRST_DAY, d);
            const use = await ask('report.timeUse', { from: date, to: date, by: 'app', timeZone: w.zone });
            const day = sheet.days[d]!;
            expect(day.date).toBe(date);
            const expected = fig(use, use.workSeconds);
            expect(fig(day, day.workedSeconds)).toEqual(expected);
            expected.forEach((v, k) => (sum[k] = (sum[k] ?? 0) + v));
            // Manual and idle time are parts of worked time, and never overlap each other.
            expect(day.manualSeconds + day.claimedIdleSeconds + day.unconfirmedIdleSeconds).toBeLessThanOrEqual(day.workedSeconds);
            // The time list is what the figures are made of: work − breaks, less any discarded idle.
            const bounds = localDayBounds(date, w.zone);
            const oracle = unionSeconds(
              list.filter((e) => e.kind === 'work'),
              list.filter((e) => e.kind === 'break'),
              bounds.startMs,
              bounds.endMs,
            );
            if (discards) expect(day.workedSeconds).toBeLessThanOrEqual(oracle);
            else expect(day.workedSeconds).toBe(oracle);
          }
          expect(fig(sheet.totals, sheet.totals.workedSeconds)).toEqual(sum);
          const whole = await ask('report.timeUse', { from: FIRST_DAY, to, by: 'category', timeZone: w.zone });
          expect(fig(whole, whole.workSeconds)).toEqual(sum);
          const today = (await ask('status.get', {})).today;
          const lastUse = await ask('report.timeUse', { from: to, to, by: 'app', timeZone: w.zone });
          expect(today.date).toBe(to);
          expect(fig(today, today.workSeconds)).toEqual(fig(lastUse, lastUse.workSeconds));
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** Seconds of work not under a break inside [fromMs, toMs), instants truncated to whole seconds: a plain sweep. */
function unionSeconds(work: { startMs: number; endMs: number }[], breaks: { startMs: number; endMs: number }[], fromMs: number, toMs: number): number {
  const sec = (ms: number) => Math.floor(ms / 1000);
  const events: [number, number, number][] = [];
  for (const w of work) events.push([sec(w.startMs), 1, 0], [sec(w.endMs), -1, 0]);
  for (const b of breaks) events.push([sec(b.startMs), 0, 1], [sec(b.endMs), 0, -1]);
  events.sort((a, b) => a[0] - b[0]);
  let works = 0;
  let brks = 0;
  let total = 0;
  let prev = sec(fromMs);
  for (const [at, dw, db] of events) {
    const from = Math.max(prev, sec(fromMs));
    const until = Math.min(at, sec(toMs));
    if (works > 0 && brks === 0 && until > from) total += until - from;
    prev = at;
    works += dw;
    brks += db;
  }
  return total;
}
