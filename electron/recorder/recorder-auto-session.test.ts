import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from './store/store';
import { recorderHarness } from './testing/recorder-harness';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
/** 09:00 in Paris (UTC+1 in March): local midnight is 23:00 UTC. */
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const ZONE = 'Europe/Paris';
/** Samples every 30 s so a day passes quickly; a stall is longer than any step here. */
const OPTIONS = { pollMs: 30 * S, flushMs: 30 * S, stallMs: 2 * H, idleThresholdMs: 5 * MIN, timeZone: ZONE } as const;

function sessions(store: Store) {
  return store.db
    .prepare(`SELECT kind, start_ms - ${T0} AS start, end_ms - ${T0} AS end, start_reason, end_reason, open FROM sessions ORDER BY start_ms`)
    .all() as { kind: string; start: number; end: number; start_reason: string; end_reason: string | null; open: number }[];
}
function idle(store: Store) {
  return store.db.prepare(`SELECT start_ms - ${T0} AS start, end_ms - ${T0} AS end FROM idle ORDER BY start_ms`).all() as { start: number; end: number }[];
}

/** Input every step for `ms`: the rep is at the computer. */
async function busy(h: ReturnType<typeof recorderHarness>, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += MIN) {
    h.idle.input();
    await h.clock.advance(MIN);
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Recorder: automatic sessions after a clock-out', () => {
  it('stays clocked out for the rest of the local day and starts again with the first input after local midnight', async () => {
    const h = recorderHarness({ ...OPTIONS, startMs: T0 });
    h.windows.set({ app: 'salesforce', title: 'Pipeline' });
    h.recorder.start();
    await busy(h, 9 * H); // 09:00–18:00 in Paris
    expect(h.recorder.applySessionAction('stop').ok).toBe(true);
    await busy(h, 5 * H); // YouTube until 23:00 is not work
    expect(sessions(h.store).map((s) => [s.start_reason, s.end_reason])).toEqual([['first-activity', 'clock-out']]);
    await busy(h, 90 * MIN); // past midnight in Paris (23:00 UTC): a new day, automatic sessions again
    await h.recorder.stop();
    const rows = sessions(h.store);
    expect(rows.map((s) => [s.start_reason, s.end_reason])).toEqual([
      ['first-activity', 'clock-out'],
      ['first-activity', 'quit'],
    ]);
    expect(rows[1]!.start).toBeGreaterThanOrEqual(15 * H);
    expect(rows[1]!.start).toBeLessThanOrEqual(15 * H + MIN);
  });

  it('a recorder started again the same evening stays off; the next morning it starts a session', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stint-auto-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'stint.db');
    const day = recorderHarness({ ...OPTIONS, startMs: T0, dbPath });
    day.recorder.start();
    await busy(day, 9 * H);
    day.recorder.applySessionAction('stop');
    await day.recorder.stop();
    day.store.close();

    const evening = recorderHarness({ ...OPTIONS, startMs: T0 + 11 * H, dbPath }); // 20:00 in Paris
    evening.recorder.start();
    await busy(evening, 2 * H);
    await evening.recorder.stop();
    expect(sessions(evening.store)).toHaveLength(1);
    evening.store.close();

    const morning = recorderHarness({ ...OPTIONS, startMs: T0 + 24 * H, dbPath });
    morning.recorder.start();
    await busy(morning, 10 * MIN);
    await morning.recorder.stop();
    expect(sessions(morning.store).map((s) => [s.start, s.start_reason])).toEqual([
      [0, 'first-activity'],
      [24 * H, 'first-activity'],
    ]);
    morning.store.close();
  });

  it('clocking in while idle ends the idle stretch there; idle starts again only after the threshold', async () => {
    const h = recorderHarness({ ...OPTIONS, startMs: T0, autoSession: false });
    h.recorder.start();
    await h.clock.advance(20 * MIN); // nobody at the keyboard: idle since the start
    expect(h.recorder.applySessionAction('start').ok).toBe(true);
    // Clocked in from a phone or the CLI: no input reaches this computer, yet the rep is here.
    await h.clock.advance(3 * MIN);
    expect(idle(h.store)).toEqual([{ start: 0, end: 20 * MIN }]);
    await h.clock.advance(5 * MIN);
    await h.recorder.stop();
    // Five minutes after the clock-in without input is idle again, dated back to the clock-in.
    expect(idle(h.store)).toEqual([
      { start: 0, end: 20 * MIN },
      { start: 20 * MIN, end: 28 * MIN },
    ]);
  });
});
