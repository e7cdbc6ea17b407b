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

/** Fails with a message when `promise` has not settled within `ms` (a deadline only: nothing waits for it to pass). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The X server dies under a running `stint track` and comes back on the same display. */
describe.skipIf(skipWithoutXvfb())('stint track when the display is lost', () => {
  let first: XvfbSession | null = null;
  let second: XvfbSession | null = null;
  let track: TrackProcess | null = null;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stint-display-'));
  });
  afterAll(async () => {
    track?.kill('SIGKILL');
    await second?.stop();
    await first?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops recording at the last good sample, says why in the log and the status, and resumes when the display is back', async () => {
    const db = join(dir, 'stint.db');
    first = await startXvfb();
    const mail = await first.openWindow({ netWmName: 'Inbox', wmClass: ['mail', 'Thunderbird'] });
    await first.activate(mail);
    track = new TrackProcess(['--db', db, '--poll', '1', '--no-ui'], first.env);
    await within(30_000, 'the first focus line', track.waitForLine(/focus\s+Thunderbird/));
    const reader = new Database(db, { readonly: true });
    const spans = () =>
      reader
        .prepare(
          `SELECT app.value AS app, title.value AS title, a.start_ms, a.end_ms, a.open FROM activity a
           JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id ORDER BY a.start_ms, a.id`,
        )
        .all() as Span[];
    const sessions = () =>
      reader.prepare('SELECT start_ms, end_ms, start_reason, end_reason, open FROM sessions ORDER BY start_ms, id').all() as {
        start_ms: number;
        end_ms: number;
        start_reason: string;
        end_reason: string | null;
        open: number;
      }[];
    await waitFor('2 s of mail', () => (spans().some((s) => s.app === 'Thunderbird' && s.end_ms - s.start_ms >= 2000) ? true : undefined));

    await first.stop();
    await within(30_000, 'the display-lost line', track.waitForLine(/paused\s+display lost/));
    const lostSeen = Date.now();
    const status = JSON.parse(runCli(['status', '--json', '--db', db]).stdout) as {
      recorder: { running: boolean; paused: { reason: string; sinceMs: number } | null };
    };
    expect(status.recorder).toMatchObject({ running: true, paused: { reason: 'display-lost' } });
    expect(runCli(['status', '--db', db]).stdout).toMatch(/^Paused: .*the display was lost/m);
    // Recording stopped at the last good sample: the mail span and the session end there, closed.
    const [mailSpan] = spans();
    expect(mailSpan).toMatchObject({ app: 'Thunderbird', open: 0 });
    expect(sessions()).toEqual([expect.objectContaining({ start_reason: 'first-activity', end_reason: 'display-lost', end_ms: mailSpan!.end_ms, open: 0 })]);
    expect(status.recorder.paused!.sinceMs).toBe(mailSpan!.end_ms);

    // Back on the same display: the recorder reconnects by itself and records again.
    second = await startXvfb({ display: first.display });
    const crm = await second.openWindow({ netWmName: 'Deals', wmClass: ['crm', 'Google-chrome'] });
    await second.activate(crm);
    await within(60_000, 'the display-back line', track.waitForLine(/resumed\s+display is back/));
    await within(30_000, 'the focus on the new display', track.waitForLine(/focus\s+Google-chrome/));
    // At least two samples of it: a span of one sample closes where it began and is never stored.
    await waitFor('the CRM span', () => (spans().some((s) => s.app === 'Google-chrome' && s.open === 1 && s.end_ms > s.start_ms) ? true : undefined));
    expect((JSON.parse(runCli(['status', '--json', '--db', db]).stdout) as typeof status).recorder.paused).toBeNull();

    track.kill('SIGINT');
    expect(await track.exited).toEqual({ code: 0, signal: null });
    const all = spans();
    const done = sessions();
    reader.close();
    expect(done.map((s) => [s.start_reason, s.end_reason, s.open])).toEqual([
      ['first-activity', 'display-lost', 0],
      ['resume-after-gap', 'quit', 0],
    ]);
    // Nothing was recorded while the display was gone: no span between the last good sample and the resume.
    const resumedAt = done[1]!.start_ms;
    expect(resumedAt).toBeGreaterThan(lostSeen - 1);
    expect(all.filter((s) => s.start_ms > mailSpan!.end_ms && s.start_ms < resumedAt)).toEqual([]);
    expect(all.filter((s) => s.start_ms >= mailSpan!.end_ms).every((s) => s.start_ms >= resumedAt)).toBe(true);
    expect(all.some((s) => s.app === 'Google-chrome' && s.start_ms >= resumedAt)).toBe(true);
  }, 180_000);
});
