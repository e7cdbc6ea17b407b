/*
 * The views end to end: a real `stint track` (under a private Xvfb, on a temp database seeded through the
 * CLI) serves the built views, and real Chromium drives them. Also writes screenshots of every view in
 * both languages, light and dark, wide and in the 420-px tray popover, to test-results/screenshots/.
 *
 * Node code that drives the browser, not browser code: it needs the file system, hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts processes and writes files */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../../test-support/chromium';
import { runCli } from '../../test-support/run-cli';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';
import { addDays } from '../../shared/timesheet/local-time';
import { en } from '../i18n/en';
import { formatters } from '../i18n/format';
import { call } from '../stores/request';
import { HttpTransport } from '../transport/http-transport';
import { afternoonZone } from '../../test-support/afternoon-zone';

const SCREENSHOTS = path.resolve('test-results/screenshots');
const VIEWS = ['today', 'timeline', 'activity', 'calls', 'sales', 'timesheet', 'settings'] as const;
const H = 3_600_000;

/** Timewarrior's stamp (UTC) for a local wall time today in a fixed-offset zone. */
function timewStamp(localMidnightUtcMs: number, hours: number): string {
  return new Date(localMidnightUtcMs + hours * H)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A Salesforce report date (en_US user): M/d/yyyy. */
function sfDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
}

/**
 * A dialer's call log (Stint's generic CSV) and Salesforce opportunity and lead reports, dated around
 * today, for the Calls and Sales views.
 */
function writeSalesData(dir: string, today: string): { calls: string; opportunities: string; leads: string } {
  const yesterday = addDays(today, -1);
  const calls = path.join(dir, 'calls.csv');
  writeFileSync(
    calls,
    [
      'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
      `c1,${today} 08:20,out,yes,312,0,95,jane@acme.com,Acme Corp`,
      `c2,${today} 08:45,out,no,,,,jane@acme.com,+1 212 555 0100`,
      `c3,${today} 09:10,in,yes,540,60,120,sam@acme.com,Globex`,
      `c4,${today} 10:30,out,yes,185,0,45,jane@acme.com,Initech`,
      `c5,${today} 11:05,out,yes,421,30,150,sam@acme.com,Umbrella`,
      `c6,${yesterday} 09:00,out,yes,260,0,60,jane@acme.com,Hooli`,
      `c7,${yesterday} 14:30,in,yes,610,90,200,sam@acme.com,Stark Industries`,
      `c8,${yesterday} 16:00,out,no,,,,sam@acme.com,Wayne Enterprises`,
    ].join('\n'),
  );
  const q = (values: string[]) => values.map((v) => `"${v}"`).join(',');
  const opportunities = path.join(dir, 'opportunities.csv');
  const opp = (name: string, id: string, stage: string, amount: string, created: number, closed: number, loss = '', sql = '') =>
    q([
      'Jane Doe',
      name.split(' - ')[0]!,
      name,
      id,
      stage,
      'USD',
      amount,
      '0',
      sfDate(addDays(today, -created)),
      sfDate(addDays(today, -closed)),
      '',
      loss,
      sql ? sfDate(addDays(today, -Number(sql))) : '',
    ]);
  writeFileSync(
    opportunities,
    [
      q([
        'Opportunity Owner',
        'Account Name',
        'Opportunity Name',
        'Opportunity ID',
        'Stage',
        'Amount Currency',
        'Amount',
        'Probability (%)',
        'Created Date',
        'Close Date',
        'Next Step',
        'Primary Loss Reason',
        'SQL Date',
      ]),
      opp('Acme Corp - 500 seats', '0065g00000AbCdEAAV', 'Closed Won', '125,000.00', 40, 1, '', '35'),
      opp('Globex - renewal', '0065g00000AbCdFAAV', 'Closed Lost', '40,000.00', 30, 2, 'Lost to Competitor', '25'),
      opp('Initech - pilot', '0065g00000AbCdGAAV', 'Negotiation/Review', '18,500.00', 20, -30, '', '15'),
      opp('Umbrella - expansion', '0065g00000AbCdHAAV', 'Closed Won', '64,000.00', 25, 0, '', '20'),
      opp('Hooli - platform', '0065g00000AbCdIAAV', 'Closed Lost', '9,900.50', 15, 1, 'No Decision / Non-Responsive', ''),
    ].join('\r\n'),
  );
  const leads = path.join(dir, 'leads.csv');
  const lead = (first: string, company: string, id: string, created: string, touch: string) =>
    q([
      'Jane Doe',
      first,
      'Lee',
      company,
      id,
      touch ? 'Working - Contacted' : 'Open',
      'Web',
      `${sfDate(today)} ${created}`,
      touch ? `${sfDate(today)} ${touch}` : '',
      '',
    ]);
  writeFileSync(
    leads,
    [
      q(['Lead Owner', 'First Name', 'Last Name', 'Company', 'Lead ID', 'Lead Status', 'Lead Source', 'Created Date', 'First Touch', 'Converted Date']),
      lead('Ann', 'Acme', '00Q5g00000XyZ1AEAV', '9:00 AM', '9:03 AM'),
      lead('Bo', 'Globex', '00Q5g00000XyZ2AEAV', '9:30 AM', '10:15 AM'),
      lead('Cy', 'Initech', '00Q5g00000XyZ3AEAV', '10:00 AM', '10:02 AM'),
      lead('Di', 'Hooli', '00Q5g00000XyZ4AEAV', '11:00 AM', ''),
    ].join('\r\n'),
  );
  return { calls, opportunities, leads };
}

/** Waits for the next log line matching pattern, after those already printed; fails with the log. */
function nextLine(track: TrackProcess, pattern: RegExp): () => Promise<string> {
  const matching = () => track.log.split('\n').filter((l) => pattern.test(l));
  const seen = matching().length;
  return () =>
    waitFor(`a new line matching ${pattern}`, () => matching()[seen], 30_000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; stint track printed:\n${track.log}`);
    });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const result = runCli(args, env);
  if (result.code !== 0) throw new Error(`stint ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(skipWithoutXvfb() || skipWithoutChromium())(
  'the views in Chromium against stint track',
  () => {
    let x: XvfbSession;
    let dir: string;
    let track: TrackProcess;
    let browser: Browser;
    let origin: string;
    let db: string;
    /** The signed-in browser's session cookie. */
    let session: Cookie[] | null = null;
    let zone: string;
    let todayDate: string;
    const problems: string[] = [];

    beforeAll(async () => {
      const now = Date.now();
      ({ zone } = afternoonZone(now));
      const { offsetH } = afternoonZone(now);
      const localNow = new Date(now + offsetH * H);
      todayDate = localNow.toISOString().slice(0, 10);
      const midnight = Date.parse(`${todayDate}T00:00:00Z`) - offsetH * H;

      dir = mkdtempSync(path.join(tmpdir(), 'stint-views-e2e-'));
      db = path.join(dir, 'stint.db');
      const env = { TZ: zone };
      // Today 08:00–10:00 and 10:15–12:00 (imported), yesterday 08:00–18:00; 12:30–13:00 entered by hand.
      writeFileSync(
        path.join(dir, 'timew.json'),
        JSON.stringify([
          { id: 3, start: timewStamp(midnight - 24 * H, 8), end: timewStamp(midnight - 24 * H, 18) },
          { id: 2, start: timewStamp(midnight, 8), end: timewStamp(midnight, 10) },
          { id: 1, start: timewStamp(midnight, 10.25), end: timewStamp(midnight, 12) },
        ]),
      );
      cli(['import', 'timewarrior', path.join(dir, 'timew.json'), '--tz', zone, '--db', db], env);
      cli(['time', 'add', '--start', `${todayDate}T12:30`, '--end', `${todayDate}T13:00`, '--reason', 'Client lunch', '--db', db], env);
      // Clocked out nothing is recorded unless the rep keeps it for their own eyes: the views below want apps to show.
      cli(['settings', '--record-outside-sessions', 'on', '--idle-prompt', '1', '--agent-email', 'jane@acme.com', '--db', db], env);
      const sales = writeSalesData(dir, todayDate);
      cli(['import', 'calls', sales.calls, '--format', 'generic', '--tz', zone, '--db', db], env);
      cli(['import', 'salesforce-opportunities', sales.opportunities, '--loss-reason-column', 'Primary Loss Reason', '--tz', zone, '--db', db], env);
      cli(['import', 'salesforce-leads', sales.leads, '--tz', zone, '--db', db], env);

      x = await startXvfb();
      await x.openWindow({ netWmName: 'Pipeline review - Salesforce - Google Chrome', wmClass: ['google-chrome', 'Google-chrome'] });
      track = new TrackProcess(['--db', db, '--port', '0', '--no-auto-session', '--idle-threshold', '10'], { ...x.env, TZ: zone });
      const line = await track.waitForLine(/^Views at /);
      origin = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/signin\?code=/.exec(line)![1]!;
      await track.waitForLine(/started recording/);
      // A few windows in turn, so Activity and Timeline have more than one app to show.
      for (const [title, wmClass] of [
        ['Inbox - Mozilla Thunderbird', ['Mail', 'Thunderbird']],
        ['Q3 kickoff recap - YouTube - Google Chrome', ['google-chrome', 'Google-chrome']],
        ['#sales-team - Slack', ['slack', 'Slack']],
        ['Acme Corp | Opportunity | Salesforce - Google Chrome', ['google-chrome', 'Google-chrome']],
      ] as const) {
        const focused = nextLine(track, new RegExp(`focus +.*${escape(title)}`));
        // Input with each window, so a slow start never makes them idle time (no active apps to show).
        await x.simulateInput();
        await x.openWindow({ netWmName: title, wmClass });
        await focused();
      }
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      if (track) {
        track.kill('SIGTERM');
        await track.exited;
      }
      await x?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function open(options: { locale?: string; dark?: boolean; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({
        locale: options.locale ?? 'en-US',
        timezoneId: zone,
        colorScheme: options.dark ? 'dark' : 'light',
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      // The first signs in with a one-time link, as a user does with `stint open`; later contexts (another
      // locale, theme or size of the same browser) carry over its session cookie.
      if (session === null) {
        await page.goto(cli(['open', '--print', '--db', db], { TZ: zone }).trim());
        session = await context.cookies(origin);
      } else {
        await context.addCookies(session);
      }
      await page.goto(`${origin}/#/today`);
      await page.getByTestId('live-timer').waitFor();
      return { context, page };
    }

    async function show(page: Page, view: string): Promise<void> {
      await page.evaluate((v) => (window.location.hash = `#/${v}`), view);
      await page.locator(`.view-${view}`).waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…') && !document.body.innerText.includes('加载中…'));
    }

    const statValue = (page: Page, label: string) =>
      page.locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value');
    /** Today's breaks in the timesheet (no overtime rules: in, out, worked, breaks, manual). */
    const todaysBreaks = (page: Page) => page.locator(`tr[data-date="${todayDate}"] td`).nth(3);

    it('shows the seeded totals, clocks in and out, and turns an idle choice into timesheet time', async () => {
      // Input first: Xvfb has had none since it started, so once the 10-s idle threshold passes (signing in
      // takes a moment) the windows opened so far count as idle and today's apps would stay empty.
      await x.simulateInput();
      const { context, page } = await open();
      // 2 h + 1 h 45 m imported and 30 min by hand, no session running (--no-auto-session).
      await expect.poll(() => statValue(page, 'Work').textContent()).toBe('4h 15m');
      // Apps by the names people know them: recorded before clocking in for the rep's eyes only (--record-outside-sessions on).
      await page.getByText('Google Chrome', { exact: true }).first().waitFor();
      expect(await page.getByTestId('recorder-state').textContent()).toBe('Recording for your eyes only — clocked out');
      // The timer is today's worked time, the same figure as Work and the timesheet's today.
      expect(await page.getByTestId('live-timer').textContent()).toBe('4:15:00');

      await x.simulateInput();
      const idleStarts = nextLine(track, / idle +since /);
      await page.getByRole('button', { name: 'Clock in' }).click();
      await page.getByRole('button', { name: 'Clock out' }).waitFor();
      await page.getByText('Working', { exact: true }).waitFor();
      // The live status moves the timer on by itself.
      await page.waitForFunction(() => {
        const text = document.querySelector('[data-testid="live-timer"]')?.textContent ?? '';
        return text !== '4:15:00' && text.startsWith('4:15:');
      });

      await show(page, 'timesheet');
      expect(await todaysBreaks(page).textContent()).toBe('—'); // no breaks today yet
      await show(page, 'today');

      // Ten seconds without input is idle; once it has lasted the prompt threshold (1 min here, 10 by default)
      // the stretch waits for an answer, input ends it and the prompt asks what it was.
      await idleStarts();
      await waitFor(
        'an idle stretch as long as the prompt threshold',
        () => ((JSON.parse(cli(['idle', 'list', '--json', '--db', db], { TZ: zone })) as unknown[]).length > 0 ? true : undefined),
        120_000,
      );
      const idleEnds = nextLine(track, / active +after /);
      await x.simulateInput();
      await idleEnds();
      const prompt = page.getByRole('region', { name: 'You were away' });
      await prompt.waitFor();
      await prompt.getByRole('button', { name: 'A break' }).click();
      await prompt.waitFor({ state: 'detached' });

      await show(page, 'timesheet');
      // The stretch lasted at least the 1-minute prompt threshold: minutes, perhaps with seconds.
      await expect.poll(() => todaysBreaks(page).textContent()).toMatch(/^(?=\S)(\d+h\s?)?(\d+m\s?)?(\d+s)?$/);
      await show(page, 'timeline');
      await page.locator('.lane .span.session-break').first().waitFor();

      await show(page, 'today');
      await page.getByRole('button', { name: 'Clock out' }).click();
      await page.getByRole('button', { name: 'Clock in' }).waitFor();
      await page.getByText('Clocked out', { exact: true }).waitFor();
      // Clocked out, the timer holds today's worked time: the seeded 4 h 15 m and the seconds just worked.
      expect(await page.getByTestId('live-timer').textContent()).toMatch(/^4:15:\d\d$/);
      await context.close();
    });

    it('times a call started from the UI and shows it in the Calls view with its handle time and AHT', async () => {
      const { context, page } = await open();
      await show(page, 'calls');
      // The recorder's own API, as this signed-in browser calls it: with its session cookie.
      const cookie = (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
      const withCookie: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Cookie', cookie);
        return fetch(input, { ...init, headers });
      };
      const api = new HttpTransport({ baseUrl: origin, fetch: withCookie, openEventChannel: () => ({ close: () => undefined }) });
      // The Calls view's headline counts the rep's own calls (the seeded log's jane@acme.com and calls timed here).
      const callsToday = () => call(api, 'report.calls', { from: todayDate, to: todayDate, timeZone: zone, scope: 'mine' });
      // Formatted as the Calls view formats durations (en-US, precise under an hour).
      const f = formatters('en-US', en['format.durationSeparator']);
      const before = await callsToday();
      await expect.poll(async () => Number((await statValue(page, 'Calls').textContent())!.replace(/\D/g, ''))).toBe(before.calls);

      const contact = `E2E caller ${Date.now()}`;
      const live = page.getByRole('region', { name: 'Call in progress' });
      await live.getByLabel('Contact').fill(contact);
      await live.getByRole('button', { name: 'Start call' }).click();
      await live.getByText(`On a call with ${contact}`).waitFor();
      await live.getByRole('button', { name: 'End call' }).click();
      await live.getByText(`After-call work: ${contact}`).waitFor();
      await live.getByRole('button', { name: 'Finish wrap-up and save notes' }).click();
      await live.getByText('No call in progress').waitFor();

      // The call is stored, answered and timed by the rep.
      const after = await callsToday();
      expect(after.calls).toBe(before.calls + 1);
      expect(after.answered).toBe(before.answered + 1);
      expect(after.ahtSeconds).not.toBeNull();
      const stored = (await call(api, 'calls.list', { from: todayDate, to: todayDate, timeZone: zone })).filter((c) => c.contact === contact);
      expect(stored).toHaveLength(1);
      const mine = stored[0]!;
      expect(mine).toMatchObject({ source: 'manual', answered: true });

      // The view lists it with its handle time, counts it, and shows the API's AHT as it formats durations.
      const row = page.locator('tr', { has: page.getByText(contact, { exact: true }) });
      await row.waitFor();
      expect(await row.getByText('timed by you').count()).toBe(1);
      expect(await row.getByTestId('call-handle').textContent()).toBe(f.duration((mine.talkMs + mine.holdMs + mine.wrapMs) / 1000, true));
      await expect.poll(async () => Number((await statValue(page, 'Calls').textContent())!.replace(/\D/g, ''))).toBe(after.calls);
      await expect.poll(() => statValue(page, 'Average handle time').textContent()).toBe(f.duration(after.ahtSeconds!, true));
      await context.close();
    });

    it('switches the views into Chinese', async () => {
      const { context, page } = await open();
      await show(page, 'settings');
      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
      expect(await page.getByRole('navigation').innerText()).toMatch(/今天\s+时间线\s+活动\s+通话\s+销售\s+工时表\s+设置/);
      await show(page, 'today');
      expect(await statValue(page, '工作').textContent()).toMatch(/^4小时\d+分钟$/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      // The choice survives a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '今天' }).waitFor();
      await context.close();
    });

    it('writes screenshots of every view in both languages, light and dark, wide and narrow', async () => {
      const written: string[] = [];
      for (const locale of ['en-US', 'zh-CN']) {
        for (const dark of [false, true]) {
          const { context, page } = await open({ locale, dark });
          for (const view of VIEWS) {
            await show(page, view);
            const file = path.join(SCREENSHOTS, `${locale}-${dark ? 'dark' : 'light'}-${view}.png`);
            await page.screenshot({ path: file, fullPage: true });
            written.push(file);
          }
          if (locale === 'en-US') {
            // The charts: Activity by hour, and Calls' AHT by day over the last week (imported calls on two days).
            const theme = dark ? 'dark' : 'light';
            await show(page, 'activity');
            await page.getByRole('button', { name: 'Hours' }).click();
            await page
              .getByRole('listitem', { name: /^\d+ (AM|PM): [^0]/ })
              .first()
              .waitFor({ state: 'attached' });
            await page.locator('.view-activity .chart canvas').waitFor();
            await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-${theme}-activity-hours.png`), fullPage: true });
            await show(page, 'calls');
            await page.getByRole('button', { name: 'Last 7 days' }).click();
            await page.locator('.view-calls .chart canvas').waitFor();
            // The imported log names two agents; calls timed in the views have none.
            await page.getByRole('table', { name: 'By agent' }).getByText('sam@acme.com').waitFor();
            await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-${theme}-calls-last7.png`), fullPage: true });
            written.push('activity-hours', 'calls-last7');
          }
          await context.close();
          const narrow = await open({ locale, dark, width: 420, height: 720 });
          for (const view of VIEWS) {
            await show(narrow.page, view);
            const file = path.join(SCREENSHOTS, `${locale}-${dark ? 'dark' : 'light'}-${view}-420px.png`);
            await narrow.page.screenshot({ path: file, fullPage: true });
            written.push(file);
            // Nothing scrolls sideways in the tray popover, and date inputs stay on screen.
            const overflow = await narrow.page.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              wide: [...document.querySelectorAll<HTMLElement>('main *')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length > 0)
                .slice(0, 3)
                .map((e) => `${e.tagName}.${e.className}`),
              dates: [...document.querySelectorAll<HTMLInputElement>('input[type="date"]')].map((e) => e.getBoundingClientRect().right <= window.innerWidth),
            }));
            expect({ view, ...overflow }).toEqual({ view, scroll: 420, wide: [], dates: overflow.dates.map(() => true) });
          }
          await narrow.context.close();
        }
      }
      expect(written).toHaveLength(2 * 2 * (VIEWS.length * 2) + 2 * 2);
      expect(problems).toEqual([]);
    }, 180_000);

    it('shows the idle threshold the recorder runs with, and rules in words', async () => {
      const { context, page } = await open();
      await show(page, 'settings');
      // stint track runs here with --idle-threshold 10.
      const recording = page.getByRole('region', { name: 'Recording' });
      await recording.getByText('10s without input, as the recorder runs now.', { exact: false }).waitFor();
      const form = page.getByRole('form', { name: 'Add a rule' });
      await form.getByLabel('Category').fill('Learning');
      await form.getByLabel('Title').fill('kickoff.*YouTube');
      await form.getByRole('button', { name: 'Add rule' }).click();
      await form.getByText('Rule added.').waitFor();
      // The rep's rule wins over the deeper built-in YouTube rule for the window it matches.
      const test = page.getByRole('form', { name: 'Test a window' });
      await test.getByLabel('App').fill('Google-chrome');
      await test.getByLabel('Window title').fill('Q3 kickoff recap - YouTube - Google Chrome');
      await test.getByRole('button', { name: 'Test' }).click();
      await test.getByText('Category: Learning').waitFor();
      await test.getByText('by the rule: title contains “kickoff” and “YouTube”').waitFor();
      await page.getByRole('table').getByText('title contains “kickoff” and “YouTube”').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'en-US-light-settings-rule-added.png'), fullPage: true });
      await context.close();
    });

    it('words a refused rule in Chinese in the zh-CN Settings, from the recorder’s code (screenshot)', async () => {
      const { context, page } = await open({ locale: 'zh-CN' });
      await show(page, 'settings');
      const form = page.getByRole('form', { name: '添加规则' });
      await form.getByLabel('类别').fill('学习');
      await form.getByLabel('标题').fill('kickoff (');
      const before = problems.length;
      await form.getByRole('button', { name: '添加规则' }).click();
      await form.getByText('标题模式 /kickoff (/ 无法使用：它不是有效的正则表达式（有未闭合的“(”）。').waitFor();
      // The recorder's English (what the CLI prints) is not shown.
      expect(await form.textContent()).not.toMatch(/cannot be added|Unterminated/);
      await form.screenshot({ path: path.join(SCREENSHOTS, 'zh-CN-light-settings-rule-refused.png') });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'zh-CN-light-settings-rule-refused-page.png'), fullPage: true });
      // The browser logs the refusal's 422 itself; nothing else went wrong.
      expect(problems.splice(before).filter((p) => !p.includes('status of 422'))).toEqual([]);
      await context.close();
    });

    it('downloads the week as CSV and prints it to PDF, in Chinese for a zh-CN reader', async () => {
      const { context, page } = await open({ locale: 'zh-CN' });
      await show(page, 'timesheet');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
      const csvPath = path.join(dir, 'week.csv');
      await download.saveAs(csvPath);
      const csv = readFileSync(csvPath, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('\uFEFF日期,上班,下班,工时（小时）,正常（小时）,加班（小时）,双倍（小时）,休息（小时）,手动（小时）');
      expect(csv).toContain(`${todayDate},`);
      // What "打印或存为 PDF" prints: the week without the sidebar and the forms.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.sidebar').isVisible()).toBe(false);
      expect(await page.getByText(/这一周的工时表$/).isVisible()).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'zh-CN-timesheet-print.png'), fullPage: true });
      const pdf = await page.pdf({ path: path.join(SCREENSHOTS, 'zh-CN-timesheet.pdf'), landscape: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await context.close();
    });

    it('imports a call log dropped on the Calls view after a preview of what it adds, with line-numbered errors', async () => {
      const { context, page } = await open();
      await show(page, 'calls');
      const card = page.getByRole('region', { name: 'Import a call log' });
      const log = (rows: string[]) => ({
        name: 'dialer.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(['id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact', ...rows].join('\n')),
      });
      await card
        .getByLabel('Choose a file to import')
        .setInputFiles(
          log([`e2e-1,${todayDate} 07:10,out,yes,120,0,30,jane@acme.com,Wonka`, `c1,${todayDate} 08:20,out,yes,312,0,95,jane@acme.com,Acme Corp`]),
        );
      await card.getByText('1 calls to add, 1 already here').waitFor();
      // Nothing written yet.
      expect(await page.getByText('Wonka', { exact: true }).count()).toBe(0);
      await card.getByRole('button', { name: 'Import', exact: true }).click();
      await card.getByText('Imported: 1 calls added, 1 already here.').waitFor();
      await page.getByText('Wonka', { exact: true }).first().waitFor();
      const before = problems.length;
      await card.getByLabel('Choose a file to import').setInputFiles(log(['e2e-2,not a date,out,yes,1,0,0,jane@acme.com,X']));
      await card.getByRole('alert').waitFor();
      // The refusal is a 422, which the browser logs; it is the answer expected here.
      expect(problems.splice(before).filter((p) => !p.includes('status of 422'))).toEqual([]);
      expect(await card.getByRole('alert').textContent()).toMatch(/Cannot import dialer\.csv: 1 problem; nothing was imported\.\s+line 2: /);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'en-US-light-calls-import.png'), fullPage: true });
      await context.close();
    });

    it('words an EU rest warning in Chinese in the zh-CN Timesheet (screenshot)', async () => {
      // Late work yesterday 18:00–23:30 leaves 8 h 30 min of rest before today's 08:00 start.
      const yesterday = new Date(Date.parse(`${todayDate}T00:00:00Z`) - 24 * H).toISOString().slice(0, 10);
      cli(['time', 'add', '--start', `${yesterday}T18:00`, '--end', `${yesterday}T23:30`, '--reason', 'Late demo', '--db', path.join(dir, 'stint.db')], {
        TZ: zone,
      });
      const { context, page } = await open({ locale: 'zh-CN' });
      await show(page, 'timesheet');
      const warning = page.getByRole('list', { name: '提醒' }).getByRole('listitem').filter({ hasText: '欧盟 11 小时休息' });
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/只休息了 8小时30分钟；欧盟规定每日至少连续休息 11小时（第 2003\/88\/EC 号指令第 3 条）。$/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'zh-CN-light-timesheet-warning.png'), fullPage: true });
      await context.close();
      expect(problems).toEqual([]);
    });
  },
  180_000,
);
