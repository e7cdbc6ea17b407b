/*
 * A rep's own views for their manager (issue 15 §3), end to end: a real `stint-server` process (SQLite, and the
 * real PostgreSQL) seeded through its HTTP API (the rep's device pushes a morning's records), driven by real
 * Chromium. The manager opens the rep's Today, Timeline, Activity, Calls, Sales and Timesheet: the rep's views,
 * with the figures the server computes with the device's shared code (calls as the device synced them, sales from
 * the team's CRM import), and no clock, call, review, import or edit control; another team's
 * manager gets 403 and nothing of the rep. Screenshots of each view in both languages and themes go to
 * test-results/screenshots/team-rep/.
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it writes files */
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { SyncRecord } from '../../shared/sync/contract';
import { describeTeamWeb, looks, MANAGER_PASSWORD as PASSWORD } from '../../test-support/team-web';
import { afternoonZone } from '../../test-support/afternoon-zone';

const SCREENSHOTS = path.resolve('test-results/screenshots/team-rep');
const MIN = 60_000;
const TABS = ['today', 'timeline', 'activity', 'calls', 'sales', 'timesheet'] as const;

/** A rep's last hours, ending a few minutes ago: work, a break, more work, idle, windows, an entry added by hand. */
function morning(prefix: string, now: number): SyncRecord[] {
  // Early afternoon in the rep's zone: the last hours are today's whatever the hour in UTC.
  const { zone, offsetH } = afternoonZone(now);
  const span = { timeZone: zone, utcOffsetMin: offsetH * 60 };
  const start = now - 150 * MIN;
  const windows = [
    { app: 'Google-chrome', title: 'Pipeline | Salesforce', url: 'https://acme.my.salesforce.com/lightning' },
    { app: 'Slack', title: 'deals channel' },
    { app: 'Google-chrome', title: 'YouTube', url: 'https://www.youtube.com/watch' },
    { app: 'Outlook', title: 'Inbox - Re: proposal' },
  ];
  let seq = 0;
  const records: SyncRecord[] = [
    { seq: ++seq, uuid: `${prefix}-s1`, kind: 'session', sessionKind: 'work', startMs: start, endMs: start + 60 * MIN, ...span, source: 'recorded' },
    {
      seq: ++seq,
      uuid: `${prefix}-s2`,
      kind: 'session',
      sessionKind: 'break',
      startMs: start + 60 * MIN,
      endMs: start + 75 * MIN,
      ...span,
      source: 'recorded',
    },
    { seq: ++seq, uuid: `${prefix}-s3`, kind: 'session', sessionKind: 'work', startMs: start + 75 * MIN, endMs: now - 5 * MIN, ...span, source: 'recorded' },
    { seq: ++seq, uuid: `${prefix}-i1`, kind: 'idle', startMs: start + 100 * MIN, endMs: start + 108 * MIN, ...span },
  ];
  for (let i = 0; i < 14; i++) {
    const w = windows[i % windows.length]!;
    const s = start + (i < 6 ? i * 10 * MIN : 75 * MIN + (i - 6) * 8 * MIN);
    records.push({ seq: ++seq, uuid: `${prefix}-a${i}`, kind: 'activity', startMs: s, endMs: s + (i < 6 ? 10 : 8) * MIN, ...span, ...w });
  }
  records.push({
    seq: ++seq,
    uuid: `${prefix}-m1`,
    kind: 'correction',
    sessionKind: 'work',
    startMs: now - 4 * MIN,
    endMs: now - MIN,
    ...span,
    replaces: null,
    reason: 'customer call from the car',
    createdMs: now - 2 * MIN,
  });
  // Calls as the device's outbox sends them (its calls table's columns): timed by hand, one missed, one detected
  // and confirmed, one detected and waiting for the rep (counted nowhere yet).
  const call = (n: string, atMin: number, talkMin: number, holdMin: number, wrapMin: number, answered: boolean, source: 'manual' | 'detected') => {
    const startMs = start + atMin * MIN;
    const endMs = startMs + (talkMin + holdMin) * MIN;
    records.push({
      seq: ++seq,
      uuid: `${prefix}-c${n}`,
      kind: 'call',
      startMs,
      endMs,
      data: {
        source,
        system: null,
        external_id: null,
        detected_by: source === 'detected' ? 'zoom' : null,
        direction: 'out',
        contact: `Acme ${n}`,
        agent: null,
        start_ms: startMs,
        end_ms: endMs,
        wrap_end_ms: endMs + wrapMin * MIN,
        answered: answered ? 1 : 0,
        talk_ms: talkMin * MIN,
        hold_ms: holdMin * MIN,
        wrap_ms: wrapMin * MIN,
        tz: 'UTC',
        utc_offset_min: 0,
        created_ms: endMs,
      },
    });
  };
  call('1', 10, 5, 1, 2, true, 'manual');
  call('2', 30, 0, 0, 0, false, 'manual');
  call('3', 80, 8, 0, 1, true, 'manual');
  call('4', 95, 10, 0, 0, true, 'detected');
  call('5', 120, 6, 0, 0, true, 'detected');
  records.push({
    seq: ++seq,
    uuid: `${prefix}-r4`,
    kind: 'call-review',
    createdMs: now - 10 * MIN,
    data: { call_uuid: `${prefix}-c4`, action: 'confirm', created_ms: now - 10 * MIN },
  });
  return records;
}

/** A Salesforce opportunity report of the North team: Ann's deals this month (by her email). */
function opportunities(now: number): string {
  const d = new Date(now);
  const day = (n: number) => `${d.getUTCMonth() + 1}/${n}/${d.getUTCFullYear()}`;
  const today = d.getUTCDate();
  return [
    '"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"',
    `"ann@example.com","Acme","006A","Closed Won","12000","${day(1)}","${day(today)}",""`,
    `"ann@example.com","Globex","006B","Closed Lost","5000","${day(1)}","${day(today)}","Lost to competitor"`,
    `"ann@example.com","Initech","006C","Negotiation","8000","${day(1)}","12/31/${d.getUTCFullYear() + 1}",""`,
  ].join('\r\n');
}

describeTeamWeb("a rep's views for their manager", { screenshots: SCREENSHOTS }, (web) => {
  const dialect = web.dialect;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const { http, admin } = web;
    for (const team of ['North', 'South']) await http.ok('POST', '/api/teams', { session: admin, body: { name: team } });
    const people = [
      { key: 'nadia', email: 'nadia@example.com', name: 'Nadia North', role: 'manager', team: 'North', password: PASSWORD },
      { key: 'ann', email: 'ann@example.com', name: 'Ann Archer', role: 'rep', team: 'North', password: null },
      { key: 'cy', email: 'cy@example.com', name: 'Cy Cole', role: 'rep', team: 'South', password: null },
    ];
    for (const { key, ...p } of people) ids[key] = await http.addUser(admin, p);
    const now = Date.now();
    for (const key of ['ann', 'cy']) {
      const device = await http.enroll(admin, `${key}@example.com`);
      await http.push(device, morning(key, now));
    }
    const file = { name: 'opportunities.csv', base64: Buffer.from(opportunities(now)).toString('base64') };
    await http.ok('POST', '/api/imports/commit', { session: admin, body: { team: 'North', file } });
  });
  /** What the server answers for the rep's views, as the page's transport asks it. */
  const answer = (page: Page, userId: number, name: string, input: unknown) =>
    page.evaluate(
      async ({ userId, name, input }) => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        const res = await fetch(`/api/team/reps/${userId}/request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ name, input }),
        });
        return { status: res.status, body: await res.text() };
      },
      { userId, name, input },
    );

  it("the manager reads the rep's Today, Timeline, Activity, Calls, Sales and Timesheet, read-only", async () => {
    const page = await web.open();
    await web.signIn(page, 'nadia@example.com', PASSWORD);
    await page.goto(`${web.base}/#/rep/${ids.ann}`);
    await page.getByRole('heading', { name: 'Ann Archer' }).waitFor();
    const tabs = page.getByRole('navigation', { name: "The rep's views" });
    expect(await tabs.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Today', 'Timeline', 'Activity', 'Calls', 'Sales', 'Timesheet']);

    // Today: the rep's totals (2 h 10 min worked, the added 30 min in it), no clock or idle buttons, no calls card.
    await tabs.getByRole('link', { name: 'Today' }).click();
    await page.waitForURL(/#\/rep\/\d+\/today$/);
    const totals = page.locator('.view-today');
    await totals.getByRole('heading', { name: 'Today' }).waitFor();
    await expect.poll(() => totals.innerText(), { timeout: 10_000 }).toContain('Microsoft Outlook');
    const status = JSON.parse((await answer(page, ids.ann!, 'status.get', {})).body) as { data: { today: { workSeconds: number } } };
    expect(status.data.today.workSeconds).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Clock in|Clock out|Break|Resume/ }).count()).toBe(0);
    expect(await page.locator('.live-timer-state').innerText()).toBe('Worked today, as synced');
    expect(await page.locator('.idle-prompt, .today-calls').count()).toBe(0);

    // Timeline: the lanes of the rep's day.
    await tabs.getByRole('link', { name: 'Timeline' }).click();
    await page.locator('.view-timeline').waitFor();
    await expect.poll(() => page.locator('.view-timeline tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    expect(await page.locator('.view-timeline').innerText()).toContain('customer call from the car');

    // Activity: time by app.
    await tabs.getByRole('link', { name: 'Activity' }).click();
    await page.locator('.view-activity').waitFor();
    await expect.poll(() => page.locator('.view-activity').innerText(), { timeout: 10_000 }).toContain('Slack');

    // Calls: 4 calls counted (the detection waiting is not), 3 answered, AHT (8 + 9 + 10 min) / 3 = 9 min; no call, review or import controls.
    await tabs.getByRole('link', { name: 'Calls' }).click();
    const calls = page.locator('.view-calls');
    await calls.locator('dl.stats').waitFor({ timeout: 10_000 });
    const stat = (label: string) =>
      calls
        .locator('.stat', { has: page.getByText(label, { exact: true }) })
        .first()
        .innerText();
    expect(await stat('Calls')).toContain('4');
    expect(await stat('Calls')).toContain('3 answered');
    expect(
      await calls
        .locator('.stat', { has: page.getByText('Average handle time', { exact: true }) })
        .locator('.stat-value')
        .innerText(),
    ).toMatch(/^9m/);
    expect(await stat('To review')).toContain('1');
    expect(await calls.locator('tbody tr').count()).toBe(5);
    expect(await calls.getByRole('button', { name: /Confirm|Dismiss|Start call|Choose a file/ }).count()).toBe(0);
    expect(await calls.locator('.import-card').count()).toBe(0);
    expect(await calls.getByRole('region', { name: 'Call in progress' }).count()).toBe(0);

    // Sales: the team's imported opportunities that are Ann's, without the import card.
    await tabs.getByRole('link', { name: 'Sales' }).click();
    const sales = page.locator('.view-sales');
    await expect.poll(() => sales.innerText(), { timeout: 10_000 }).toContain('Opportunities');
    const salesStat = (label: string) =>
      sales
        .locator('.stat', { has: page.getByText(label, { exact: true }) })
        .first()
        .innerText();
    expect(await salesStat('Won')).toContain('1');
    expect(await salesStat('Lost')).toContain('1');
    expect(await salesStat('Open')).toContain('1');
    expect(await sales.innerText()).toContain('12,000');
    expect(await sales.locator('.import-card').count()).toBe(0);

    // Timesheet: the week and the entries, without manual time, edit buttons, week approval or week start.
    await tabs.getByRole('link', { name: 'Timesheet' }).click();
    await page.locator('.view-timesheet table').first().waitFor();
    await expect.poll(() => page.locator('li.entry').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('.view-timesheet').innerText()).toContain('customer call from the car');
    expect(await page.locator('.entry-actions, form.manual-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Add time|Edit|Remove|Submit/ }).count()).toBe(0);
    expect(await page.locator('.view-timesheet .toolbar select').first().isDisabled()).toBe(true);

    // A write, sent by hand, is refused.
    const write = await answer(page, ids.ann!, 'time.add', { kind: 'work', startMs: Date.now() - 60 * MIN, endMs: Date.now(), reason: 'x' });
    expect(write.status).toBe(403);
    expect(page.problems).toEqual([]);
  });

  it("a manager cannot open another team's rep's views: 403, and nothing of the rep on the page", async () => {
    const page = await web.open();
    await web.signIn(page, 'nadia@example.com', PASSWORD);
    await page.goto(`${web.base}/#/rep/${ids.cy}/timesheet`);
    await page.locator('.error-note').waitFor();
    const refused = await answer(page, ids.cy!, 'timesheet.get', { from: '2026-03-02', to: '2026-03-08' });
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain('workedSeconds');
    const html = await page.content();
    expect(html).not.toContain('Cy Cole');
    expect(html).not.toContain('cy@example.com');
    expect(await page.locator('li.entry, .rep-tabs').count()).toBe(0);
  });

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it("screenshots of the rep's views: light and dark, en and zh-CN (and 420 px in en light)", async () => {
      const session = await web.http.login('nadia@example.com', PASSWORD);
      for (const { locale, dark, width, tag } of looks((locale, dark) => (locale === 'en-US' && !dark ? [1280, 420] : [1280]))) {
        const page = await web.open({ locale, dark, width });
        await page.context().addCookies([web.cookie(session)]);
        for (const tab of TABS) {
          await page.goto(`${web.base}/#/rep/${ids.ann}/${tab}`);
          await page.reload();
          await page.locator(`.view-${tab} .card`).first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: path.join(SCREENSHOTS, `rep-${tab}-${tag}.png`), fullPage: true });
        }
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 600_000);
});
