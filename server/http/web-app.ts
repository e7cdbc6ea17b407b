/**
 * The manager's and admin's web app: the views' production build (dist/renderer/, made by Vite with the
 * rep's views) served from this server's origin, so the page's CSP ('self' only) and session cookie
 * (SameSite=Strict) work unchanged. Hashed files under /assets/ never change and are cached for a year;
 * the page itself is revalidated on every load, so a server upgrade takes effect at the next reload.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const WEB_APP_PAGE = 'team.html';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** dist/renderer beside the bundled server (dist/server.js), or the repository's when run from source. */
export function defaultWebRoot(): string | null {
  const candidates = [fileURLToPath(new URL('./renderer/', import.meta.url)), fileURLToPath(new URL('../../dist/renderer/', import.meta.url))];
  return candidates.find((dir) => existsSync(path.join(dir, WEB_APP_PAGE))) ?? null;
}

export function mountWebApp(app: FastifyInstance, webRoot: string | null): void {
  const cache = new Map<string, Buffer>();
  const send = async (reply: FastifyReply, file: string, cacheControl: string) => {
    let body = cache.get(file);
    if (!body) {
      try {
        body = await readFile(file);
      } catch {
        return reply.status(404).send({ error: 'not-found', message: 'No such file in the web app.' });
      }
      cache.set(file, body);
    }
    return reply
      .header('Cache-Control', cacheControl)
      .type(TYPES[path.extname(file)] ?? 'text/html; charset=utf-8')
      .send(body);
  };
  const page = async (_req: unknown, reply: FastifyReply) => {
    if (webRoot === null)
      return reply
        .status(503)
        .send({ error: 'web-app-not-built', message: 'The web app is not built into dist/renderer/: run `npm run build`, then restart stint-server.' });
    return send(reply, path.join(webRoot, WEB_APP_PAGE), 'no-cache');
  };
  app.get('/', page);
  app.get('/team.html', page);
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    if (webRoot === null || !SAFE_NAME.test(request.params.name)) return reply.status(404).send({ error: 'not-found', message: 'No such file.' });
    return send(reply, path.join(webRoot, 'assets', request.params.name), 'public, max-age=31536000, immutable');
  });
  app.get('/favicon.svg', async (_request, reply) => {
    if (webRoot === null) return reply.status(404).send({ error: 'not-found', message: 'No such file.' });
    return send(reply, path.join(webRoot, 'favicon.svg'), 'public, max-age=86400');
  });
}
