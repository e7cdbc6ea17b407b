import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendSignInPage } from './sign-in-page';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Where a request path leads inside the views folder. */
export type StaticTarget = { kind: 'file'; segments: string[] } | { kind: 'index' } | { kind: 'refused' };

/**
 * Maps a raw request path to segments under the root, refusing anything that could leave it: `..` and
 * `.` segments (also percent-encoded), encoded slashes or backslashes, NUL, and malformed escapes.
 * Hidden files (a segment starting with a dot) are refused too.
 */
export function staticTarget(rawUrl: string): StaticTarget {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return { kind: 'refused' };
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'refused' };
    }
    if (segment.startsWith('.') || /[/\\]/.test(segment) || hasControlCharacter(segment)) return { kind: 'refused' };
    segments.push(segment);
  }
  return segments.length === 0 ? { kind: 'index' } : { kind: 'file', segments };
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) === 0x7f) return true;
  return false;
}

export interface StaticOptions {
  /** The built views (dist/renderer/). */
  root: string;
  /** Whether the browser is signed in; if not, the views' page is replaced by one that says how to sign in. */
  signedIn: boolean;
}

/**
 * Serves GET/HEAD for the views: files under root with their content type, index.html for `/` and for
 * paths without an extension that match no file (the views' own routes). The page goes only to a signed-in
 * browser; the scripts and styles hold no data and are served to anyone who names this server. Returns the status it answered with.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, options: StaticOptions): Promise<number> {
  const head = req.method === 'HEAD';
  const target = staticTarget(req.url ?? '/');
  if (target.kind === 'refused') return text(res, 404, 'Not found.', head);

  const root = await realpath(options.root).catch(() => null);
  if (root === null) return text(res, 503, `The Stint views are not built (no ${options.root}). Run \`npm run build\` in the Stint folder.`, head);

  if (target.kind === 'file') {
    const file = path.join(root, ...target.segments);
    const real = await realpath(file).catch(() => null);
    if (real !== null && !inside(root, real)) return text(res, 404, 'Not found.', head);
    const info = real === null ? null : await stat(real).catch(() => null);
    if (real !== null && info?.isFile()) {
      if (path.basename(real) === 'index.html' && path.dirname(real) === root) return serveIndex(req, res, root, options.signedIn, head);
      res.writeHead(200, { 'Content-Type': contentTypeOf(real), 'Content-Length': info.size, 'Cache-Control': 'no-cache' });
      if (head) {
        res.end();
      } else {
        const stream = createReadStream(real);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      }
      return 200;
    }
    const last = target.segments.at(-1) ?? '';
    if (last.includes('.')) return text(res, 404, 'Not found.', head);
  }
  return serveIndex(req, res, root, options.signedIn, head);
}

async function serveIndex(req: IncomingMessage, res: ServerResponse, root: string, signedIn: boolean, head: boolean): Promise<number> {
  const html = await readFile(path.join(root, 'index.html'), 'utf8').catch(() => null);
  if (html === null) return text(res, 503, `The Stint views are not built (no index.html in ${root}). Run \`npm run build\` in the Stint folder.`, head);
  if (!signedIn) return sendSignInPage(res, 'signed-out', req.headers['accept-language'], head);
  const body = Buffer.from(html, 'utf8');
  // Signed-in only: a cached copy must not outlive the sign-in.
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
  return 200;
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function text(res: ServerResponse, status: number, message: string, head: boolean): number {
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
  return status;
}
