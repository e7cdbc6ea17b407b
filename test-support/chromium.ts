/**
 * Real Chromium for browser tests: the Debian package's binary driven by playwright-core (never a browser
 * Playwright downloads). Without it, browser tests are skipped locally and fail under CI, like the X11 tests.
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { isCI } from './xvfb';

/** STINT_CHROMIUM overrides the path (another distribution's binary). */
export const CHROMIUM_PATH = process.env.STINT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Whether the Chromium binary is installed and executable (checked without starting it). */
export function chromiumAvailable(executable: string = CHROMIUM_PATH): boolean {
  try {
    accessSync(executable, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether browser tests should be skipped: only when Chromium is missing and this is not CI. Under CI the
 * tests run and launchChromium() throws, so a missing browser fails the run.
 * Usage: `describe.skipIf(skipWithoutChromium())('…', () => { beforeAll(async () => { browser = await launchChromium(); }) })`.
 */
export function skipWithoutChromium(env: NodeJS.ProcessEnv = process.env, available: boolean = chromiumAvailable()): boolean {
  return !available && !isCI(env);
}

/** Starts headless Chromium; close() the browser when done. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium).`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}
