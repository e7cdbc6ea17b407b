import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';
import { processStartTicks } from './store/process-start';
import { lockPath } from './store/recorder-lock';

interface Span {
  app: string;
  title: string;
  start_ms: number;
  end_ms: number;
  open: number;
}

/** `stint track` as a real process against real windows: what it stores must match what happened on screen. */
describe.skipIf(skipWithoutXvfb())('stint track under Xvfb + openbox', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-track-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each window’s time within ±1 s of the script, back-dates idle and closes cleanly on SIGINT', async () => {
    const db = join(dir, 'stint.db');
    const mail = await x.openWindow({ netWmName: 'Inbox – Café “quotes” \\ 会议 📞', wmClass: ['mail', 'Thunderbird'], activate: false });
    const crm = await x.openWindow({ netWmName: 'Opportunity: Acme | Salesforce', wmClass: ['crm', 'Google-chrome'], activate: false });
    await x.activate(mail);
    await x.simulateInput();

    const track = new TrackProcess(['--db', db, '--poll', '1', '--idle-threshold', '10', '--no-ui'], x.env);
    await track.waitForLine(/focus\s+Thunderbird/);
    const reader = new Database(db, { readonly: true });
    const spans = () =>
      reader
        .prepare(
          `SELECT app.value AS app, title.value AS title, a.start_ms, a.end_ms, a.open FROM activity a
           JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id ORDER BY a.start_ms`,
        )
        .all() as Span[];
    const openSpan = (app: string) => spans().find((s) => s.app === app && s.open === 1);

    // Mail for at least 4 s of recorded time, then the CRM for at least 6 s.
    await waitFor('4 s of mail', () =>
      openSpan('Thunderbird') && openSpan('Thunderbird')!.end_ms - openSpan('Thunderbird')!.start_ms >= 4000 ? true : undefined,
    );
    const switchedAt = Date.now();
    await x.activate(crm);
    await x.simulateInput();
    await track.waitForLine(/focus\s+Google-chrome/);
    await waitFor('6 s of CRM', () =>
      openSpan('Google-chrome') && openSpan('Google-chrome')!.end_ms - openSpan('Google-chrome')!.start_ms >= 6000 ? true : undefined,
    );

    // No input from here: after 10 s the recorder must log idle, dated back to the last input.
    await x.simulateInput();
    const lastInput = Date.now();
    await track.waitForLine(/idle\s+since/);
    const idleRow = () => reader.prepare('SELECT start_ms, end_ms, open FROM idle').get() as { start_ms: number; end_ms: number; open: number } | undefined;
    // The log line comes from the sample; the row is saved by the next flush, within a second.
    const opened = await waitFor('the idle row', () => idleRow());
    expect(Math.abs(opened.start_ms - lastInput)).toBeLessThanOrEqual(1500);
    await x.simulateInput();
    const back = Date.now();
    await track.waitForLine(/active\s+after/);
    const idle = await waitFor('idle closed', () => (idleRow()?.open === 0 ? idleRow() : undefined));
    expect(Math.abs(idle.end_ms - back)).toBeLessThanOrEqual(1500);
    expect(idle.end_ms - idle.start_ms).toBeGreaterThanOrEqual(10_000);

    const stoppedAt = Date.now();
    track.kill('SIGINT');
    expect(await track.exited).toEqual({ code: 0, signal: null });
    expect(track.log).toMatch(/session\s+ended \(quit\)/);
    expect(existsSync(lockPath(db))).toBe(false);

    const all = spans();
    reader.close();
    expect(all.every((s) => s.open === 0)).toBe(true);
    const mailSpan = all.find((s) => s.app === 'Thunderbird')!;
    const crmSpan = all.find((s) => s.app === 'Google-chrome')!;
    expect(mailSpan.title).toBe('Inbox – Café “quotes” \\ 会议 📞');
    // The switch happened at switchedAt; the recorder sees it at its next sample, within a second.
    expect(Math.abs(mailSpan.end_ms - switchedAt)).toBeLessThanOrEqual(1000 + 300);
    expect(crmSpan.start_ms).toBe(mailSpan.end_ms);
    expect(Math.abs(crmSpan.end_ms - stoppedAt)).toBeLessThanOrEqual(1000 + 300);

    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT kind, end_reason, open FROM sessions').all()).toEqual([{ kind: 'work', end_reason: 'quit', open: 0 }]);
    check.close();

    const report = runCli(['report', 'time-use', '--from', 'today', '--to', 'today', '--json', '--db', db]);
    expect(report.code, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as { rows: { key: string; seconds: number }[]; idleSeconds: number; activeSeconds: number };
    const seconds = Object.fromEntries(parsed.rows.map((r) => [r.key, r.seconds]));
    expect(seconds.Thunderbird).toBeCloseTo((mailSpan.end_ms - mailSpan.start_ms) / 1000, 3);
    expect(parsed.idleSeconds).toBeCloseTo((idle.end_ms - idle.start_ms) / 1000, 3);
    const status = runCli(['status', '--json', '--db', db]);
    expect(JSON.parse(status.stdout)).toMatchObject({ recorder: { running: false }, session: null });
  });

  it('reports a second recorder on the same database as an error', async () => {
    const db = join(dir, 'two.db');
    const first = new TrackProcess(['--db', db, '--no-ui'], x.env);
    await first.waitForLine(/started recording/);
    const second = runCli(['track', '--db', db, '--no-ui'], x.env);
    expect(second.code).toBe(1);
    const pid = first.child.pid!;
    expect(second.stderr).toMatch(
      new RegExp(
        `^stint: A recorder \\(pid ${pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\) is already tracking into .*run \`kill ${pid}\`.*delete ${lockPath(db)}`,
      ),
    );
    const status = JSON.parse(runCli(['status', '--json', '--db', db]).stdout) as { recorder: { running: boolean } };
    expect(status.recorder.running).toBe(true);
    // Clock-in/out goes through the running recorder.
    const brk = runCli(['session', 'break', '--db', db]);
    expect(brk.code, brk.stderr).toBe(0);
    expect(brk.stdout).toBe('On a break.\n');
    first.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT kind, end_reason FROM sessions ORDER BY start_ms, id').all()).toEqual([
      { kind: 'work', end_reason: 'break' },
      { kind: 'break', end_reason: 'quit' },
    ]);
    check.close();
  });

  it.skipIf(processStartTicks(process.pid) === null)('starts over a lock left before a reboot whose pid another process has now', async () => {
    const db = join(dir, 'reboot.db');
    // The lock names a live pid (this test's) with another start time: what a crash, a reboot and pid reuse leave.
    writeFileSync(lockPath(db), JSON.stringify({ pid: process.pid, runId: 'before-reboot', startTicks: processStartTicks(process.pid)! + 1, sinceMs: 0 }));
    const recorder = new TrackProcess(['--db', db, '--no-ui'], x.env);
    await recorder.waitForLine(/started recording/);
    recorder.kill('SIGTERM');
    expect((await recorder.exited).code).toBe(0);
    expect(existsSync(lockPath(db))).toBe(false);
  });
});
