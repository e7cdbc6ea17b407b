/*
 * The web app's Approvals and Audit log pages end to end (issue 14): a real `stint-server` process (SQLite,
 * and the real PostgreSQL), a rep's computer seeded through the HTTP API as the device does it (enroll, push
 * records, submit the week it computed with the shared week code), driven by real Chromium: the manager
 * rejects with a comment, the rep reads it, fixes the week and submits again, the manager approves, a late
 * record marks the week changed after approval with its difference, and the admin's audit log lists it all
 * and downloads it as CSV. Screenshots of both pages in en / zh-CN, light / dark, 1280 and 420 px go to
 * test-results/screenshots/team/.
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts the server and writes files */
import { readFileSync } from 'node:fs';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../../shared/payroll/week';
import { POLICY_SCHEMA, type SyncRecord } from '../../shared/sync/contract';
import { addDays, localDate, workweekStart } from '../../shared/timesheet/local-time';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  describeTeamWeb,
  looks,
  MANAGER_PASSWORD as PASSWORD,
  WAIT,
  workSession,
  type Device,
  type TeamWeb,
} from '../../test-support/team-web';

const SCREENSHOTS = path.resolve('test-results/screenshots/team');

/** A rep's computer, with the records it pushed (it computes the week it submits from them). */
interface RepDevice extends Device {
  records: SyncRecord[];
}

async function push(web: TeamWeb, device: RepDevice, batch: SyncRecord[]) {
  device.records.push(...batch);
  await web.http.push(device, batch);
}

/** What `stint timesheet submit` does: the week computed on the device from its own records, under the policy it pulled. */
async function submit(web: TeamWeb, device: RepDevice, date: string) {
  const pulled = await web.http.ok('GET', '/api/policy', { token: device.token });
  const figures = computeWeek(
    timeRecordsFromSync(device.records.map((record) => ({ record, deviceId: device.deviceId }))),
    date,
    payRulesOf(POLICY_SCHEMA.parse(pulled.policy)),
    Date.now(),
    'UTC',
  );
  return web.http.ok('POST', '/api/timesheets/submit', { token: device.token, body: { deviceId: device.deviceId, policyVersion: pulled.version, figures } });
}

const work = (seq: number, date: string, hour: number, hours: number, uuid = `ann-${seq}`): SyncRecord => workSession(seq, uuid, date, hour, hours);

describeTeamWeb('the Approvals and Audit log pages', { screenshots: SCREENSHOTS }, (web) => {
  const dialect = web.dialect;
  let ann: RepDevice;
  // Last week, whatever today is: its days are over, so every record of it is closed.
  const weekStart = workweekStart(addDays(localDate(Date.now(), 'UTC'), -7), 'mon');
  const tuesday = addDays(weekStart, 1);
  const wednesday = addDays(weekStart, 2);
  const thursday = addDays(weekStart, 3);

  beforeAll(async () => {
    const { http, admin } = web;
    await web.seedNorth();
    ann = { ...(await http.enroll(admin, 'ann@example.com')), records: [] };
    // Ann's week: Monday 9 h, Tuesday 3 h (no overtime under the defaults' weekly rule).
    await push(web, ann, [work(1, weekStart, 8, 9), work(2, tuesday, 9, 3)]);
    await submit(web, ann, wednesday);
  });

  /** The Approvals page on the week of the test. */
  async function approvalsOf(page: Page) {
    await page.goto(`${web.base}/#/approvals`);
    await page.getByRole('heading', { name: /^(Approvals|审批)$/ }).waitFor();
    await page.getByLabel(/^(Week of|所在周)$/).fill(wednesday);
    // The row of that week (the page first shows this week's).
    const row = page.locator(`tr[data-rep="ann@example.com"][data-week="${weekStart}"]`);
    await row.waitFor();
    return row;
  }

  it('a manager rejects with a comment, the rep reads it and resubmits, the manager approves; a late record shows as changed', async () => {
    const page = await web.open();
    await web.signIn(page, 'nadia@example.com', PASSWORD);
    await page.getByRole('link', { name: 'Approvals', exact: true }).click();
    const ann0 = await approvalsOf(page);
    expect(await ann0.getAttribute('data-status')).toBe('submitted');
    expect(await ann0.locator('td[data-field="workedSeconds"]').innerText()).toBe('12h');
    expect(await ann0.locator('td[data-field="regularSeconds"]').innerText()).toBe('12h');
    expect(await page.locator(`tr[data-rep="bo@example.com"][data-week="${weekStart}"]`).getAttribute('data-status')).toBe('not-submitted');
    // Only the manager's team, and never the admin.
    expect(await page.locator('.approvals-table > tbody > tr[data-rep]').count()).toBe(2);

    // The days, as the server computed them.
    await ann0.getByRole('button', { name: 'Days' }).click();
    const days = page.getByRole('table', { name: 'Days of the week of Ann Archer' });
    expect(await days.locator(`tr[data-date="${weekStart}"] td[data-field="workedSeconds"]`).innerText()).toBe('9h');
    expect(await days.locator(`tr[data-date="${tuesday}"] td[data-field="workedSeconds"]`).innerText()).toBe('3h');
    expect(await days.locator('tbody tr').count()).toBe(7);

    // Reject: a comment is required, said in words; then with one.
    await ann0.getByRole('button', { name: 'Reject', exact: true }).click();
    const form = page.getByRole('form', { name: 'Reject week' });
    await form.getByRole('button', { name: 'Reject week' }).click();
    await page.getByText('Say what the rep should correct: a rejection needs a comment.').waitFor();
    await form.getByLabel('What should Ann Archer correct? (required)').fill('Tuesday misses the client visit in the afternoon.');
    await form.getByRole('button', { name: 'Reject week' }).click();
    await page.getByText('Rejected the week of Ann Archer; they see your comment.').waitFor();
    await expect.poll(() => ann0.getAttribute('data-status'), WAIT).toBe('rejected');
    expect(await ann0.locator('td').first().innerText()).toContain('Rejected by nadia@example.com');

    // The rep's computer reads the comment, as the Timesheet view does.
    const states = (await web.http.ok('GET', `/api/timesheets/weeks?from=${weekStart}`, { token: ann.token })) as {
      weeks: { weekStart: string; status: string; comment: string | null; locked: boolean }[];
    };
    expect(states.weeks).toEqual([
      expect.objectContaining({ weekStart, status: 'rejected', comment: 'Tuesday misses the client visit in the afternoon.', locked: false }),
    ]);

    // She adds the visit (a manual correction) and submits again.
    await push(web, ann, [
      {
        seq: 3,
        uuid: 'ann-visit',
        kind: 'correction',
        sessionKind: 'work',
        startMs: Date.parse(`${tuesday}T13:00:00Z`),
        endMs: Date.parse(`${tuesday}T15:00:00Z`),
        timeZone: 'UTC',
        utcOffsetMin: 0,
        replaces: null,
        reason: 'client visit',
        createdMs: Date.parse(`${tuesday}T18:00:00Z`),
      },
    ]);
    await submit(web, ann, wednesday);

    await page.reload();
    const ann1 = await approvalsOf(page);
    await expect.poll(() => ann1.getAttribute('data-status'), WAIT).toBe('submitted');
    expect(await ann1.locator('td[data-field="workedSeconds"]').innerText()).toBe('14h');
    expect(await ann1.locator('td[data-field="manualSeconds"]').innerText()).toBe('2h');
    await ann1.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Approved the week of Ann Archer.').waitFor();
    await expect.poll(() => ann1.getAttribute('data-status'), WAIT).toBe('approved');

    // Her laptop was offline: Thursday's hour arrives after approval. The week says so, with the difference.
    await push(web, ann, [work(4, thursday, 9, 1)]);
    await page.reload();
    const ann2 = await approvalsOf(page);
    await expect.poll(() => ann2.getAttribute('data-status'), WAIT).toBe('changed');
    expect(await ann2.locator('td').first().innerText()).toContain('Changed after approval');
    const change = page.locator(`tr[data-detail-of="ann@example.com"] .approval-changes li[data-field="workedSeconds"]`);
    expect(await change.innerText()).toContain('0m → 1h');
    expect(await page.locator(`tr[data-date="${thursday}"] td[data-field="workedSeconds"]`).getAttribute('class')).toContain('is-changed');
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('the admin reopens only with a reason, approves again, and the audit log lists submit, reject, approve and downloads as CSV', async () => {
    const page = await web.open({ session: web.admin });
    await page.locator('.team-app').waitFor();
    const row = await approvalsOf(page);
    await row.getByRole('button', { name: 'Reopen', exact: true }).click();
    const form = page.getByRole('form', { name: 'Reopen week' });
    await form.getByRole('button', { name: 'Reopen week' }).click();
    await page.getByText('Give the reason for reopening an approved week.').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Approved the week of Ann Archer.').waitFor();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('approved');

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('From').fill(weekStart);
    await page.getByLabel('User', { exact: true }).selectOption('ann@example.com');
    const table = page.getByRole('table', { name: 'Audit entries' });
    await expect
      .poll(async () => (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).reverse(), WAIT)
      .toEqual(['user.create', 'week.submit', 'week.reject', 'week.submit', 'week.approve', 'week.changed', 'week.approve']);
    const reject = table.locator('tr[data-action="week.reject"]');
    expect(await reject.innerText()).toContain('nadia@example.com');
    expect(await reject.innerText()).toContain('Tuesday misses the client visit in the afternoon.');
    expect(await reject.locator('td').nth(3).innerText()).toContain('Submitted · 12h worked');
    expect(await reject.locator('td').nth(4).innerText()).toContain('Rejected');
    const changed = table.locator('tr[data-action="week.changed"]');
    expect(await changed.innerText()).toContain('Stint server');
    expect(await changed.locator('td').nth(3).innerText()).toContain('14h worked');
    expect(await changed.locator('td').nth(4).innerText()).toContain('15h worked');

    await page.getByLabel('Action', { exact: true }).selectOption('week.reject');
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(1);
    await page.getByLabel('Action', { exact: true }).selectOption('');
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(7);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('id,at,actor,action,subject,detail');
    expect(csv.slice(1).map((l) => l.split(',')[3])).toEqual([
      'user.create',
      'week.submit',
      'week.reject',
      'week.submit',
      'week.approve',
      'week.changed',
      'week.approve',
    ]);
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it('screenshots of Approvals and the Audit log: 1280 and 420 px, light and dark, en and zh-CN', async () => {
      const session = await web.http.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      // A week waiting with its changes, for the pictures: another late hour on Thursday.
      await push(web, ann, [work(5, thursday, 11, 1, 'ann-late-2')]);
      for (const { locale, dark, width, tag } of looks()) {
        const page = await web.open({ locale, dark, width, session });
        await page.locator('.team-app').waitFor();
        await approvalsOf(page);
        await page.locator('.approval-changes').waitFor();
        await page.locator('tr[data-rep="ann@example.com"] button.link').first().waitFor();
        // Not the date field's focus ring in the pictures.
        await page.locator('h1').click();
        await page.screenshot({ path: path.join(SCREENSHOTS, `approvals-${tag}.png`), fullPage: true });
        await page.goto(`${web.base}/#/audit`);
        await page.getByLabel(/^(From|开始日期)$/).fill(weekStart);
        await page.locator('.audit-table tbody tr').first().waitFor();
        await page.locator('h1').click();
        await page.screenshot({ path: path.join(SCREENSHOTS, `audit-${tag}.png`), fullPage: true });
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 600_000);
});
