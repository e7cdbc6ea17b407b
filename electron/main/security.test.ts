/*
 * The security settings the app really uses (Electron's security checklist), asserted one by one: the
 * window options and CSP from window-options.ts, the app:// scheme's privileges, the navigation, window,
 * permission and request guards, how main.ts wires them, and the preload bundle that is shipped.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { hardenSession, hardenWebContents, isAllowedRequestUrl } from './navigation-guards';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../shared/api/security-headers';
import { createAppWindow, POPOVER_SIZE, withSecurityHeaders } from './window-options';

const input = { preload: '/opt/stint/dist/preload.cjs', devTools: false, icon: '/opt/stint/dist/icons/window.png' };
const source = (file: string) => readFileSync(path.join(__dirname, file), 'utf8');

/** BrowserWindow as far as the app uses its constructor: records the options each window is made with. */
class RecordingWindow {
  static made: BrowserWindowConstructorOptions[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    RecordingWindow.made.push(options);
  }
}

describe('the windows the app makes', () => {
  const main = createAppWindow(RecordingWindow, 'main', input).options;
  const popover = createAppWindow(RecordingWindow, 'popover', input).options;
  const prefs = main.webPreferences!;

  it('isolate the page from the preload and from Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and everything risky off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('load the bundled preload and give dev tools only to unpackaged builds', () => {
    expect(prefs.preload).toBe(input.preload);
    expect(prefs.devTools).toBe(false);
    expect(createAppWindow(RecordingWindow, 'main', { ...input, devTools: true }).options.webPreferences!.devTools).toBe(true);
  });

  it('are the same for the popover', () => {
    expect(popover.webPreferences).toEqual(prefs);
  });

  it('give the popover its 420 px and no frame, and show the main window only when its page is ready', () => {
    expect(POPOVER_SIZE.width).toBe(420);
    expect(popover).toMatchObject({ width: 420, frame: false, skipTaskbar: true, resizable: false });
    expect(main).toMatchObject({ show: false, icon: input.icon });
    expect(RecordingWindow.made.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('is the strict policy, directive by directive', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('allows no eval, no inline script and no other host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:|ws:/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('is the same headers object the local HTTP server sends to a browser', () => {
    // Both import shared/api/security-headers.ts; the HTTP side is checked on the wire in local-server-security.test.ts.
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('goes on every response, replacing whatever the response said in any casing', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    const headers = withSecurityHeaders({ 'content-security-policy': ['default-src *'], 'CONTENT-SECURITY-POLICY': 'script-src *', 'x-other': 'kept' });
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['x-other']).toEqual(['kept']);
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('the app:// scheme', () => {
  it('is a standard, secure origin that never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false, corsEnabled: false });
  });
});

/** A web contents that records its listeners, as Electron's would hold them. */
function fakeContents() {
  const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
  let openHandler: (() => { action: string }) | null = null;
  const contents = {
    on(name: string, listener: (event: { url?: string; preventDefault(): void }) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: () => { action: string }) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url?: string) => {
    let prevented = false;
    listeners.get(name)!({ ...(url === undefined ? {} : { url }), preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, listeners, fire, open: () => openHandler!() };
}

describe('web contents guards', () => {
  it('refuse navigation away from app://stint, in the page, in frames and by redirect', () => {
    const c = fakeContents();
    hardenWebContents(c.contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(c.fire(event, 'https://evil.example/login'), event).toBe(true);
      expect(c.fire(event, 'file:///etc/passwd'), event).toBe(true);
      expect(c.fire(event, 'app://other/'), event).toBe(true);
      expect(c.fire(event, 'app://stint/timesheet'), event).toBe(false);
    }
  });

  it('refuse <webview> and deny every new window', () => {
    const c = fakeContents();
    hardenWebContents(c.contents);
    expect(c.fire('will-attach-webview')).toBe(true);
    expect(c.open()).toEqual({ action: 'deny' });
  });
});

describe('session guards', () => {
  function fakeSession() {
    const recorded: {
      permission?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
      check?: (contents: unknown, permission: string, requestingOrigin: string) => boolean;
      beforeRequest?: { filter: { urls: string[] }; listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void };
      headers?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof recorded.permission) => (recorded.permission = handler),
      setPermissionCheckHandler: (handler: typeof recorded.check) => (recorded.check = handler),
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<typeof recorded.beforeRequest>['listener']) =>
          (recorded.beforeRequest = { filter, listener }),
        onHeadersReceived: (listener: typeof recorded.headers) => (recorded.headers = listener),
      },
    };
    return { session: session as unknown as Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>, recorded };
  }

  it('refuse every permission request and check but the clipboard write, and that only to the app’s pages', () => {
    const s = fakeSession();
    hardenSession(s.session);
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      s.recorded.permission!({}, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture', 'fileSystem', 'unknown']) {
      expect(request(permission, 'app://stint/'), permission).toBe(false);
      expect(s.recorded.check!({}, permission, 'app://stint'), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', 'app://stint/timesheet')).toBe(true);
    expect(s.recorded.check!({}, 'clipboard-sanitized-write', 'app://stint')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.recorded.check!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('cancel every request for remote or local-file content and let the app’s own through', () => {
    const s = fakeSession();
    hardenSession(s.session);
    expect(s.recorded.beforeRequest!.filter.urls).toEqual(['<all_urls>']);
    const cancel = (url: string) => {
      let answer: { cancel?: boolean } = {};
      s.recorded.beforeRequest!.listener({ url }, (response) => (answer = response));
      return answer.cancel;
    };
    for (const url of [
      'https://cdn.example/lib.js',
      'http://127.0.0.1:23600/api/status.get',
      'wss://evil.example/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://evil/x.js',
    ]) {
      expect(cancel(url), url).toBe(true);
    }
    for (const url of ['app://stint/assets/index.js', 'data:image/png;base64,AAAA', 'blob:app://stint/1234', 'devtools://devtools/bundled/inspector.html']) {
      expect(cancel(url), url).toBe(false);
    }
    expect(isAllowedRequestUrl('not a url')).toBe(false);
  });

  it('put the security headers on every response', () => {
    const s = fakeSession();
    hardenSession(s.session);
    let headers: Record<string, string[]> | undefined;
    s.recorded.headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (response) => (headers = response.responseHeaders));
    expect(headers!['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('main.ts wires the guards', () => {
  const main = source('main.ts');

  it('makes every window through createAppWindow and loads only app:// pages', () => {
    expect(main).not.toMatch(/new BrowserWindow\(/);
    const windows = [...main.matchAll(/createAppWindow\(([^)]*)\)/g)].map((m) => m[1]);
    expect(windows).toEqual(["BrowserWindow, 'main', windowInput(", "BrowserWindow, 'popover', windowInput("]);
    const loads = [...main.matchAll(/\.loadURL\(([^)]*)\)/g)].map((m) => m[1]);
    expect(loads.sort()).toEqual(['MAIN_VIEW_URL', 'POPOVER_VIEW_URL']);
    expect(main).not.toMatch(/loadFile|file:\/\//);
  });

  it('registers the scheme before ready and hardens every web contents and the session', () => {
    expect(main.indexOf('protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])')).toBeGreaterThan(-1);
    expect(main.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(main.indexOf('whenReady'));
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))");
    expect(main).toContain('hardenSession(session.defaultSession)');
    expect(main).toContain('protocol.handle(APP_SCHEME, createAppProtocolHandler(');
  });

  it('never turns a protection off or opens links outside', () => {
    for (const file of ['main.ts', 'window-options.ts', 'navigation-guards.ts', 'app-protocol.ts', '../preload/preload.ts', '../preload/bridge.ts']) {
      const text = source(file);
      expect(text, file).not.toMatch(/nodeIntegration\w*:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|bypassCSP:\s*true/);
      expect(text, file).not.toMatch(/openExternal\(|allowRunningInsecureContent:\s*true|enableRemoteModule/);
    }
  });
});

describe('the shipped preload (dist/preload.cjs)', () => {
  const bundle = readFileSync(path.join(__dirname, '..', '..', 'dist', 'preload.cjs'), 'utf8');

  it('requires nothing but electron', () => {
    const required = [...bundle.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });

  it('exposes one object, window.stint, with exactly request and subscribe, and never ipcRenderer', () => {
    const exposed: [string, unknown][] = [];
    const ipcRenderer = { invoke: async () => ({ ok: true, data: null }), on: () => undefined, removeListener: () => undefined, send: () => undefined };
    const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) }, ipcRenderer };
    runInNewContext(bundle, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`the preload required ${name}`);
        return electron;
      },
      console,
    });
    expect(exposed.map(([key]) => key)).toEqual(['stint']);
    const api = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['request', 'subscribe']);
    expect(typeof api.request).toBe('function');
    expect(typeof api.subscribe).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });
});
