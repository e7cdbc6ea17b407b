import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import type { IdleSource } from './idle-source';
import { NeverIdleSource, openPlatformSources } from './platform-sources';

class CountingIdle implements IdleSource {
  closed = 0;
  async idleMs(): Promise<number> {
    return 1234;
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
}

describe('openPlatformSources', () => {
  it('on Linux without DISPLAY, says so', async () => {
    await expect(openPlatformSources({ platform: 'linux', env: {} })).rejects.toThrow(
      /Cannot connect to the X server .*is DISPLAY set and X running\?.*DISPLAY is not set/,
    );
  });

  it('elsewhere uses get-windows, with an idle source that never reports idle unless one is given', async () => {
    const plain = await openPlatformSources({ platform: 'darwin', env: {} });
    expect(plain.kind).toBe('get-windows');
    expect(plain.idleSupported).toBe(false);
    expect(plain.idle).toBeInstanceOf(NeverIdleSource);
    expect(await plain.idle.idleMs()).toBe(0);
    await plain.close();

    const injected = new CountingIdle();
    const withIdle = await openPlatformSources({ platform: 'win32', env: {}, idle: injected });
    expect(withIdle.idleSupported).toBe(true);
    expect(await withIdle.idle.idleMs()).toBe(1234);
    await withIdle.close();
    expect(injected.closed).toBe(1);
  });
});

describe.skipIf(skipWithoutXvfb())('openPlatformSources on Linux with an X display', () => {
  let x: XvfbSession;

  beforeAll(async () => {
    x = await startXvfb();
  });

  afterAll(async () => {
    await x?.stop();
  });

  it('serves window and idle from X11', async () => {
    const sources = await openPlatformSources({ platform: 'linux', env: { DISPLAY: x.display } });
    try {
      expect(sources.kind).toBe('x11');
      expect(sources.idleSupported).toBe(true);
      await x.openWindow({ netWmName: 'Dialer — call 3 of 40', wmClass: ['dialer', 'Dialer'] });
      expect(await sources.activeWindow.read()).toEqual({ app: 'Dialer', title: 'Dialer — call 3 of 40' });
      expect(await sources.idle.idleMs()).toBeGreaterThanOrEqual(0);
    } finally {
      await sources.close();
    }
  });

  it('prefers an injected idle source and still closes the X connection', async () => {
    const injected = new CountingIdle();
    const sources = await openPlatformSources({ platform: 'linux', env: { DISPLAY: x.display }, idle: injected });
    expect(await sources.idle.idleMs()).toBe(1234);
    await sources.close();
    expect(injected.closed).toBe(1);
    await expect(sources.activeWindow.read()).rejects.toThrow(/closed/);
  });
});
