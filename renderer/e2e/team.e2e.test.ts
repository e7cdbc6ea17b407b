/*
 * The manager's and admin's web app end to end: a real `stint-server` process (SQLite, and the real
 * PostgreSQL), seeded through its HTTP API (devices enroll and push records and statuses as a rep's
 * computer does), driven by real Chromium. Also writes screenshots of every page in both languages and
 * themes, 1280 and 420 px wide, to test-results/screenshots/team/, and prints how long Team now takes to
 * render and update with 200 reps (figures, not assertions).
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts the server and writes files */
import { readFileSync } from 'node:fs';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import { beforeAll, expect, it } from 'vitest';
import type { SyncRecord } from '../../shared/sync/contract';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD as FIRST_ADMIN_PASSWORD,
  describeTeamWeb,
  looks,
  MANAGER_PASSWORD as PASSWORD,
  WAIT as LIVE,
  type Device,
} from '../../test-support/team-web';
import { afternoonZone } from '../../test-support/afternoon-zone';

const SCREENSHOTS = path.resolve('test-results/screenshots/team');
const NEW_ADMIN_PASSWORD = 'the new admin password';
const MIN = 60_000;

// --trust-proxy: the 200-rep run enrolls its devices from many (forwarded) addresses, past the per-address limit.
describeTeamWeb('the team web app', { screenshots: SCREENSHOTS, serverArgs: ['--trust-proxy'] }, (web) => {
  const dialect = web.dialect;
  const ids: Record<string, number> = {};
  const devices: Record<string, Device> = {};
  /** The admin's password: the admin test changes it. */
  let adminPassword = FIRST_ADMIN_PASSWORD;

  beforeAll(async () => {
    const { http, admin } = web;
    // Two teams, a manager each, three reps; Ann's computer pushed a morning's records.
    for (const team of ['North', 'South']) await http.ok('POST', '/api/teams', { session: admin, body: { name: team } });
    const people = [
      { key: 'northManager', email: 'nadia@example.com', name: 'Nadia North', role: 'manager', team: 'North', password: PASSWORD },
      { key: 'southManager', email: 'sam@example.com', name: 'Sam South', role: 'manager', team: 'South', password: PASSWORD },
      { key: 'ann', email: 'ann@example.com', name: 'Ann Archer', role: 'rep', team: 'North', password: null },
      { key: 'bo', email: 'bo@example.com', name: 'Bo Baker', role: 'rep', team: 'North', password: null },
      { key: 'cy', email: 'cy@example.com', name: 'Cy Cole', role: 'rep', team: 'South', password: null },
    ];
    for (const { key, ...p } of people) ids[key] = await http.addUser(admin, p);
    for (const key of ['ann', 'cy']) devices[key] = await http.enroll(admin, `${key}@example.com`);
    const now = Date.now();
    // Early afternoon in Ann's zone: her last hour is today's whatever the hour in UTC.
    const { zone, offsetH } = afternoonZone(now);
    const span = { timeZone: zone, utcOffsetMin: offsetH * 60 };
    const start = now - 50 * MIN;
    const batch: SyncRecord[] = [
      { seq: 1, uuid: 'ann-s1', kind: 'session', sessionKind: 'work', startMs: start, endMs: now - 5 * MIN, ...span, source: 'recorded' },
      { seq: 2, uuid: 'ann-a1', kind: 'activity', startMs: start, endMs: start + 30 * MIN, ...span, app: 'Salesforce' },
      { seq: 3, uuid: 'ann-a2', kind: 'activity', startMs: start + 30 * MIN, endMs: start + 40 * MIN, ...span, app: 'YouTube' },
      {
        seq: 4,
        uuid: 'ann-c1',
        kind: 'call',
        startMs: start + 5 * MIN,
        endMs: start + 10 * MIN,
        // As the device's outbox sends it (shared/calls/counted-calls.ts).
        data: { source: 'manual', direction: 'out', answered: 1, talk_ms: 240_000, hold_ms: 30_000, wrap_ms: 60_000 },
      },
    ];
    await http.push(devices.ann!, batch);
    await http.status(devices.cy!, { clockedIn: true, category: 'Sales > CRM', todayWorkedSeconds: 2 * 3600 });
  });
  it('a manager signs in and sees their team only; a device clocking in shows on Team now without a reload', async () => {
    const page = await web.open();
    expect(await page.title()).toBe('Stint — team');
    await web.signIn(page, 'nadia@example.com', PASSWORD);
    const ann = page.locator('tr[data-rep="ann@example.com"]');
    await ann.waitFor();
    // Ann's morning, from her synced records through the shared code: worked 45 min, 75 % productive, one answered call.
    await expect.poll(() => ann.locator('.col-state').innerText(), LIVE).toContain('Offline');
    expect(await ann.locator('.col-productivity').innerText()).toBe('75%');
    expect(await ann.locator('.col-calls').innerText()).toBe('1');
    expect(await ann.locator('.col-aht').innerText()).toBe('5m 30s');
    expect(await ann.locator('.col-worked').innerText()).toBe('45m');
    expect(await page.locator('tr[data-rep="bo@example.com"] .col-state').innerText()).toContain('no status yet');
    // South's rep is not on North's page.
    expect(await page.locator('tr[data-rep="cy@example.com"]').count()).toBe(0);
    expect(await page.content()).not.toContain('Cy Cole');
    await page.locator('.live-state.is-live').waitFor();

    // Ann's computer posts its status: she clocked in and is on a call.
    await web.http.status(devices.ann!, {
      clockedIn: true,
      onCall: true,
      callStartedMs: Date.now() - 2 * MIN,
      category: 'Sales > Calls',
      todayWorkedSeconds: 3600,
    });
    await ann.locator('.presence-call').waitFor();
    expect(await ann.locator('.col-category').innerText()).toBe('Sales > Calls');
    expect(await ann.locator('.col-worked').innerText()).toBe('1h');
    expect(await ann.locator('.col-call').innerText()).toMatch(/^0:0[2-9]:\d\d$/);
    // Filter and sort.
    await page.getByPlaceholder('Name, email or team').fill('bo@');
    await expect.poll(() => page.locator('tbody tr').count(), LIVE).toBe(1);
    await page.getByPlaceholder('Name, email or team').fill('');
    await page.getByRole('button', { name: 'Online', exact: true }).click();
    await expect.poll(() => page.locator('tbody tr').count(), LIVE).toBe(1);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByRole('button', { name: /^Rep/ }).click();
    await expect.poll(() => page.locator('tbody tr th a').allInnerTexts(), LIVE).toEqual(['Ann Archer', 'Bo Baker']);
    await page.getByRole('button', { name: /^Rep/ }).click();
    await expect.poll(() => page.locator('tbody tr th a').allInnerTexts(), LIVE).toEqual(['Bo Baker', 'Ann Archer']);

    // Her detail page.
    await ann.locator('a').click();
    await page.getByRole('heading', { name: 'Ann Archer' }).waitFor();
    expect(await page.locator('.view').innerText()).toContain('75%');

    // Reports: the week's hours per rep, and a CSV that says the same as the table.
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    const hours = page.locator('section[data-table="hours"]');
    const annReport = hours.locator('tr[data-row="ann@example.com"]');
    await annReport.waitFor();
    expect(await annReport.locator('td.col-worked_s').innerText()).toBe('45m');
    expect(await hours.locator('table[aria-label="Hours per rep"] tbody tr').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), hours.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = csv[0]!.split(',').map((c) => c.replace(/"/g, ''));
    expect(header.slice(0, 4)).toEqual(['rep', 'email', 'team', 'worked_s']);
    const annRow = csv.filter((l) => l.split(',')[1]?.replace(/"/g, '') === 'ann@example.com');
    expect(annRow).toHaveLength(1);
    expect(Number(annRow[0]!.split(',')[3]!.replace(/"/g, ''))).toBe(45 * 60);
    expect(csv.some((l) => l.includes('cy@example.com'))).toBe(false);
    expect(page.problems).toEqual([]);
  });

  it("a manager cannot open another team's rep: 403, and nothing of the rep on the page", async () => {
    const page = await web.open();
    await web.signIn(page, 'nadia@example.com', PASSWORD);
    await page.goto(`${web.base}/#/rep/${ids.cy}`);
    const refusal = page.locator('.error-note');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('You can open only yourself or the reps of the teams you manage.');
    const status = await page.evaluate(async (id) => (await fetch(`/api/team/reps/${id}`)).status, ids.cy!);
    expect(status).toBe(403);
    const html = await page.content();
    expect(html).not.toContain('Cy Cole');
    expect(html).not.toContain('cy@example.com');
    expect(html).not.toContain(devices.cy!.deviceId.slice(0, 8));
  });

  it('an admin sets up: get started, users, an enrollment code, teams, devices (revoke), policy versions, password change', async () => {
    const page = await web.open();
    await web.signIn(page, ADMIN_EMAIL, adminPassword);
    // First page for an admin: what to do next, ticked off from what the server holds.
    await page.getByRole('heading', { name: 'Get started' }).waitFor();
    await expect.poll(() => page.locator('.setup-step.is-done').count(), LIVE).toBe(3);
    expect(await page.locator('.view-title p').innerText()).toContain('2 teams · 2 managers · 3 reps · 2 devices');

    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const addUser = page.getByRole('form', { name: 'Add a user' });
    await addUser.getByLabel('Email').fill('dee@example.com');
    await addUser.getByLabel('Name').fill('Dee Dunn');
    await addUser.getByLabel('Team (optional)').fill('South');
    await addUser.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Added dee@example.com.').waitFor();
    const dee = page.locator('tr[data-user="dee@example.com"]');
    await dee.getByRole('button', { name: 'Enrollment code' }).click();
    const code = (await page.locator('.enrollment-code').innerText()).trim();
    // The code on the page enrolls a device.
    const enrolled = await web.http.call('POST', '/api/devices/enroll', { body: { code } });
    expect(enrolled.status).toBe(201);
    expect(enrolled.json.userEmail).toBe('dee@example.com');

    await page.getByRole('link', { name: 'Teams', exact: true }).click();
    await page.getByLabel('Team name').fill('West');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.locator('tr[data-team="West"]').waitFor();
    const addMember = page.getByRole('form', { name: 'Add someone to a team' });
    await addMember.getByLabel('Team').selectOption({ label: 'West' });
    await addMember.getByLabel('Email').fill('sam@example.com');
    await addMember.getByLabel('As').selectOption('manager');
    await addMember.getByRole('button', { name: 'Add to team' }).click();
    await expect.poll(() => page.locator('tr[data-team="West"]').innerText(), LIVE).toContain('sam@example.com');

    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    const cyDevice = page.locator(`tr[data-device="${devices.cy!.deviceId}"]`);
    page.once('dialog', (d) => void d.accept());
    await cyDevice.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => cyDevice.innerText(), LIVE).toContain('Revoked');
    expect((await web.http.call('POST', '/api/sync/status', { token: devices.cy!.token, body: { deviceId: devices.cy!.deviceId } })).status).toBe(401);

    await page.getByRole('link', { name: 'Policy', exact: true }).click();
    await page.getByText('In force: the defaults').waitFor();
    await page.getByLabel('Idle after (minutes)').fill('10');
    await page.getByLabel('Upload window titles and apps').check();
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByText('Saved version 1.').waitFor();
    await page.getByLabel('Idle after (minutes)').fill('15');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Saved version 2.').waitFor();
    await expect.poll(() => page.locator('table[aria-label="Version history"] tbody tr').count(), LIVE).toBe(2);
    expect(await page.locator('table[aria-label="Version history"] tbody tr').first().innerText()).toContain('idle 15 min');
    const device = (await web.http.ok('GET', '/api/policy', { token: devices.ann!.token })) as { version: number; policy: { idleThresholdSeconds: number } };
    expect(device.policy.idleThresholdSeconds).toBe(900);

    await page.getByRole('link', { name: 'Account', exact: true }).click();
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('wrong password here');
    await form.getByLabel('New password (at least 12 characters)').fill(NEW_ADMIN_PASSWORD);
    await form.getByLabel('New password again').fill(NEW_ADMIN_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your current password is not right; type it again.').waitFor();
    await form.getByLabel('Current password').fill(FIRST_ADMIN_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Stint' }).waitFor();
    // The old password no longer signs in, and the admin's other sessions (the seeding script's) ended.
    expect((await web.http.call('POST', '/api/login', { body: { email: ADMIN_EMAIL, password: FIRST_ADMIN_PASSWORD } })).status).toBe(401);
    expect((await web.http.call('GET', '/api/users', { session: web.admin })).status).toBe(401);
    await web.signIn(page, ADMIN_EMAIL, NEW_ADMIN_PASSWORD);
    adminPassword = NEW_ADMIN_PASSWORD;
    web.admin = await web.http.login(ADMIN_EMAIL, adminPassword);
    expect(page.problems).toEqual([]);
  });

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it('screenshots of every page: 1280 and 420 px, light and dark, en and zh-CN', async () => {
      const pages = ['now', 'rep', 'reports', 'setup', 'users', 'teams', 'devices', 'policy', 'account'] as const;
      // One session for all of them (sign-in attempts are rate-limited per account): the admin's, as a cookie.
      const session = await web.http.login(ADMIN_EMAIL, adminPassword);
      for (const { locale, dark, width, tag } of looks()) {
        const page = await web.open({ locale, dark, width });
        await page.locator('.sign-in-card').waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `sign-in-${tag}.png`), fullPage: true });
        await page.context().addCookies([web.cookie(session)]);
        for (const p of pages) {
          await page.goto(`${web.base}/#/${p === 'rep' ? `rep/${ids.ann}` : p}`);
          await page.reload();
          await page
            .locator(p === 'now' ? 'tbody tr' : p === 'rep' ? '.stats' : p === 'reports' ? '[data-table="calls"] tbody tr' : '.view .card')
            .first()
            .waitFor();
          await page.screenshot({ path: path.join(SCREENSHOTS, `${p}-${tag}.png`), fullPage: true });
        }
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 600_000);

  // The 200-rep figures on PostgreSQL, the store a team that size runs on.
  if (dialect === 'postgres')
    it('Team now with 200 reps: every row renders and status updates arrive live (timings printed)', async () => {
      const reps: { email: string; device: { deviceId: string; token: string } }[] = [];
      for (let i = 0; i < 200; i++) {
        const email = `load${i}@example.com`;
        await web.http.ok('POST', '/api/users', {
          session: web.admin,
          body: { email, name: `Load Rep ${String(i).padStart(3, '0')}`, role: 'rep', team: 'Big' },
        });
        reps.push({ email, device: await web.http.enroll(web.admin, email, `10.0.${Math.floor(i / 200)}.${i % 200}`) });
      }
      for (const [i, r] of reps.entries())
        await web.http.status(r.device, { clockedIn: i % 3 !== 0, onBreak: i % 7 === 0, category: 'Sales > CRM', todayWorkedSeconds: i * 60 });
      await web.http.ok('POST', '/api/users', {
        session: web.admin,
        body: { email: 'big@example.com', name: 'Big Boss', role: 'manager', team: 'Big', password: PASSWORD },
      });
      const serverMs: number[] = [];
      const big = await web.http.login('big@example.com', PASSWORD);
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await web.http.ok('GET', '/api/team/now', { session: big });
        serverMs.push(performance.now() - t0);
      }
      const page = await web.open();
      const t0 = Date.now();
      await web.signIn(page, 'big@example.com', PASSWORD);
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 30_000 }).toBe(200);
      const firstRenderMs = Date.now() - t0;
      await page.locator('.live-state.is-live').waitFor();
      await page.evaluate(() => performance.clearMeasures());
      // Waves of 50 statuses, as devices post them every 30 s: each wave reaches the page within a poll or two.
      for (let wave = 0; wave < 4; wave++) {
        const batch = reps.slice(wave * 50, wave * 50 + 50);
        await Promise.all(
          batch.map((r, i) => web.http.status(r.device, { clockedIn: true, onCall: true, callStartedMs: Date.now() - i * 1000, todayWorkedSeconds: 7200 })),
        );
        await expect.poll(() => page.locator('tbody tr .presence-call').count(), { timeout: 30_000 }).toBe((wave + 1) * 50);
      }
      const measures = await page.evaluate(() => performance.getEntriesByName('team-now:render').map((e) => e.duration));
      expect(measures.length).toBeGreaterThan(0);
      const fmt = (xs: number[]) => `${xs.map((x) => x.toFixed(1)).join(', ')} ms`;
      console.log(
        `[team-now 200 reps, ${dialect}] GET /api/team/now from Node: ${fmt(serverMs)}; sign-in → 200 rows: ${firstRenderMs} ms; ` +
          `browser update (event → committed DOM): ${fmt(measures)}`,
      );
    }, 600_000);
});
