/**
 * The HTTP face of the server: Fastify with the route table. Each request finds its principal in the
 * database (session cookie or device token), so a removed user or a revoked device loses access at the next
 * request, and any number of processes can serve one database.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from '../../shared/api/security-headers';
import { hashSecret } from '../auth/secrets';
import type { Principal, Services } from './context';
import { SESSION_COOKIE } from './cookies';
import { HttpError, unauthorized } from './errors';
import { deviceOf, type Route } from './route';
import { ROUTES } from './routes';
import { closeLiveStreams } from './team-live';
import { defaultWebRoot, mountWebApp } from './web-app';

export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export interface AppOptions {
  /** Fastify's pino logger settings; false in tests. */
  logger: boolean | { level: string };
  /** Take the client's address from X-Forwarded-For: only behind a load balancer that sets it. */
  trustProxy: boolean;
  /** The built web app (dist/renderer); found beside the server when not given, null when not built. */
  webRoot?: string | null;
}

export async function buildApp(services: Services, options: AppOptions = { logger: false, trustProxy: false }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  await app.register(cookie);

  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    // API answers are never cached; the web app's files say their own (server/http/web-app.ts).
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    reply.header('x-request-id', request.id);
    if (services.options.secureCookies) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      if (error.status === 429 && typeof error.extra.retryAfterSeconds === 'number') reply.header('Retry-After', String(error.extra.retryAfterSeconds));
      return reply.status(error.status).send({ error: error.code, message: error.message, ...error.extra });
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported content type) keep their status.
    const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'bad-request';
      return reply.status(status).send({ error: code, message: error instanceof Error ? error.message : 'Bad request.' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: `The server failed on this request (id ${request.id}); the log has the details.` });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: 'not-found', message: `No route ${request.method} ${request.url}.` }));

  for (const r of ROUTES) mount(app, r, services);
  mountWebApp(app, options.webRoot === undefined ? defaultWebRoot() : options.webRoot);
  // Live streams never end by themselves: end them so a graceful shutdown does not wait for open pages.
  app.addHook('preClose', async () => closeLiveStreams(services));
  return app;
}

function mount(app: FastifyInstance, r: Route, services: Services): void {
  app.route({
    method: r.method,
    url: r.url,
    handler: async (request, reply) => {
      const nowMs = services.now();
      const principal = await authenticate(r, request, services, nowMs);
      const answer = await r.run({ services, principal, request, reply, nowMs });
      // A route that streams (server-sent events) took the response over.
      if (reply.sent) return reply;
      return reply.status(answer.status ?? 200).send(answer.body);
    },
  });
}

async function authenticate(r: Route, request: FastifyRequest, services: Services, nowMs: number): Promise<Principal | null> {
  if (r.auth === 'none') return null;
  if (r.auth === 'device') {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const found = token ? await services.sync.deviceByToken(hashSecret(token)) : undefined;
    return deviceOf(found ? { kind: 'device', ...found } : null);
  }
  const token = request.cookies[SESSION_COOKIE];
  const tokenHash = token ? hashSecret(token) : '';
  const session = token ? await services.accounts.sessionUser(tokenHash, nowMs) : undefined;
  if (!session) throw unauthorized();
  // A cookie rides along with any request the browser makes; only our own pages know the CSRF token.
  if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new HttpError(403, 'csrf', `Send the CSRF token from /api/login or /api/me in the ${CSRF_HEADER} header.`);
  }
  return { kind: 'user', user: await services.accounts.withTeams(session.user), csrfToken: session.csrfToken, tokenHash };
}
