/*
 * Issue 16 end to end: a real `stint track` under a private Xvfb, seeded through the CLI with the rep's
 * identity, a call timed here with notes, a call log naming the rep and a colleague, and an opportunity
 * report with two owners and two currencies. A Zoom window is a meeting in progress on the Calls view,
 * then a detected call to review on Today and Calls. Screenshots of Today, Calls and Sales at 1280 and
 * 420 px in English and Simplified Chinese go to test-results/screenshots/issue16-*.png.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts processes and writes files */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../../test-support/chromium';
import { runCli } from '../../test-support/run-cli';
import { TrackProcess } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';
import { afternoonZone } from '../../test-support/afternoon-zone';

const SCREENSHOTS = path.resolve('test-results/screenshots');
// Early afternoon there: the calls of the last hours are today's whatever the hour in UTC.
const { zone: ZONE, offsetH: ZONE_OFFSET_H } = afternoonZone(Date.now());

function cli(args: string[]): string {
  const result = runCli(args, { TZ: ZONE });
  if (result.code !== 0) throw new Error(`stint ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(skipWithoutXvfb() || skipWithoutChromium())(
  'calls and sales for the rep, in Chromium against stint track',
  () => {
    let x: XvfbSession;
    let dir: string;
    let db: string;
    let track: TrackProcess;
    let browser: Browser;
    let origin: string;
    let cookies: Awaited<ReturnType<import('playwright-core').BrowserContext['cookies']>> | null = null;
    const problems: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'stint-issue16-'));
      db = path.join(dir, 'stint.db');
      const now = new Date();
      // Wall time in ZONE, as the CLI reads a time without a zone.
      const wall = (ms: number) => new Date(ms + ZONE_OFFSET_H * 3_600_000).toISOString();
      const today = wall(now.getTime()).slice(0, 10);
      const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      cli(['settings', '--agent-name', 'Jane Doe', '--agent-email', 'jane@acme.com', '--currency', 'EUR', '--db', db]);
      cli([
        'time',
        'add',
        '--start',
        wall(now.getTime() - 180 * 60_000).slice(0, 16),
        '--end',
        wall(now.getTime() - 5 * 60_000).slice(0, 16),
        '--reason',
        'Morning calls',
        '--db',
        db,
      ]);
      cli(['calls', 'start', '--contact', '+1 415 555 0101', '--db', db]);
      cli(['calls', 'end', '--db', db]);
      cli(['calls', 'wrap', '--notes', 'Wants a quote for 40 seats; follow up Friday.', '--db', db]);
      const log = path.join(dir, 'calls.csv');
      writeFileSync(
        log,
        [
          'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
          // The call timed above, as the dialer logged it: one row.
          `j0,${minutesAgo(0)},out,yes,1,0,0,jane@acme.com,(415) 555-0101`,
          `j1,${minutesAgo(120)},out,yes,312,0,95,jane@acme.com,Acme Corp`,
          `j2,${minutesAgo(90)},in,yes,185,20,45,Jane Doe,Initech`,
          `s1,${minutesAgo(60)},in,yes,540,60,120,sam@acme.com,Globex`,
        ].join('\n'),
      );
      cli(['import', 'calls', log, '--format', 'generic', '--db', db]);
      const q = (values: string[]) => values.map((v) => `"${v}"`).join(',');
      const [y, m, d] = today.split('-').map(Number);
      const sf = `${m}/${d}/${y}`;
      const opps = path.join(dir, 'opps.csv');
      writeFileSync(
        opps,
        [
          q(['Opportunity Owner', 'Opportunity Name', 'Opportunity ID', 'Stage', 'Amount Currency', 'Amount', 'Created Date', 'Close Date']),
          q(['Jane Doe', 'Acme - 500 seats', '006A', 'Closed Won', 'USD', '125000', '1/5/2026', sf]),
          q(['Jane Doe', 'Siemens - pilot', '006B', 'Closed Won', 'EUR', '18500', '1/5/2026', sf]),
          q(['Sam Lee', 'Globex - renewal', '006C', 'Closed Won', 'USD', '40000', '1/5/2026', sf]),
          q(['Sam Lee', 'Hooli - platform', '006D', 'Closed Lost', 'USD', '9900', '1/5/2026', sf]),
        ].join('\r\n'),
      );
      cli(['import', 'salesforce-opportunities', opps, '--db', db]);

      x = await startXvfb();
      await x.openWindow({ netWmName: 'Pipeline review - Salesforce - Google Chrome', wmClass: ['google-chrome', 'Google-chrome'] });
      track = new TrackProcess(['--db', db, '--port', '0', '--no-auto-session'], { ...x.env, TZ: ZONE });
      const line = await track.waitForLine(/^Views at /);
      origin = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/signin\?code=/.exec(line)![1]!;
      await track.waitForLine(/started recording/);
      // Windows, and call windows, are recorded only inside a work session.
      cli(['session', 'start', '--db', db]);
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

    async function open(locale: string, width: number): Promise<Page> {
      const context = await browser.newContext({ locale, timezoneId: ZONE, viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      if (cookies === null) {
        await page.goto(cli(['open', '--print', '--db', db]).trim());
        cookies = await context.cookies(origin);
      } else {
        await context.addCookies(cookies);
      }
      await page.goto(`${origin}/#/today`);
      await page.getByTestId('live-timer').waitFor();
      return page;
    }

    async function show(page: Page, view: string): Promise<void> {
      await page.evaluate((v) => (window.location.hash = `#/${v}`), view);
      await page.locator(`.view-${view}`).waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading…') && !document.body.innerText.includes('加载中…'));
    }

    it('shows a meeting in progress, then the detected call to review, one row per call, and money per owner', async () => {
      const page = await open('en-US', 1280);
      // A Zoom meeting opens: a call in progress on the Calls view.
      const zoom = await x.openWindow({ netWmName: 'Zoom Meeting', wmClass: ['zoom', 'zoom'] });
      await track.waitForLine(/call +.*detected/);
      await show(page, 'calls');
      await page.getByText(/Meeting in progress/).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'issue16-en-calls-meeting-1280.png'), fullPage: true });
      // It ends: saved to review, counted nowhere until confirmed.
      await x.destroyWindow(zoom);
      await track.waitForLine(/call +.* ended after/);
      await show(page, 'today');
      await page.getByTestId('today-to-review').waitFor();
      expect(await page.getByTestId('today-to-review').innerText()).toBe('Detected calls to review: 1');
      // The rep's own calls only: the call timed here (its log twin counted once) and two of theirs in the log.
      const answered = page.locator('.today-calls .stat', { hasText: 'Answered' }).locator('.stat-value');
      expect(await answered.innerText()).toBe('3');
      await show(page, 'calls');
      const rows = page.locator('.view-calls table:not([aria-label]) tbody tr');
      // Timed here (with its twin), two of Jane's, Sam's, and the Zoom meeting to review.
      expect(await rows.count()).toBe(5);
      await page.getByText('Wants a quote for 40 seats; follow up Friday.').waitFor();
      await page.getByText('also in the generic log').waitFor();
      await show(page, 'sales');
      const owners = page.getByRole('table', { name: 'By owner' });
      await owners.waitFor();
      expect(await owners.locator('tbody tr').first().innerText()).toContain('Jane Doe (you)');
      expect(await owners.locator('tbody tr').first().innerText()).toMatch(/€18,500 · \$125,000|\$125,000 · €18,500/);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('words a refused CRM report in Chinese, each problem with its line (screenshot)', async () => {
      const page = await open('zh-CN', 420);
      await show(page, 'sales');
      const card = page.getByRole('region', { name: '导入 CRM 报表' });
      const report = [
        '"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date"',
        '"Jane Doe","Acme","006X","Prospecting","lots","13/45/2026",""',
      ];
      await card.getByLabel('选择要导入的文件').setInputFiles({ name: 'opps.csv', mimeType: 'text/csv', buffer: Buffer.from(report.join('\r\n')) });
      const alert = card.getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('p').innerText()).toBe('无法导入 opps.csv：有 2 个问题，未导入任何内容。');
      const rows = await alert.locator('li').allInnerTexts();
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatch(/^第 2 行：/);
      // The column and the cell as the file has them; every other word is Chinese.
      for (const row of rows) expect(row.replace(/Created Date|Amount|13\/45\/2026|lots|MM\/dd\/yyyy|\d+[/,.]\d+[/,.]\d+|AM/g, '')).not.toMatch(/[A-Za-z]{3,}/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'issue16-zh-CN-sales-import-refused-420.png'), fullPage: true });
      await page.context().close();
    });

    it('writes screenshots of Today, Calls and Sales at 1280 and 420 px in English and Chinese', async () => {
      for (const locale of ['en-US', 'zh-CN']) {
        for (const width of [1280, 420]) {
          const page = await open(locale, width);
          for (const view of ['today', 'calls', 'sales']) {
            await show(page, view);
            await page.screenshot({ path: path.join(SCREENSHOTS, `issue16-${locale}-${view}-${width}.png`), fullPage: true });
            // Nothing scrolls sideways at 420 px.
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${locale} ${view} ${width}`).toBeLessThanOrEqual(0);
            // Every figure on a card is shown whole: amounts in two currencies wrap, nothing is cut off; in the 420-px lists, no text either.
            const cut = await page.evaluate(() =>
              [...document.querySelectorAll<HTMLElement>(window.innerWidth <= 720 ? 'main .stat-value, main .cell-text' : 'main .stat-value')]
                .filter((e) => e.scrollWidth > e.clientWidth)
                .map((e) => e.innerText),
            );
            expect(cut, `${locale} ${view} ${width}`).toEqual([]);
            if (view === 'sales') {
              const won = page.locator('.stat', { has: page.locator('.stat-label', { hasText: locale === 'en-US' ? /^Won amount$/ : /^赢单金额$/ }) });
              expect(await won.locator('.stat-value').innerText()).toMatch(/€18,500\s·\s(US)?\$165,000|(US)?\$165,000\s·\s€18,500/);
            }
          }
          await page.context().close();
        }
      }
      expect(problems).toEqual([]);
    });
  },
  240_000,
);
