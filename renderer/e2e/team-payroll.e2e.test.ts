/*
 * The admin's Payroll export and Pay data pages end to end: a real `stint-server` process (SQLite, and the
 * real PostgreSQL), seeded through its HTTP API (two reps' computers enroll and push a week; Ann's week is
 * submitted by her device and approved through the API, Bo's is never submitted), driven by real Chromium.
 * The admin sets Ann's pay data in the page (a wrong rate first, said in words), checks the pay period (Bo
 * is listed with what to do), exports without Bo only after ticking that choice, and the downloaded CSV's
 * hours equal Ann's approved timesheet; a record that arrives later, approved again, shows as changed
 * since the export. Writes screenshots of both pages in both languages and themes, 1280 and 420 px wide,
 * to test-results/screenshots/team/.
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts the server and reads files */
import { readFileSync } from 'node:fs';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync, weekTotals, type WeekFigures } from '../../shared/payroll/week';
import { DEFAULT_POLICY, type Policy, type SyncRecord } from '../../shared/sync/contract';
import { describeTeamWeb, looks, WAIT, workSession, type Device } from '../../test-support/team-web';

const SCREENSHOTS = path.resolve('test-results/screenshots/team');
const FLSA: Policy = { ...DEFAULT_POLICY, overtimeRules: 'flsa', weekStart: 'mon' };
const WEEK = '2026-11-02';
const WEEK_END = '2026-11-08';

/** A recorded work session in UTC from a date and hour, `hours` long. */
const work = (seq: number, date: string, hour: number, hours: number, who: string): SyncRecord => workSession(seq, `${who}-${seq}`, date, hour, hours);
// Ann: 9 h Monday to Friday, 45 h: 40 regular and 5 overtime under FLSA. Bo: a Monday morning, never submitted.
const ANN = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'].map((d, i) => work(i + 1, d, 8, 9, 'ann'));
const BO = [work(1, '2026-11-02', 9, 4, 'bo')];

/** The generic CSV's hours per pay code (employee,employee_id,workweek,date,pay_code,hours,rate). */
function csvHours(text: string): Record<string, number> {
  const out: Record<string, number> = { REG: 0, OT: 0, DT: 0 };
  for (const line of text.trim().split('\r\n').slice(1)) {
    const cells = line.split(',');
    out[cells[4]!] = (out[cells[4]!] ?? 0) + Number(cells[5]);
  }
  return out;
}

describeTeamWeb('the payroll pages of the team web app', { screenshots: SCREENSHOTS }, (web) => {
  const dialect = web.dialect;
  let approved: WeekFigures;
  let annDevice: Device;

  beforeAll(async () => {
    const { http, admin } = web;
    await http.ok('POST', '/api/teams', { session: admin, body: { name: 'North' } });
    const { version } = await http.ok('PUT', '/api/policy', { session: admin, body: { team: null, policy: FLSA } });
    for (const [email, name, records] of [
      ['ann@example.com', 'Ann Archer', ANN],
      ['bo@example.com', 'Bo Baker', BO],
    ] as const) {
      await http.ok('POST', '/api/users', { session: admin, body: { email, name, role: 'rep', team: 'North', password: null } });
      const device = await http.enroll(admin, email);
      await http.push(device, records);
      if (email !== 'ann@example.com') continue;
      annDevice = device;
      // Ann's computer submits the week it computed; the admin approves it through the API.
      approved = computeWeek(timeRecordsFromSync(records.map((record) => ({ record, deviceId: device.deviceId }))), WEEK, payRulesOf(FLSA), Date.now(), 'UTC');
      await http.ok('POST', '/api/timesheets/submit', {
        token: device.token,
        body: { deviceId: device.deviceId, policyVersion: version, figures: approved },
      });
      await http.ok('POST', '/api/approvals/approve', { session: admin, body: { user: email, week: WEEK, comment: null } });
    }
  });
  /** The admin's page, signed in. */
  const open = (options: { locale?: string; dark?: boolean; width?: number } = {}) => web.open({ ...options, session: web.admin, path: null });

  async function choosePeriod(page: Page): Promise<void> {
    await page.getByLabel(/^(From|开始日期)$/).fill(WEEK);
    await page.getByLabel(/^(To|结束日期)$/).fill(WEEK_END);
    // Off the date field, so the pictures show no half-typed date.
    await page.locator('.view-title h1').click();
  }

  it('the admin sets pay data, sees the unapproved rep listed, and downloads a CSV whose hours are the approved timesheet', async () => {
    const page = await open();
    await page.goto(`${web.base}/#/pay`);
    const ann = page.locator('tr[data-user="ann@example.com"]');
    await ann.waitFor();
    expect(await ann.innerText()).toContain('Not set');
    await ann.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Pay data of Ann Archer' });
    await form.getByLabel('Regular rate per hour').fill('25,5');
    await form.getByLabel('Overtime multiplier').fill('one and a half');
    await form.getByRole('button', { name: 'Save' }).click();
    const errors = form.locator('.pay-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('Regular rate: an amount like 25 or 25.50');
    expect(await errors.innerText()).toContain('Overtime multiplier: a number from 1 to 10');
    await form.getByLabel('Regular rate per hour').fill('25.50');
    await form.getByLabel('Overtime multiplier').fill('1.5');
    await form.getByLabel('ADP file number').fill('000101');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved the pay data of Ann Archer.').waitFor();
    await expect.poll(() => ann.innerText(), WAIT).toContain('ADP 000101');
    expect(await ann.innerText()).toContain('$25.50');
    const stored = await web.http.ok('GET', '/api/pay/ann@example.com', { session: web.admin });
    expect(stored.profile).toMatchObject({ payType: 'hourly', regularRateCents: 2550, overtimeMultiplier: 1.5, adpFileNumber: '000101' });

    await page.getByRole('link', { name: 'Payroll', exact: true }).click();
    await page.getByRole('heading', { name: 'Payroll export' }).waitFor();
    await choosePeriod(page);
    const bo = page.locator('tr[data-problem="unapproved"][data-email="bo@example.com"]');
    await bo.waitFor(WAIT);
    expect(await bo.innerText()).toContain('Bo Baker');
    expect(await bo.innerText()).toContain('not submitted');
    expect(await bo.innerText()).toContain('Ask them to submit the week');
    const button = page.getByRole('button', { name: 'Export without them and download' });
    expect(await button.isDisabled()).toBe(true);
    // ADP: Ann has her file number now, the company code and batch are asked for.
    await page.getByLabel('Format').selectOption('adp');
    await page.getByText('This format also needs: ADP company code, ADP batch ID.').waitFor(WAIT);
    await page.getByLabel('Format').selectOption('csv');
    await page.getByText('Without them the file holds 1 of 2 people').waitFor(WAIT);

    await page.getByLabel(/Leave the people listed above \(1\) out of this file/).check();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`stint-payroll-csv-${WEEK}-to-${WEEK_END}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    const totals = weekTotals(approved);
    expect(csvHours(text)).toEqual({ REG: totals.regularSeconds / 3600, OT: totals.overtimeSeconds / 3600, DT: totals.doubleTimeSeconds / 3600 });
    expect(csvHours(text)).toEqual({ REG: 40, OT: 5, DT: 0 });
    expect(text).toContain('Ann Archer,ann@example.com');
    expect(text).not.toContain('bo@example.com');
    const done = page.locator('.payroll-done');
    await done.waitFor();
    expect(await done.innerText()).toContain('Left out of this file, as you chose: Bo Baker');
    // Exported once: the period says so, and nothing changed since.
    await page.getByText('Exported before').waitFor(WAIT);
    expect(await page.locator('.payroll-previous').innerText()).toContain('Nothing changed since the last export of this period.');
    const audit = await web.http.ok('GET', '/api/audit?from=2026-01-01&to=2027-12-31&action=payroll.', { session: web.admin });
    const entry = (audit.entries as { detail: { partial: boolean; problems: { email: string }[] } }[])[0]!;
    expect(entry.detail.partial).toBe(true);
    expect(entry.detail.problems.map((p) => p.email)).toEqual(['bo@example.com']);

    // Ann's laptop was offline: Thursday evening arrives after the export; the week is approved again.
    await web.http.push(annDevice, [work(6, '2026-11-05', 18, 1, 'ann')]);
    await web.http.ok('POST', '/api/approvals/approve', { session: web.admin, body: { user: 'ann@example.com', week: WEEK, comment: null } });
    await page.reload();
    await choosePeriod(page);
    const changes = page.locator('table.payroll-changes tbody tr');
    await changes.first().waitFor(WAIT);
    // FLSA counts overtime past 40 h in the week: Thursday's hour is straight time, Friday's last hour becomes overtime.
    expect((await changes.allInnerTexts()).map((row) => row.split('\t'))).toEqual([
      ['ann@example.com', 'Thu, Nov 5', 'Regular', '9 h', '10 h'],
      ['ann@example.com', 'Fri, Nov 6', 'Regular', '4 h', '3 h'],
      ['ann@example.com', 'Fri, Nov 6', 'Overtime', '5 h', '6 h'],
    ]);
    expect(page.problems).toEqual([]);
  }, 120_000);

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it('screenshots of both pages: 1280 and 420 px, light and dark, en and zh-CN', async () => {
      for (const { locale, dark, width, tag } of looks()) {
        const page = await open({ locale, dark, width });
        await page.goto(`${web.base}/#/payroll`);
        await page.locator('.payroll-view').waitFor();
        await choosePeriod(page);
        await page.locator('tr[data-problem]').first().waitFor(WAIT);
        await page.locator('.payroll-previous').waitFor(WAIT);
        await page.screenshot({ path: path.join(SCREENSHOTS, `payroll-${tag}.png`), fullPage: true });
        await page.goto(`${web.base}/#/pay`);
        await page.locator('tr[data-user="bo@example.com"]').waitFor();
        await page.locator('tr[data-user="bo@example.com"] button').click();
        await page.locator('.pay-form input[inputmode="decimal"]').first().fill('abc');
        await page.locator('.pay-form button[type="submit"]').click();
        await page.locator('.pay-errors').waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `pay-${tag}.png`), fullPage: true });
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 600_000);
});
