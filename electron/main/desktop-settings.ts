import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CLOCK_OUT_RULE, parseTimeOfDay, type ClockOutRule } from './clock-out-rule';
import { DEFAULT_CALL_SHORTCUTS, type CallShortcuts } from './shortcuts';

/*
 * The desktop app's own settings (not the recorder's): start at login, the call shortcuts, the idle prompt
 * and the forgotten clock-out reminder. Kept as JSON beside the database, so the tray app and the CLI share
 * one data folder (electron/recorder/store/data-path.ts). A value that does not fit falls back to its
 * default on its own, without resetting the rest.
 */

export const SETTINGS_FILE = 'desktop-settings.json';

export interface DesktopSettings {
  /** Start Stint (in the tray, without a window) when the rep logs in. On by default. */
  openAtLogin: boolean;
  shortcuts: CallShortcuts;
  /** Ask what idle time was when the rep comes back. */
  idlePrompt: boolean;
  clockOutReminder: { enabled: boolean; usualEnd: string; graceMinutes: number; minOpenMinutes: number; snoozeMinutes: number };
}

const pad = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  openAtLogin: true,
  shortcuts: { ...DEFAULT_CALL_SHORTCUTS },
  idlePrompt: true,
  clockOutReminder: {
    enabled: true,
    usualEnd: pad(DEFAULT_CLOCK_OUT_RULE.usualEndMinutes),
    graceMinutes: DEFAULT_CLOCK_OUT_RULE.graceMinutes,
    minOpenMinutes: DEFAULT_CLOCK_OUT_RULE.minOpenMinutes,
    snoozeMinutes: DEFAULT_CLOCK_OUT_RULE.snoozeMinutes,
  },
};

const D = DEFAULT_DESKTOP_SETTINGS;
const minutes = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).catch(fallback);

const schema = z.object({
  openAtLogin: z.boolean().catch(D.openAtLogin),
  shortcuts: z
    .object({
      callStart: z.string().max(100).catch(D.shortcuts.callStart),
      callEnd: z.string().max(100).catch(D.shortcuts.callEnd),
    })
    .catch({ ...D.shortcuts }),
  idlePrompt: z.boolean().catch(D.idlePrompt),
  clockOutReminder: z
    .object({
      enabled: z.boolean().catch(D.clockOutReminder.enabled),
      usualEnd: z
        .string()
        .refine((value) => parseTimeOfDay(value) !== null)
        .catch(D.clockOutReminder.usualEnd),
      graceMinutes: minutes(0, 12 * 60, D.clockOutReminder.graceMinutes),
      minOpenMinutes: minutes(0, 12 * 60, D.clockOutReminder.minOpenMinutes),
      snoozeMinutes: minutes(5, 24 * 60, D.clockOutReminder.snoozeMinutes),
    })
    .catch({ ...D.clockOutReminder }),
});

/** Settings from parsed JSON: every missing or unfitting value takes its default. */
export function parseDesktopSettings(raw: unknown): DesktopSettings {
  const object = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const section = (name: 'shortcuts' | 'clockOutReminder') => {
    const value = object[name];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  };
  // Missing keys are filled from the defaults before parsing, so `.catch` only has to deal with wrong values.
  return schema.parse({
    ...D,
    ...object,
    shortcuts: { ...D.shortcuts, ...section('shortcuts') },
    clockOutReminder: { ...D.clockOutReminder, ...section('clockOutReminder') },
  });
}

/** The reminder rule the settings describe, or null when the reminder is off. */
export function clockOutRuleOf(settings: DesktopSettings): ClockOutRule | null {
  const r = settings.clockOutReminder;
  if (!r.enabled) return null;
  return {
    usualEndMinutes: parseTimeOfDay(r.usualEnd) ?? DEFAULT_CLOCK_OUT_RULE.usualEndMinutes,
    graceMinutes: r.graceMinutes,
    minOpenMinutes: r.minOpenMinutes,
    snoozeMinutes: r.snoozeMinutes,
  };
}

/** The file calls settings need (node:fs/promises in the app). */
export interface SettingsFiles {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
}

/** The settings file of the data folder the database is in. */
export function settingsPath(dbPath: string): string {
  return path.join(path.dirname(dbPath), SETTINGS_FILE);
}

/**
 * Reads the settings. A missing file gives the defaults and is written out (so the rep can find and edit
 * it); a file that is not JSON gives the defaults and is left alone, with `problem` saying why.
 */
export async function loadDesktopSettings(file: string, fs: SettingsFiles): Promise<{ settings: DesktopSettings; problem: string | null }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return { settings: structuredClone(D), problem: `Cannot read ${file}: ${(error as Error).message}` };
    const settings = structuredClone(D);
    const problem = await saveDesktopSettings(file, settings, fs).then(
      () => null,
      (e: unknown) => `Cannot write ${file}: ${(e as Error).message}`,
    );
    return { settings, problem };
  }
  try {
    return { settings: parseDesktopSettings(JSON.parse(text)), problem: null };
  } catch (error) {
    return { settings: structuredClone(D), problem: `${file} is not valid JSON (${(error as Error).message}); using the defaults.` };
  }
}

/** Writes the settings whole (a temporary file renamed over the old one, so a crash never leaves half a file). */
export async function saveDesktopSettings(file: string, settings: DesktopSettings, fs: SettingsFiles): Promise<void> {
  // This user's alone, like the database beside it (0700 folder, 0600 file), whatever the umask.
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  await fs.rename(temporary, file);
}
