import type { App, Settings } from 'electron';
import path from 'node:path';

/*
 * Start at login, on by default. macOS and Windows through app.setLoginItemSettings; Linux, where Electron
 * has no login items, through an XDG autostart entry (~/.config/autostart/stint.desktop). Started at login
 * the app comes up in the tray only, without a window.
 */

/** The argument a login start passes, so the app knows to stay in the tray. */
export const HIDDEN_ARG = '--hidden';

/** app.setLoginItemSettings for macOS and Windows (where `args` are passed to the executable). */
export function loginItemSettings(openAtLogin: boolean): Settings {
  return { openAtLogin, args: openAtLogin ? [HIDDEN_ARG] : [] };
}

/** Whether this start came from the login item: then no window is opened. */
export function startedHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARG);
}

/** Where the autostart entry goes: $XDG_CONFIG_HOME/autostart, by default ~/.config/autostart. */
export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, 'autostart', 'stint.desktop');
}

/**
 * Quotes one argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"): inside
 * double quotes, `"`, `` ` ``, `$` and `\` are escaped with a backslash; then, as for every string value,
 * each backslash is doubled; `%` is written `%%` (field codes).
 */
export function quoteExecArgument(argument: string): string {
  const needsQuotes = /[\s"'\\><~|&;$*?#()`]/.test(argument) || argument === '';
  const quoted = needsQuotes ? `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : argument;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The autostart entry that starts `exec` (the AppImage, or the installed binary) in the tray. */
export function autostartDesktopEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Stint',
    'Comment=Time tracking for sales teams',
    `Exec=${quoteExecArgument(exec)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface AutostartFiles {
  writeFile(file: string, data: string, encoding: 'utf8'): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  rm(file: string, options: { force: true }): Promise<void>;
}

/** Writes or removes the Linux autostart entry. */
export async function applyLinuxAutostart(options: { enabled: boolean; file: string; exec: string; fs: AutostartFiles }): Promise<void> {
  if (!options.enabled) {
    await options.fs.rm(options.file, { force: true });
    return;
  }
  await options.fs.mkdir(path.dirname(options.file), { recursive: true });
  await options.fs.writeFile(options.file, autostartDesktopEntry(options.exec), 'utf8');
}

export interface StartAtLoginOptions {
  enabled: boolean;
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  /** Linux: the executable to start ($APPIMAGE for an AppImage, else process.execPath) and where the entry goes. */
  linux: { exec: string; file: string; fs: AutostartFiles };
}

/** Applies the start-at-login setting the way this platform does it. */
export async function applyStartAtLogin(options: StartAtLoginOptions): Promise<void> {
  if (options.platform === 'linux') {
    await applyLinuxAutostart({ enabled: options.enabled, ...options.linux });
    return;
  }
  options.app.setLoginItemSettings(loginItemSettings(options.enabled));
}
