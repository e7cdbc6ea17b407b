import { afterEach, describe, expect, it } from 'vitest';
import { isCI, skipWithoutXvfb, startXvfb } from './xvfb';

describe('when Xvfb is missing', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('X11 tests skip locally but run (and fail) under CI', () => {
    expect(skipWithoutXvfb({}, false)).toBe(true);
    expect(skipWithoutXvfb({ CI: 'true' }, false)).toBe(false);
    expect(skipWithoutXvfb({ CI: 'false' }, false)).toBe(true);
    expect(skipWithoutXvfb({}, true)).toBe(false);
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({ CI: '' })).toBe(false);
  });

  it('startXvfb throws naming the missing tools instead of starting anything', async () => {
    process.env.PATH = '/nonexistent-stint-test-path';
    await expect(startXvfb()).rejects.toThrow(/missing: Xvfb, openbox, xdotool/);
    await expect(startXvfb({ windowManager: false })).rejects.toThrow(/missing: Xvfb$|missing: Xvfb \(/);
  });
});
