import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent, ApiHandlers, ChangedWhat } from '../../../shared/api/contract';
import type { Status } from '../../../shared/api/results';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import type { Clock } from '../clock/clock';
import { tokenMatches } from './api-token';
import { BrowserSignIn, sessionCookieName, sessionFromCookies, sessionSetCookie } from './browser-sign-in';
import { dispatch, failureLogLine, internalError, type Dispatcher } from './dispatch';
import { EventStream } from './event-stream';
import { sendSignInPage } from './sign-in-page';
import { serveStatic } from './static-files';
import { SECURITY_HEADERS } from '../../../shared/api/security-headers';

/** The only interface the server listens on. Other hosts are not supported: the API is for this computer. */
export const LOOPBACK = '127.0.0.1';
/** Largest request body accepted; every request in the contract fits in a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface LocalServerOptions {
  handlers: ApiHandlers;
  /** Runs each request; default `dispatch` over handlers here (a recorder passes offthreadDispatcher). */
  dispatch?: Dispatcher;
  clock: Clock;
  /** The per-install API token (see apiToken()): the CLI's and other programs' credential, never a page's. */
  token: string;
  /** The built views to serve, normally dist/renderer/ next to the bundled CLI. */
  viewsDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where recorder events come from; the server subscribes while it runs. */
  recorderEvents?: (listener: (event: RecorderEvent) => void) => () => void;
  /** Changes made by other processes (the CLI), as the recorder learns of them; each becomes a `changed` event. */
  changes?: (listener: (what: ChangedWhat) => void) => () => void;
  /** Bugs (500s, failing status reads) are reported here; default stderr. */
  log?: (message: string) => void;
  /** Status event period; default 1 s. */
  statusIntervalMs?: number;
}

export interface LocalServer {
  readonly port: number;
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** A new one-time link that signs a browser in (http://127.0.0.1:PORT/signin?code=…), valid for a couple of minutes. */
  signInUrl(): string;
  /** Connected event-stream clients. */
  readonly eventClients: number;
  publish(event: ApiEvent): void;
  /** Ends event streams, stops listening and closes every connection. */
  close(): Promise<void>;
}

/**
 * The local HTTP API and the views for a browser, on 127.0.0.1 only.
 *
 * Every request must name this server in Host (127.0.0.1:PORT or localhost:PORT), which defeats DNS
 * rebinding, and may carry no Origin but this server's own, which keeps other web pages out. Every /api
 * request also needs a credential: the per-install token as `Authorization: Bearer` (the CLI, tests), or
 * the session cookie of a signed-in browser. A browser signs in with a one-time link (`stint open`,
 * GET /signin?code=…), so no page ever carries the token and another local user who can reach the
 * port gets only a page saying how to sign in.
 *
 * Rejects with the listen error (EADDRINUSE when the port is taken).
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const run = options.dispatch ?? ((name: string, input: unknown) => dispatch(options.handlers, name, input));
  const events = new EventStream({
    clock: options.clock,
    // Through the same dispatch as the requests: in a recorder, status is read off the recorder's thread.
    status: async () => {
      const result = await run('status.get', {});
      // A bug's cause is what the log needs (a worker's comes as its stack).
      if (result.status === 500) throw result.failure.cause instanceof Error ? result.failure.cause : new Error(String(result.failure.cause));
      if (!result.body.ok) throw new Error(result.body.error);
      return result.body.data as Status;
    },
    intervalMs: options.statusIntervalMs ?? 1000,
    onError: (error) => log(`stint: live status failed: ${describe(error)}`),
  });
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let cookieName = '';
  let origin = '';
  const signIn = new BrowserSignIn(options.clock);
  const signInUrl = () => `${origin}/signin?code=${signIn.issueCode()}`;

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((cause: unknown) => {
      if (cause === req.errored) {
        // The client went away mid-body (a closed tab, an aborted fetch): nothing to answer, and no bug to trace.
        log(`stint: local server on ${req.method} ${(req.url ?? '/').split('?', 1)[0]}: the client closed the connection before sending the whole request`);
        res.destroy();
        return;
      }
      const { failure, error } = internalError(cause);
      log(failureLogLine(`local server on ${req.method} ${req.url}`, failure));
      if (!res.headersSent) json(res, 500, { ok: false, error });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?', 1)[0] ?? '/';
    const api = pathname === '/api' || pathname.startsWith('/api/');
    const refuse = (status: number, error: string, headers: Record<string, string> = {}) => {
      if (api) json(res, status, { ok: false, error }, headers);
      else plain(res, status, error, headers);
    };

    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      refuse(421, `This server answers only to ${[...hosts].join(' and ')}.`);
      return;
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !origins.has(requestOrigin.toLowerCase())) {
      refuse(403, 'Requests from other web pages are refused.');
      return;
    }
    const query = new URLSearchParams(rawUrl.slice(pathname.length + 1));
    if (pathname === '/signin') {
      handleSignIn(req, res, query.get('code'));
      return;
    }
    if (!api) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        refuse(405, 'Method not allowed.', { Allow: 'GET, HEAD' });
        return;
      }
      await serveStatic(req, res, { root: options.viewsDir, signedIn: signedIn(req) });
      return;
    }

    const isEvents = pathname === '/api/events';
    if (!authorized(req)) {
      refuse(401, NOT_SIGNED_IN, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    if (isEvents) {
      if (req.method !== 'GET') refuse(405, 'Use GET for /api/events.', { Allow: 'GET' });
      else events.add(req, res);
      return;
    }
    const name = pathname.slice('/api/'.length);
    if (req.method !== 'POST') {
      refuse(405, `Use POST for /api/${name}.`, { Allow: 'POST' });
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      refuse(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, { Connection: 'close' });
      return;
    }
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch (error) {
        refuse(400, `The request body is not valid JSON: ${(error as Error).message}`);
        return;
      }
    }
    const result = await run(name, input);
    if (result.status === 500) log(failureLogLine(`request ${name}`, result.failure));
    json(res, result.status, result.body);
    if (result.changed !== null) announce(result.changed);
  }

  function announce(what: ChangedWhat): void {
    events.publish({ type: 'changed', what });
    events.publishStatus();
  }

  /**
   * GET /signin?code=…: a browser trades a one-time code for the session cookie and goes on to the views.
   * POST /signin with the token: a new one-time link, for `stint open`.
   */
  function handleSignIn(req: IncomingMessage, res: ServerResponse, code: string | null): void {
    if (req.method === 'POST') {
      if (bearer(req)) json(res, 200, { ok: true, data: { url: signInUrl() } });
      else json(res, 401, { ok: false, error: 'Asking for a sign-in link needs the API token (`stint open` sends it).' }, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    if (req.method !== 'GET') {
      // Not HEAD either: a link checker must not spend the code.
      plain(res, 405, 'Method not allowed.', { Allow: 'GET, POST' });
      return;
    }
    const session = code === null ? null : signIn.redeem(code);
    if (session === null) {
      sendSignInPage(res, 'link-spent', req.headers['accept-language'], false);
      return;
    }
    res.writeHead(303, { Location: '/', 'Set-Cookie': sessionSetCookie(cookieName, session), 'Cache-Control': 'no-store', 'Content-Length': 0 });
    res.end();
  }

  function bearer(req: IncomingMessage): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match !== null && tokenMatches(match[1]!, options.token);
  }

  function signedIn(req: IncomingMessage): boolean {
    return signIn.isSession(sessionFromCookies(req.headers.cookie, cookieName));
  }

  /** A request that sends Authorization is judged by it alone; a browser's by its session cookie. */
  function authorized(req: IncomingMessage): boolean {
    return req.headers.authorization !== undefined ? bearer(req) : signedIn(req);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`stint: local server error: ${describe(error)}`));
  const port = (server.address() as AddressInfo).port;
  hosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  origins = new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);
  cookieName = sessionCookieName(port);
  origin = `http://${LOOPBACK}:${port}`;
  const unsubscribeRecorder = options.recorderEvents?.((event) => events.publish({ type: 'recorder', event })) ?? (() => undefined);
  const unsubscribeChanges = options.changes?.(announce) ?? (() => undefined);

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `${origin}/`,
    signInUrl,
    get eventClients() {
      return events.clientCount;
    },
    publish: (event) => events.publish(event),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        unsubscribeRecorder();
        unsubscribeChanges();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

export const NOT_SIGNED_IN = 'Not signed in. Run `stint open` to sign this browser in; programs send the API token as `Authorization: Bearer`.';

/** Reads the body as UTF-8, or null as soon as it is known to exceed limit (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': text.length, 'Cache-Control': 'no-store' });
  res.end(text);
}

function plain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const text = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': text.length, 'Cache-Control': 'no-store' });
  res.end(text);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
