import type { CustomScheme } from 'electron';
import path from 'node:path';
import { contentTypeOf, staticTarget } from '../recorder/api/static-files';
import { SECURITY_HEADERS } from '../../shared/api/security-headers';

/*
 * The views are served from `app://stint/…` instead of file://: a standard, secure origin of their own, so
 * 'self' in the CSP means the app and nothing else, and the IPC router can tell the app's frames from any
 * other page by origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'stint';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The main window's page, and the tray popover's (the same views; `?window=popover` asks for the compact layout). */
export const MAIN_VIEW_URL = `${APP_ORIGIN}/`;
export const POPOVER_VIEW_URL = `${APP_ORIGIN}/?window=popover`;

/**
 * Registered with protocol.registerSchemesAsPrivileged before the app is ready. Standard and secure (a real
 * origin, a secure context); fetch allowed for the app's own files; never bypasses CSP; no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    corsEnabled: false,
    stream: false,
    codeCache: false,
  },
};

/** A page or request of the app's own origin: app://stint/… exactly (no other host, port or credentials). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives non-special schemes the origin "null", so compare the parts instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export type AppPath =
  | { kind: 'file'; file: string }
  /** `/` or a route of the views (a path without an extension that is not a file): serve index.html. */
  | { kind: 'index' }
  | { kind: 'refused' };

/**
 * Where an app:// URL leads inside `root` (dist/renderer/), decided on the text alone: anything that could
 * leave the root (`..`, encoded slashes or backslashes, NUL, hidden files, another origin) is refused. The
 * handler then checks the real path too, so a symlink cannot lead outside either.
 */
export function resolveAppPath(root: string, url: string): AppPath {
  if (!isAppUrl(url)) return { kind: 'refused' };
  const { pathname } = new URL(url);
  // Look at the raw text as well: URL parsing folds some dot segments away before we see them.
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const pathStart = afterScheme.search(/[/?#]/);
  const rawPath = (pathStart === -1 ? '' : afterScheme.slice(pathStart)).split(/[?#]/, 1)[0] || '/';
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath) || /%2f|%5c|\\/i.test(rawPath)) return { kind: 'refused' };
  const target = staticTarget(pathname || '/');
  if (target.kind !== 'file') return target;
  const file = path.resolve(root, ...target.segments);
  return isInside(root, file) ? { kind: 'file', file } : { kind: 'refused' };
}

export function isInside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The file system calls the handler makes (fs.promises in Electron, which also reads inside app.asar). */
export interface AppFiles {
  readFile(file: string): Promise<Uint8Array>;
  realpath(file: string): Promise<string>;
  stat(file: string): Promise<{ isFile(): boolean }>;
}

/**
 * The app:// handler for protocol.handle: GET and HEAD of the built views with their content type and the
 * security headers (CSP first) on every response, errors included.
 */
export function createAppProtocolHandler(options: { root: string; files: AppFiles }): (request: { url: string; method: string }) => Promise<Response> {
  const { root, files } = options;
  const respond = (status: number, body: Uint8Array | string | null, contentType: string, head: boolean) =>
    new Response(head || body === null ? null : typeof body === 'string' ? body : Buffer.from(body), {
      status,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' },
    });
  const text = (status: number, message: string, head: boolean) => respond(status, `${message}\n`, 'text/plain; charset=utf-8', head);

  const realRoot = async () => files.realpath(root).catch(() => null);

  async function serveIndex(rootReal: string, head: boolean): Promise<Response> {
    const html = await files.readFile(path.join(rootReal, 'index.html')).catch(() => null);
    if (html === null) return text(503, `The Stint views are not built (no index.html in ${root}). Run \`npm run build\`.`, head);
    return respond(200, html, 'text/html; charset=utf-8', head);
  }

  return async (request) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) return text(405, 'Method not allowed.', false);
    const target = resolveAppPath(root, request.url);
    if (target.kind === 'refused') return text(404, 'Not found.', head);
    const rootReal = await realRoot();
    if (rootReal === null) return text(503, `The Stint views are not built (no ${root}). Run \`npm run build\`.`, head);
    if (target.kind === 'index') return serveIndex(rootReal, head);

    const real = await files.realpath(target.file).catch(() => null);
    if (real !== null) {
      if (!isInside(rootReal, real)) return text(404, 'Not found.', head);
      const info = await files.stat(real).catch(() => null);
      if (info?.isFile()) {
        const body = await files.readFile(real).catch(() => null);
        if (body === null) return text(404, 'Not found.', head);
        return respond(200, body, contentTypeOf(real), head);
      }
    }
    // A view's own route (no extension) gets the page; a missing asset is a 404.
    return path.extname(target.file) === '' ? serveIndex(rootReal, head) : text(404, 'Not found.', head);
  };
}
