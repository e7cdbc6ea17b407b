import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import { withSecurityHeaders } from './window-options';

/*
 * What every web page of the app may not do: leave the app's origin, open windows, embed <webview>, ask for
 * permissions, or load anything from the network.
 */

/** Schemes a page of the app may load from: its own origin, inline data (images), blobs and the dev tools. */
const ALLOWED_REQUEST_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:']);

/** Whether the session lets a request through: remote (http, https, ws, ftp) and file:// content never loads. */
export function isAllowedRequestUrl(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  if (protocol === 'app:') return isAppUrl(url);
  return ALLOWED_REQUEST_SCHEMES.has(protocol);
}

/** A navigation event as Electron passes it to will-navigate, will-frame-navigate and will-redirect. */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** Navigation stays inside app://stint; anything else is refused (links to the web included). */
export function refuseForeignNavigation(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** window.open and target=_blank: always denied. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Attaches the guards to one web contents (app.on('web-contents-created') calls this for every one). */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', (event) => refuseForeignNavigation(event));
  contents.on('will-frame-navigate', (event) => refuseForeignNavigation(event));
  contents.on('will-redirect', (event) => refuseForeignNavigation(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}

/** The one permission a page of the app gets: writing (never reading) the clipboard, for its Copy buttons. */
const GRANTED_TO_APP_PAGES = new Set(['clipboard-sanitized-write']);

/** Whether a page at `url` (or of that origin) gets `permission`: only the app's own pages, only the clipboard write. */
export function permissionAllowed(permission: string, url: string | undefined): boolean {
  return GRANTED_TO_APP_PAGES.has(permission) && url !== undefined && isAppUrl(url);
}

/**
 * The session's side: every permission a page could ask for is refused but the clipboard write, requests to
 * anything but the allowed schemes are cancelled, and every response carries the app's security headers.
 */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...withSecurityHeaders(details.responseHeaders),
        // The policy written out rather than the constant, so static scanners (electronegativity) evaluate it;
        // security.test.ts checks it is CONTENT_SECURITY_POLICY exactly.
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ],
      },
    }),
  );
}
