/*
 * Enrollment from the Settings view, end to end: a real `stint-server`, a real `stint track` serving the built
 * views, and real Chromium filling in the Team server card. A wrong code is refused in the server's words; the
 * right one enrolls this device (the token file is the user's only), and the card says to whom and what waits.
 * Screenshots go to test-results/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../../server/test-support/server-process';
import { createTestDb, type TestDb } from '../../server/test-support/test-db';
import { launchChromium, skipWithoutChromium } from '../chromium';
import { runCliAsync } from '../run-cli';
import { TrackProcess } from '../track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../xvfb';

const SERVER_BIN = fileURLToPath(new URL('../../bin/stint-server.js', import.meta.url));
const SCREENSHOTS = path.resolve('test-results/screenshots');
const REP = 'rep.settings@example.com';

function admin(db: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [SERVER_BIN, 'admin', ...args, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe.skipIf(skipWithoutXvfb() || skipWithoutChromium())('enrolling from the Settings view', () => {
  let x: XvfbSession;
  let dir: string;
  let serverDb: TestDb;
  let server: ServerProcess;
  let track: TrackProcess;
  let browser: Browser;
  let signIn: string;
  let origin: string;
  let serverUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-settings-enroll-'));
    serverDb = await createTestDb('sqlite');
    admin(serverDb.target, 'create-user', '--email', REP, '--name', 'Settings Rep', '--role', 'rep', '--team', 'Inside');
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
  });
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

  it('refuses a wrong code in words, enrolls with the right one, and shows whom to and what waits', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(signIn);
    await page.goto(`${origin}/#/settings`);
    const card = page.getByTestId('team-server');
    await card.getByRole('heading', { name: 'Team server' }).waitFor();

    await card.getByLabel('Server address').fill(serverUrl);
    await card.getByLabel('Enrollment code').fill('WRNG-WRNG-WRNG');
    await card.getByRole('button', { name: 'Enroll' }).click();
    await card.getByText('This enrollment code is not known to the server. Check it for typos, or ask your manager for a new one.').waitFor();
    await card.screenshot({ path: path.join(SCREENSHOTS, 'en-light-settings-team-server-refused.png') });

    const code = admin(serverDb.target, 'enrollment-code', '--email', REP).split('\n')[0]!;
    await card.getByLabel('Enrollment code').fill(code);
    await card.getByRole('button', { name: 'Enroll' }).click();
    await card.getByText(`Enrolled to ${REP} on ${serverUrl}.`).waitFor();
    await card.getByText(/Last push: /).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-light-settings-team-server.png'), fullPage: true });
    expect(problems).toEqual([]);

    expect(statSync(path.join(dir, 'stint.sync.json')).mode & 0o777).toBe(0o600);
    const status = JSON.parse((await runCliAsync(['--db', path.join(dir, 'stint.db'), 'sync', 'status', '--json'])).stdout) as {
      enrolled: boolean;
      userEmail: string;
      recorderRunning: boolean;
    };
    expect(status).toMatchObject({ enrolled: true, userEmail: REP, recorderRunning: true });
    // The Recording card says where records go now.
    await page.getByText(`Enrolled to ${REP} on ${serverUrl}.`).first().waitFor();
    await context.close();
  });
});
