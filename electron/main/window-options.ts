import type { BrowserWindowConstructorOptions } from 'electron';
import { SECURITY_HEADERS } from '../../shared/api/security-headers';

/*
 * Every window's settings and the headers on every app:// response, in one place so the security test
 * checks exactly what the app uses (Electron's security checklist: context isolation, sandbox, no Node in
 * the page, web security on, a strict CSP).
 */

/** The main window's size; the tray popover is a fixed 420 px wide. */
export const MAIN_WINDOW_SIZE = { width: 1100, height: 760, minWidth: 720, minHeight: 480 } as const;
export const POPOVER_SIZE = { width: 420, height: 560 } as const;

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/preload.cjs). */
  preload: string;
  /** Developer tools: only in unpackaged builds. */
  devTools: boolean;
  /** The window icon (Linux and Windows). */
  icon?: string;
}

export type AppWindowKind = 'main' | 'popover';

/** The main window: shown once its page is ready; closing it leaves Stint in the tray. */
export const MAIN_WINDOW_FRAME: BrowserWindowConstructorOptions = {
  ...MAIN_WINDOW_SIZE,
  title: 'Stint',
  show: false,
  autoHideMenuBar: true,
  backgroundColor: '#ffffff',
};

/** The tray popover: frameless, fixed size, above other windows, hidden from the taskbar; hides on blur. */
export const POPOVER_FRAME: BrowserWindowConstructorOptions = {
  ...POPOVER_SIZE,
  title: 'Stint',
  show: false,
  frame: false,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  skipTaskbar: true,
  alwaysOnTop: true,
  backgroundColor: '#ffffff',
};

/** Electron's BrowserWindow class, or a stand-in that records the options it is given. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Makes one of the app's windows. Every window is made here, with its web preferences written out in the
 * `new BrowserWindow({...})` itself (where a reviewer, and electronegativity, can see them): the page is
 * a web page with one bridge (`window.stint`) and nothing else — context isolation, the sandbox, no Node
 * in the page or its workers and frames, web security on, no insecure content, no experimental or Blink
 * features, no <webview>, no navigation by drag and drop, no middle-click (Auxclick).
 */
export function createAppWindow<W>(BrowserWindow: WindowConstructor<W>, kind: AppWindowKind, input: WindowOptionsInput): W {
  return new BrowserWindow({
    ...(kind === 'main' ? MAIN_WINDOW_FRAME : POPOVER_FRAME),
    ...(input.icon === undefined ? {} : { icon: input.icon }),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  });
}

/**
 * A response's headers with the app's security headers put over whatever the response had (any casing of
 * the same header is replaced, so a page can never loosen the CSP).
 */
export function withSecurityHeaders(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((name) => name.toLowerCase()));
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!ours.has(name.toLowerCase())) out[name] = Array.isArray(value) ? value : [value];
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) out[name] = [value];
  return out;
}
