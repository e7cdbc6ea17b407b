import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithout, skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { GetWindowsSource, windowInfoFromGetWindows } from './get-windows-source';

describe('windowInfoFromGetWindows', () => {
  const base = {
    id: 1,
    bounds: { x: 0, y: 0, width: 10, height: 10 },
    memoryUsage: 0,
  };

  it('maps owner.name to app and keeps the title', () => {
    expect(windowInfoFromGetWindows({ ...base, platform: 'linux', title: 'Deal "42"', owner: { name: 'Firefox', processId: 7, path: '' } })).toEqual({
      app: 'Firefox',
      title: 'Deal "42"',
    });
  });

  it('keeps the url of a macOS browser window', () => {
    expect(
      windowInfoFromGetWindows({
        ...base,
        platform: 'macos',
        title: 'Meet',
        url: 'https://meet.google.com/abc-defg-hij',
        owner: { name: 'Google Chrome', processId: 7, path: '', bundleId: 'com.google.Chrome' },
      }),
    ).toEqual({ app: 'Google Chrome', title: 'Meet', url: 'https://meet.google.com/abc-defg-hij' });
  });

  it('maps "no active window" to null', () => {
    expect(windowInfoFromGetWindows(undefined)).toBeNull();
  });
});

// get-windows runs xprop against process.env.DISPLAY: point it at a private server for this file.
describe.skipIf(skipWithoutXvfb() || process.platform !== 'linux')('GetWindowsSource under Xvfb (Linux baseline)', () => {
  let x: XvfbSession;
  let source: GetWindowsSource;
  const savedDisplay = process.env.DISPLAY;

  beforeAll(async () => {
    x = await startXvfb();
    process.env.DISPLAY = x.display;
    source = await GetWindowsSource.create();
  });

  afterAll(async () => {
    await source?.close();
    if (savedDisplay === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = savedDisplay;
    await x?.stop();
  });

  it('reads null while no window is active', async () => {
    expect(await source.read()).toBeNull();
  });

  it('reads the active window: WM_CLASS class as app, _NET_WM_NAME as title', async () => {
    // get-windows on Linux needs _NET_WM_PID.
    await x.openWindow({ netWmName: 'Café – 会议', wmClass: ['crm', 'Crm'], pid: process.pid });
    expect(await source.read()).toEqual({ app: 'Crm', title: 'Café – 会议' });
  });

  it.skipIf(skipWithout('xterm'))('reads a real client: xterm', async () => {
    const term = await x.openXterm('baseline');
    expect(await source.read()).toEqual({ app: 'XTerm', title: 'baseline' });
    await x.destroyWindow(term);
  });
});
