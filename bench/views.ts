import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test-support/chromium';
import { TrackProcess } from '../test-support/track-process';
import { startXvfb } from '../test-support/xvfb';
import { fmt, line } from './measure';
import { denseYearStore } from './reports';

const LIVE_SECONDS = 10;

/** Gzipped size of the built views: every JS and CSS file Vite wrote. */
function bundleSizes(): { js: number; css: number } {
  const dir = 'dist/renderer/assets';
  let js = 0;
  let css = 0;
  for (const name of readdirSync(dir)) {
    const size = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
    if (name.endsWith('.js')) js += size;
    if (name.endsWith('.css')) css += size;
  }
  return { js, css };
}

/**
 * The Today view against `stint track` holding the dense year: time until its totals and productivity
 * are on screen, and the main-thread script time each live status update costs (Chromium's own
 * ScriptDuration metric over a run of updates).
 */
export async function benchViews(): Promise<void> {
  const { js, css } = bundleSizes();
  line('views bundle, gzipped', `${fmt((js + css) / 1024, 1)} KB`, `JS ${fmt(js / 1024, 1)} KB + CSS ${fmt(css / 1024, 1)} KB; target ≤ 300 KB`);

  const source = denseYearStore();
  const dbFile = source.db.name;
  source.close();
  const x = await startXvfb();
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-views-'));
  const db = join(dir, 'stint.db');
  copyFileSync(dbFile, db);
  const track = new TrackProcess(['--db', db, '--port', '0'], x.env);
  const browser = await launchChromium();
  try {
    const signIn = /Views at (\S+)/.exec(await track.waitForLine(/Views at /))![1]!;
    const url = `${new URL(signIn).origin}/`;
    // One browser, signed in once with the link `stint track` printed; each page is a fresh navigation in it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await (await context.newPage()).goto(signIn);
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      await page.goto(url);
      // Totals are shown once the live status arrives; productivity reads "…" until the report does.
      await page.waitForSelector('.stats');
      await page.locator('.stats >> text="…"').waitFor({ state: 'detached' });
      paints.push((await page.evaluate('performance.now()')) as number);
      await page.close();
    }
    paints.sort((a, b) => a - b);
    line('Today: navigation to totals on screen (median of 5)', `${fmt(paints[2]!, 0)} ms`, `target ≤ 500 ms (${fmt(500 / paints[2]!, 1)}× headroom)`);

    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid="live-timer"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const script = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return metrics.find((m) => m.name === 'ScriptDuration')!.value;
    };
    const before = await script();
    const t0 = Date.now();
    await page.waitForTimeout(LIVE_SECONDS * 1000);
    const updates = Math.round((Date.now() - t0) / 1000);
    const perUpdate = ((await script()) - before) / updates;
    line(
      `Today: script time per live update (${updates} updates)`,
      `${fmt(perUpdate * 1000, 2)} ms`,
      `target ≤ 5 ms (${fmt(5 / (perUpdate * 1000), 1)}× headroom)`,
    );
  } finally {
    await browser.close();
    track.kill('SIGINT');
    await track.exited;
    await x.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
