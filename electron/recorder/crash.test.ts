import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/dense-year';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';

const KILLS = 20;

/** kill -9 at random moments: the database always opens, passes integrity_check and loses at most 2 s. */
describe.skipIf(skipWithoutXvfb())('stint track killed with SIGKILL', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-crash-'));
    const w = await x.openWindow({ netWmName: 'Pipeline review', wmClass: ['crm', 'Google-chrome'], activate: false });
    await x.activate(w);
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} kills at random moments`, async () => {
    const db = join(dir, 'stint.db');
    const random = prng(Number(process.env.STINT_CRASH_SEED ?? Date.now() % 100000));
    const kills: { runId: string; killedAt: number }[] = [];

    for (let i = 0; i < KILLS; i++) {
      const track = new TrackProcess(['--db', db, '--poll', '1', '--no-ui'], x.env);
      await track.waitForLine(/started recording/);
      const reader = new Database(db, { readonly: true });
      const run = reader.prepare('SELECT id, started_ms FROM runs ORDER BY started_ms DESC LIMIT 1').get() as { id: string; started_ms: number };
      // Kill once the run has recorded a random 0.2–2.2 s: a random phase relative to samples and flushes.
      const target = run.started_ms + 200 + Math.floor(random() * 2000);
      await waitFor('recorded progress', () => {
        const seen = reader.prepare('SELECT last_seen_ms FROM runs WHERE id = ?').pluck().get(run.id) as number;
        return seen >= target ? true : undefined;
      });
      reader.close();
      const killedAt = Date.now();
      track.kill('SIGKILL');
      expect((await track.exited).signal).toBe('SIGKILL');
      kills.push({ runId: run.id, killedAt });

      const check = new Database(db, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }

    // One clean run recovers the last killed one; every earlier run was recovered by its successor.
    const last = new TrackProcess(['--db', db, '--no-ui'], x.env);
    await last.waitForLine(/started recording \(closed 1 interrupted run/);
    last.kill('SIGINT');
    expect((await last.exited).code).toBe(0);

    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const { runId, killedAt } of kills) {
      const run = check.prepare('SELECT started_ms, ended_ms, end_reason FROM runs WHERE id = ?').get(runId) as {
        started_ms: number;
        ended_ms: number;
        end_reason: string;
      };
      expect(run.end_reason).toBe('crash');
      // At most 2 s of activity lost: the last durable heartbeat is within 2 s of the kill.
      expect(killedAt - run.ended_ms).toBeLessThanOrEqual(2000);
      const session = check.prepare('SELECT end_ms, end_reason, open FROM sessions WHERE run_id = ?').get(runId) as
        { end_ms: number; end_reason: string; open: number } | undefined;
      if (session) {
        expect(session).toMatchObject({ end_reason: 'crash', open: 0 });
        expect(session.end_ms).toBeLessThanOrEqual(run.ended_ms);
      }
      const activity = check.prepare('SELECT max(end_ms) AS end, sum(open) AS open FROM activity WHERE run_id = ?').get(runId) as {
        end: number | null;
        open: number;
      };
      expect(activity.open).toBe(0);
      if (activity.end !== null) expect(run.ended_ms - activity.end).toBeLessThanOrEqual(1000);
    }
    expect(check.prepare('SELECT count(*) FROM activity WHERE open = 1').pluck().get()).toBe(0);
    expect(check.prepare('SELECT count(*) FROM sessions WHERE open = 1').pluck().get()).toBe(0);
    check.close();
  }, 240_000);
});
