/*
 * The team reports page end to end: a real `stint-server` (SQLite and PostgreSQL) seeded through its HTTP API
 * (two reps' devices push two days of sessions, windows and calls; the team's policy adds a rule of its own),
 * driven by real Chromium. The page shows the figures, each table's CSV download holds exactly the table's
 * rows, and screenshots of the page in both languages and themes, 1280 and 420 px wide, go to
 * test-results/screenshots/team/.
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts the server and reads files */
import { readFileSync } from 'node:fs';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_POLICY, type SyncRecord } from '../../shared/sync/contract';
import { csvCell } from '../../shared/timesheet/timesheet-csv';
import { describeTeamWeb, looks, MANAGER_PASSWORD as PASSWORD, WAIT, type Session } from '../../test-support/team-web';

const SCREENSHOTS = path.resolve('test-results/screenshots/team');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The team's own category: long, so the page must wrap it rather than cut it. */
const LONG_CATEGORY = 'Sales > Forecasting and quarterly pipeline reviews with the regional leadership team';

/** A day's records of one rep: a work session, windows and calls, all in UTC. */
function dayOf(rep: string, dayMs: number, seq: { n: number }, plan: { sessionH: number; windows: [string, number][]; calls: boolean[] }): SyncRecord[] {
  const z = { timeZone: 'UTC', utcOffsetMin: 0 };
  const start = dayMs + 9 * HOUR;
  const out: SyncRecord[] = [
    {
      seq: ++seq.n,
      uuid: `${rep}-${dayMs}-s`,
      kind: 'session',
      sessionKind: 'work',
      startMs: start,
      endMs: start + plan.sessionH * HOUR,
      ...z,
      source: 'recorded',
    },
  ];
  let t = start;
  for (const [app, minutes] of plan.windows) {
    out.push({ seq: ++seq.n, uuid: `${rep}-${dayMs}-a${seq.n}`, kind: 'activity', startMs: t, endMs: t + minutes * MIN, ...z, app });
    t += minutes * MIN;
  }
  plan.calls.forEach((answered, i) => {
    const c = start + (i + 1) * 20 * MIN;
    out.push({
      seq: ++seq.n,
      uuid: `${rep}-${dayMs}-c${i}`,
      kind: 'call',
      startMs: c,
      endMs: c + 6 * MIN,
      // As the device's outbox sends a call timed by hand (shared/calls/counted-calls.ts reads this shape).
      data: { source: 'manual', answered: answered ? 1 : 0, talk_ms: answered ? 240_000 : 0, hold_ms: answered ? 30_000 : 0, wrap_ms: answered ? 90_000 : 0 },
    });
  });
  return out;
}

/** The rows of a table as its CSV writes them, from the values each cell carries. */
async function tableRows(page: Page, table: string): Promise<string[]> {
  return page
    .locator(`[data-table="${table}"] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.getAttribute('data-value') ?? '')))
    .then((rows) => rows.map((cells) => cells.map(csvCell).join(',')));
}

async function downloadCsv(page: Page, table: string): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-table="${table}"] .report-card-head button`).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n');
}

describeTeamWeb('the team reports page', { screenshots: SCREENSHOTS }, (web) => {
  const dialect = web.dialect;

  beforeAll(async () => {
    const { http, admin } = web;
    await web.seedNorth();
    // The team's policy: its own rule for the forecasting tool, rated productive.
    await http.ok('PUT', '/api/policy', {
      session: admin,
      body: {
        team: 'North',
        policy: {
          ...DEFAULT_POLICY,
          rules: [{ id: 'forecast', category: LONG_CATEGORY, app: 'Forecast Studio' }],
          ratings: [{ category: LONG_CATEGORY, rating: 'productive' }],
        },
      },
    });
    const today = Math.floor(Date.now() / DAY) * DAY;
    const plans = {
      ann: [
        {
          day: today - 2 * DAY,
          sessionH: 4,
          windows: [
            ['Salesforce', 120],
            ['Forecast Studio', 60],
            ['YouTube', 30],
          ] as [string, number][],
          calls: [true, true, false],
        },
        {
          day: today - DAY,
          sessionH: 4,
          windows: [
            ['Salesforce', 90],
            ['Forecast Studio', 90],
          ] as [string, number][],
          calls: [true, true],
        },
      ],
      bo: [{ day: today - DAY, sessionH: 2, windows: [['Slack', 90]] as [string, number][], calls: [true] }],
    };
    for (const [rep, days] of Object.entries(plans)) {
      const device = await http.enroll(admin, `${rep}@example.com`);
      const seq = { n: 0 };
      const batch = days.flatMap((d) => dayOf(rep, d.day, seq, d));
      await http.push(device, batch);
    }
  });
  /** The reports page of the session's user, its calls table shown. Every console error counts here, refusals too. */
  async function open(session: Session, options: { locale?: string; dark?: boolean; width?: number } = {}) {
    const page = await web.open({ ...options, session, path: '/#/reports', countRefusals: true });
    await page.locator('[data-table="calls"] tbody tr').first().waitFor();
    return page;
  }

  it("shows the team's figures, each rep's and the team's, and every table's CSV holds the table's rows", async () => {
    const page = await open(await web.http.login('nadia@example.com', PASSWORD));
    const calls = page.locator('[data-table="calls"]');
    const cell = (row: string, col: string) => calls.locator(`tr[data-row="${row}"] td.col-${col}`).getAttribute('data-value');
    // Ann: 5 calls, 4 answered, handle time 4 m + 30 s + 1 m 30 s = 6 min; Bo 1 answered; the team 6 and 5.
    await expect.poll(() => cell('ann@example.com', 'calls'), WAIT).toBe('5');
    expect(await cell('ann@example.com', 'answered')).toBe('4');
    expect(await cell('ann@example.com', 'aht_s')).toBe('360');
    expect(await cell('ann@example.com', 'talk_s')).toBe('240');
    expect(await cell('bo@example.com', 'calls')).toBe('1');
    expect(await cell('*team', 'calls')).toBe('6');
    expect(await cell('*team', 'answered')).toBe('5');
    // Hours from the sessions: Ann 2 × 4 h, Bo 2 h.
    const hours = page.locator('[data-table="hours"]');
    expect(await hours.locator('tr[data-row="ann@example.com"] td.col-worked_s').getAttribute('data-value')).toBe(String(8 * 3600));
    expect(await hours.locator('tr[data-row="bo@example.com"] td.col-worked_s').getAttribute('data-value')).toBe(String(2 * 3600));
    // The team policy's rule categorizes Ann's forecasting tool, and rates it productive.
    const forecast = page.locator(`[data-table="categories"] tr[data-row="ann@example.com|${LONG_CATEGORY}"] td.col-seconds`);
    expect(await forecast.getAttribute('data-value')).toBe(String(150 * 60));
    expect(await page.locator('[data-stat="calls"]').innerText()).toBe('6');
    const productivity = page.locator('[data-table="productivity"]');
    expect(await productivity.locator('tbody tr').count()).toBe(2 + 1 + 2);
    await page.locator('.reports-view .chart canvas').first().waitFor();

    for (const table of ['hours', 'productivity', 'calls', 'categories', 'apps']) {
      const rows = await tableRows(page, table);
      expect(rows.length).toBeGreaterThan(0);
      const csv = await downloadCsv(page, table);
      expect(csv.slice(1)).toEqual(rows);
    }
    const callsCsv = await downloadCsv(page, 'calls');
    expect(callsCsv[0]).toBe('rep,email,calls,answered,aht_s,talk_s,hold_s,wrap_s,calls_per_hour');

    // One rep: the report and its CSV narrow to Bo.
    await page.locator('.report-scope select').nth(1).selectOption('bo@example.com');
    await expect.poll(() => calls.locator('tbody tr').count(), WAIT).toBe(2);
    expect(await cell('*team', 'calls')).toBe('1');
    expect((await downloadCsv(page, 'calls')).slice(1)).toEqual(await tableRows(page, 'calls'));
    expect(page.problems).toEqual([]);
  });

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it('screenshots of the reports page: 1280 and 420 px, light and dark, en and zh-CN', async () => {
      const session = await web.http.login('nadia@example.com', PASSWORD);
      for (const { locale, dark, width, tag } of looks()) {
        const page = await open(session, { locale, dark, width });
        await page.locator('.reports-view .chart canvas').first().waitFor();
        // Nothing wider than the window at 420: tables are lists there and long names wrap.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.screenshot({ path: path.join(SCREENSHOTS, `reports-seeded-${tag}.png`), fullPage: true });
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 300_000);
});
