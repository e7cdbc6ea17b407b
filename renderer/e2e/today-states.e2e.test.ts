/*
 * Today's states in Chromium against a real `stint track` on a database that was never clocked in (issue 16):
 * the empty state, the big timer standing still while the rep is idle, and clocked out, each at 1280 and
 * 420 px in English and Chinese, with screenshots in test-results/screenshots/today-*.png.
 *
 * Node code that drives the browser, not browser code: it needs the file system, hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts processes and writes files */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Browser, Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../../test-support/chromium';
import { runCli } from '../../test-support/run-cli';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

const SCREENSHOTS = path.resolve('test-results/screenshots');
const ZONE = 'UTC';

describe.skipIf(skipWithoutXvfb() || skipWithoutChromium())(
  "Today's states in Chromium: never clocked in, idle, clocked out",
  () => {
    let x: XvfbSession;
    let dir: string;
    let db: string;
    let track: TrackProcess;
    let browser: Browser;
    let origin: string;
    let session: Cookie[] | null = null;
    const problems: string[] = [];

    const cli = (args: string[]) => {
      const r = runCli([...args, '--db', db], { TZ: ZONE });
      if (r.code !== 0) throw new Error(`stint ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'stint-today-e2e-'));
      db = path.join(dir, 'stint.db');
      x = await startXvfb();
      await x.openWindow({ netWmName: 'Q3 kickoff recap - YouTube - Google Chrome', wmClass: ['google-chrome', 'Google-chrome'] });
      track = new TrackProcess(['--db', db, '--port', '0', '--no-auto-session', '--idle-threshold', '10'], { ...x.env, TZ: ZONE });
      origin = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/signin\?code=/.exec(await track.waitForLine(/^Views at /))![1]!;
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
      await x?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function open(locale: string, width: number): Promise<{ page: Page; close: () => Promise<void> }> {
      const context = await browser.newContext({ locale, timezoneId: ZONE, viewport: { width, height: 800 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      if (session === null) {
        await page.goto(cli(['open', '--print']).trim());
        session = await context.cookies(origin);
      } else {
        await context.addCookies(session);
      }
      await page.goto(`${origin}/#/today`);
      await page.getByTestId('live-timer').waitFor();
      return { page, close: () => context.close() };
    }

    /** Today in both languages at both widths: `check` runs on each page before its screenshot. */
    async function everyWay(state: string, check: (page: Page, m: typeof en) => Promise<void>): Promise<void> {
      for (const [locale, m] of [
        ['en-US', en],
        ['zh-CN', zhCN],
      ] as const) {
        for (const width of [1280, 420]) {
          const { page, close } = await open(locale, width);
          await check(page, m);
          // Nothing scrolls sideways at 420 px.
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          await page.screenshot({ path: path.join(SCREENSHOTS, `today-${state}-${locale}-${width}px.png`), fullPage: true });
          await close();
        }
      }
    }

    it('never clocked in: records no window and shows an empty state, not "Active 8s, productivity 100%"', async () => {
      await x.simulateInput();
      await everyWay('never-clocked-in', async (page, m) => {
        await page.getByText(m['today.notClockedInTitle']).waitFor();
        expect(await page.getByTestId('recorder-state').textContent()).toBe(m['recorder.clockedOut']);
        expect(await page.locator('.stat').count()).toBe(0);
        expect(await page.getByTestId('live-timer').textContent()).toBe('0:00:00');
      });
      // The YouTube window was focused all along, and nothing of it was written.
      const day = new Date().toISOString().slice(0, 10);
      const report = JSON.parse(cli(['report', 'time-use', '--from', day, '--to', day, '--json'])) as { trackedSeconds: number; rows: unknown[] };
      expect(report.rows).toEqual([]);
    });

    it('idle in a session: the timer stops and says since when, with the stretch beside it', async () => {
      await x.simulateInput();
      cli(['session', 'start']);
      await x.simulateInput();
      // Ten seconds without input is idle (--idle-threshold 10).
      await track.waitForLine(/ idle +since /);
      const status = () => JSON.parse(cli(['status', '--json'])) as { idleSinceMs: number | null; today: { timerSeconds: number; workSeconds: number } };
      // The idle record reaches the database at the recorder's next flush.
      const first = await waitFor('the open idle stretch in the status', () => {
        const s = status();
        return s.idleSinceMs === null ? undefined : s;
      });
      const clock = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
      await everyWay('idle', async (page, m) => {
        const since = new RegExp(`^${m['session.idleSince'].replace('{time}', '\\d{1,2}:\\d\\d')}`);
        await page.locator('.live-timer-state', { hasText: since }).waitFor();
        await page.getByTestId('live-stretch').waitFor();
        expect(await page.getByTestId('recorder-state').textContent()).toBe(m['recorder.running']);
        // The timer stands at where the idle began, as the API says.
        await page.waitForFunction((text) => document.querySelector('[data-testid="live-timer"]')?.textContent === text, clock(first.today.timerSeconds));
      });
      // Still idle after four pages: the timer has not moved, while unanswered idle keeps counting in Work.
      const later = status();
      expect(later.idleSinceMs).toBe(first.idleSinceMs);
      expect(later.today.timerSeconds).toBe(first.today.timerSeconds);
      expect(later.today.workSeconds).toBeGreaterThan(first.today.workSeconds);
    });

    it('clocked out: the timer holds the day, and the sidebar says nothing is recorded', async () => {
      await x.simulateInput();
      cli(['session', 'stop']);
      await everyWay('clocked-out', async (page, m) => {
        await page.getByRole('button', { name: m['session.clockIn'] }).waitFor();
        expect(await page.getByTestId('recorder-state').textContent()).toBe(m['recorder.clockedOut']);
        expect(await page.getByTestId('live-timer').textContent()).toMatch(/^0:00:\d\d$/);
      });
      expect(problems).toEqual([]);
    });
  },
  180_000,
);
