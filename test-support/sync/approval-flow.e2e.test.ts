/*
 * The whole approval flow for real (issue 14): a real `stint-server` (SQLite), a real `stint track` serving the
 * built views, real Chromium on the Timesheet view. The device enrolls, the rep submits from the view, the
 * manager rejects with a comment, the rep sees it, fixes the week and submits again, the manager approves, an
 * edit of the approved week is refused as locked, and the admin's payroll CSV has the hours.
 * Screenshots go to test-results/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, workweekStart } from '../../shared/timesheet/local-time';
import { ServerProcess } from '../../server/test-support/server-process';
import { createTestDb, type TestDb } from '../../server/test-support/test-db';
import { launchChromium, skipWithoutChromium } from '../chromium';
import { runCliAsync } from '../run-cli';
import { TrackProcess } from '../track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../xvfb';

const SERVER_BIN = fileURLToPath(new URL('../../bin/stint-server.js', import.meta.url));
const SCREENSHOTS = path.resolve('test-results/screenshots');
const REP = 'rep.flow@example.com';
const MANAGER = 'manager.flow@example.com';
const ADMIN = 'admin.flow@example.com';

function serverCli(db: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [SERVER_BIN, ...args, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(skipWithoutXvfb() || skipWithoutChromium())('submit, reject, fix, approve, lock, export', () => {
  let x: XvfbSession;
  let dir: string;
  let serverDb: TestDb;
  let server: ServerProcess;
  let track: TrackProcess;
  let browser: Browser;
  let signIn: string;
  let origin: string;
  let serverUrl: string;
  const stint = (...args: string[]) => runCliAsync([...args, '--db', path.join(dir, 'stint.db')], { TZ: 'UTC' });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-approval-flow-'));
    serverDb = await createTestDb('sqlite');
    serverCli(serverDb.target, 'admin', 'create-user', '--email', ADMIN, '--name', 'Flow Admin', '--role', 'admin');
    serverCli(serverDb.target, 'admin', 'create-user', '--email', MANAGER, '--name', 'Flow Manager', '--role', 'manager', '--team', 'Inside');
    serverCli(serverDb.target, 'admin', 'create-user', '--email', REP, '--name', 'Flow Rep', '--role', 'rep', '--team', 'Inside');
    server = new ServerProcess(['--db', serverDb.target]);
    serverUrl = await server.url;
    x = await startXvfb();
    await x.openWindow({ netWmName: 'Pipeline | Salesforce', wmClass: ['crm', 'Google-chrome'] });
    track = new TrackProcess(['--db', path.join(dir, 'stint.db'), '--port', '0'], { ...x.env, TZ: 'UTC' });
    signIn = (await track.waitForLine(/^Views at /)).replace(/^Views at (\S+).*$/, '$1');
    origin = new URL(signIn).origin;
    await track.waitForLine(/started recording/);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (track) {
      track.kill('SIGTERM');
      await track.exited;
    }
    await server?.stop();
    await x?.stop();
    await serverDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes from the Timesheet view to the payroll file', { timeout: 180_000 }, async () => {
    const code = serverCli(serverDb.target, 'admin', 'enrollment-code', '--email', REP).split('\n')[0]!;
    expect((await stint('sync', 'enroll', '--server', serverUrl, '--code', code)).code).toBe(0);
    // Last week: finished, so nothing the recorder does now can change it.
    const week = addDays(workweekStart(localDate(Date.now(), 'UTC'), 'mon'), -7);
    const tuesday = addDays(week, 1);
    for (const [start, end] of [
      [`${week}T09:00Z`, `${week}T17:00Z`],
      [`${tuesday}T09:00Z`, `${tuesday}T19:00Z`],
    ] as const) {
      const added = await stint('time', 'add', '--start', start, '--end', end, '--reason', 'customer visits');
      expect(added.code, added.stderr).toBe(0);
    }

    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(signIn);
    await page.goto(`${origin}/#/timesheet`);
    await page.getByRole('button', { name: 'Previous week' }).click();
    const approval = page.locator('.week-approval');
    await approval.getByText('Not submitted to your manager yet.').waitFor();
    await approval.getByRole('button', { name: 'Submit week' }).click();
    await approval.getByText(/^Submitted .*; waiting for your manager\.$/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-timesheet-submitted.png'), fullPage: true });

    serverCli(
      serverDb.target,
      'approvals',
      'reject',
      '--user',
      REP,
      '--week',
      week,
      '--as',
      MANAGER,
      '--comment',
      'Tuesday ended at 18:00, the last hour was a break.',
    );
    await approval.getByRole('button', { name: 'Check approval' }).click();
    await approval.getByText(/^Rejected by manager\.flow@example\.com .*: “Tuesday ended at 18:00, the last hour was a break\.”/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-timesheet-rejected.png'), fullPage: true });

    const fixed = await stint('time', 'add', '--break', '--start', `${tuesday}T18:00Z`, '--end', `${tuesday}T19:00Z`, '--reason', 'the last hour was a break');
    expect(fixed.code, fixed.stderr).toBe(0);
    // The rep's desk computer, enrolled too, recorded Wednesday morning: the view submits the week over both.
    const deskDb = path.join(dir, 'desk.db');
    const desk = (...args: string[]) => runCliAsync([...args, '--db', deskDb], { TZ: 'UTC' });
    const deskCode = serverCli(serverDb.target, 'admin', 'enrollment-code', '--email', REP).split('\n')[0]!;
    expect((await desk('sync', 'enroll', '--server', serverUrl, '--code', deskCode)).code).toBe(0);
    const wednesday = addDays(week, 2);
    const deskAdded = await desk('time', 'add', '--start', `${wednesday}T09:00Z`, '--end', `${wednesday}T12:00Z`, '--reason', 'desk work');
    expect(deskAdded.code, deskAdded.stderr).toBe(0);
    const deskSynced = await desk('sync', 'now');
    expect(deskSynced.code, deskSynced.stderr).toBe(0);
    await approval.getByRole('button', { name: 'Submit week' }).click();
    await approval.getByText(/^Submitted .*; waiting for your manager\.$/).waitFor();
    await approval.getByText(/^Submitted 20h worked and 0m overtime, counting the time of your other computers \(1\) too\./).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-timesheet-submitted-two-computers.png'), fullPage: true });

    serverCli(serverDb.target, 'approvals', 'approve', '--user', REP, '--week', week, '--as', MANAGER);
    await approval.getByRole('button', { name: 'Check approval' }).click();
    await approval.getByText(/^Approved by manager\.flow@example\.com .*\. The week is locked\.$/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-timesheet-approved.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-timesheet-approved-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const refused = await stint('time', 'add', '--start', `${tuesday}T19:00Z`, '--end', `${tuesday}T20:00Z`, '--reason', 'late call');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`The week of ${week} is approved by manager\\.flow@example\\.com and locked.*Ask your manager to reopen it`));

    const out = path.join(dir, 'payroll.csv');
    serverCli(serverDb.target, 'export', 'payroll', '--from', week, '--to', addDays(week, 6), '--format', 'csv', '--out', out, '--as', ADMIN);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain(REP);
    // 8 h Monday and 9 h Tuesday (10 h less the break), all regular, and the desk's 3 h Wednesday.
    expect(csv).toMatch(new RegExp(`${week},REG,8(\\.00)?`));
    expect(csv).toMatch(new RegExp(`${tuesday},REG,9(\\.00)?`));
    expect(csv).toMatch(new RegExp(`${wednesday},REG,3(\\.00)?`));
    expect(problems).toEqual([]);
    await context.close();
  });
});
