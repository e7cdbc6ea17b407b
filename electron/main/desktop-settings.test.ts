import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDbPath } from '../recorder/store/data-path';
import { clockOutRuleOf, DEFAULT_DESKTOP_SETTINGS, loadDesktopSettings, parseDesktopSettings, saveDesktopSettings, settingsPath } from './desktop-settings';

const fs = { readFile, writeFile, rename, mkdir };

describe('parseDesktopSettings', () => {
  it('starts at login by default, with the default call shortcuts and reminders', () => {
    const settings = parseDesktopSettings({});
    expect(settings).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(settings.openAtLogin).toBe(true);
    expect(settings.shortcuts).toEqual({ callStart: 'CommandOrControl+Alt+C', callEnd: 'CommandOrControl+Alt+E' });
    expect(clockOutRuleOf(settings)).toEqual({ usualEndMinutes: 1080, graceMinutes: 120, minOpenMinutes: 60, snoozeMinutes: 120 });
  });

  it('keeps what is set and fills in the rest', () => {
    const settings = parseDesktopSettings({ openAtLogin: false, shortcuts: { callEnd: 'Alt+F10' }, clockOutReminder: { usualEnd: '17:30' } });
    expect(settings.openAtLogin).toBe(false);
    expect(settings.shortcuts).toEqual({ callStart: 'CommandOrControl+Alt+C', callEnd: 'Alt+F10' });
    expect(clockOutRuleOf(settings)?.usualEndMinutes).toBe(17 * 60 + 30);
  });

  it('falls back value by value when one does not fit, without resetting the others', () => {
    const settings = parseDesktopSettings({
      openAtLogin: 'yes',
      idlePrompt: false,
      shortcuts: { callStart: 42, callEnd: 'Alt+F10' },
      clockOutReminder: { usualEnd: '25:00', graceMinutes: -5, snoozeMinutes: 1, minOpenMinutes: 30.5, enabled: true },
    });
    expect(settings.openAtLogin).toBe(true);
    expect(settings.idlePrompt).toBe(false);
    expect(settings.shortcuts).toEqual({ callStart: 'CommandOrControl+Alt+C', callEnd: 'Alt+F10' });
    expect(settings.clockOutReminder).toEqual(DEFAULT_DESKTOP_SETTINGS.clockOutReminder);
    expect(parseDesktopSettings([1, 2])).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(parseDesktopSettings({ shortcuts: 'none' }).shortcuts).toEqual(DEFAULT_DESKTOP_SETTINGS.shortcuts);
  });

  it('turns the reminder off', () => {
    expect(clockOutRuleOf(parseDesktopSettings({ clockOutReminder: { enabled: false } }))).toBeNull();
  });
});

describe('the settings file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives beside the database, in the data folder the CLI uses', () => {
    const env = { HOME: '/home/rep' };
    expect(settingsPath(resolveDbPath(undefined, env))).toBe(path.join(defaultDataDir(env, process.platform), 'desktop-settings.json'));
    expect(settingsPath('/data/custom/stint.db')).toBe(path.join('/data/custom', 'desktop-settings.json'));
  });

  it('is written with the defaults when missing, so the rep can find it', async () => {
    const file = path.join(dir, 'nested', 'desktop-settings.json');
    expect(await loadDesktopSettings(file, fs)).toEqual({ settings: DEFAULT_DESKTOP_SETTINGS, problem: null });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_DESKTOP_SETTINGS);
  });

  it.skipIf(process.platform === 'win32')('is this user’s alone, whatever the umask', async () => {
    const umask = process.umask(0o022);
    try {
      const file = path.join(dir, 'nested', 'desktop-settings.json');
      await loadDesktopSettings(file, fs);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(umask);
    }
  });

  it('is read back as saved', async () => {
    const file = path.join(dir, 'desktop-settings.json');
    const settings = { ...DEFAULT_DESKTOP_SETTINGS, openAtLogin: false, shortcuts: { callStart: 'Alt+F9', callEnd: '' } };
    await saveDesktopSettings(file, settings, fs);
    expect((await loadDesktopSettings(file, fs)).settings).toEqual(settings);
  });

  it('gives the defaults and says why when it is not JSON, leaving the file alone', async () => {
    const file = path.join(dir, 'desktop-settings.json');
    writeFileSync(file, '{ "openAtLogin": false,');
    const loaded = await loadDesktopSettings(file, fs);
    expect(loaded.settings).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(loaded.problem).toMatch(/is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ "openAtLogin": false,');
  });
});
