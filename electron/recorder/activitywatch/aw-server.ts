import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname as osHostname } from 'node:os';
import type { Clock } from '../clock/clock';
import { Store } from '../store/store';
import { AwApi, type AwAnswer } from './aw-api';
import { exportActivityWatch } from './aw-export';
import { importActivityWatch } from './aw-import';

/** ActivityWatch's own port, where its watchers and browser extensions look for a server. */
export { DEFAULT_AW_PORT } from './aw-port';
const LOOPBACK = '127.0.0.1';
/** Largest body of a bucket, events or heartbeat request. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Largest import through the API; bigger files go through `stint import activitywatch`, which streams from disk. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/**
 * The ActivityWatch browser extension's origins. Chrome's has a fixed id; Firefox gives each install of an
 * extension its own random origin, so every moz-extension:// origin is let in, as ActivityWatch does.
 * Extension origins reach only what the web watcher uses (info, creating its aw-watcher-web-… bucket and
 * sending heartbeats to it), so another installed extension cannot read the history or write elsewhere.
 */
const CHROME_EXTENSION_ORIGINS = new Set(['chrome-extension://nglaklhklhcoonedhgnpgddginnjdadi']);
const isExtensionOrigin = (origin: string) => CHROME_EXTENSION_ORIGINS.has(origin) || /^moz-extension:\/\/[0-9a-f-]+$/.test(origin);

export interface AwServerOptions {
  store: Store;
  /** The database file, for imports (they run on a connection of their own). */
  dbPath: string;
  clock: Clock;
  version: string;
  port: number;
  hostname?: string;
  log?: (line: string) => void;
}

export interface AwServer {
  readonly port: number;
  readonly api: AwApi;
  close(): Promise<void>;
}

/**
 * A listener that speaks ActivityWatch's REST API (/api/0/…) on 127.0.0.1, so its watchers feed Stint.
 * No token (ActivityWatch's clients send none); every request must name this server in Host (defeats DNS
 * rebinding), and browsers get in only from the ActivityWatch extension's origins.
 */
export async function startAwServer(options: AwServerOptions): Promise<AwServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const hostname = options.hostname ?? osHostname();
  const api = new AwApi({ store: options.store, clock: options.clock, hostname, version: options.version });
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(
        `stint: ActivityWatch API on ${req.method} ${(req.url ?? '/').split('?', 1)[0]}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) send(res, { status: 500, body: { message: 'Internal error; see the log of `stint track`.' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      send(res, { status: 421, body: { message: `This server answers only to ${[...hosts].join(' and ')}.` } });
      return;
    }
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?', 1)[0] ?? '/';
    const query = new URLSearchParams(rawUrl.slice(pathname.length + 1));
    const segments = pathname.split('/').filter((s) => s !== '');
    let decoded: string[];
    try {
      decoded = segments.map((s) => decodeURIComponent(s));
    } catch {
      send(res, { status: 400, body: { message: 'The path is not valid percent-encoding.' } });
      return;
    }
    const origin = req.headers.origin;
    const method = req.method === 'OPTIONS' ? (req.headers['access-control-request-method'] ?? '').toUpperCase() : (req.method ?? 'GET');
    if (origin !== undefined) {
      if (!isExtensionOrigin(origin.toLowerCase()) || !watcherEndpoint(method, decoded)) {
        send(res, { status: 403, body: { message: 'Browser pages reach this API only from the ActivityWatch extension, and only what it uses.' } });
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...NOSNIFF,
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type',
        'Access-Control-Max-Age': '600',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (decoded[0] !== 'api' || decoded[1] !== '0') {
      send(res, { status: 404, body: { message: 'Only the ActivityWatch API (/api/0/…) is served here.' } });
      return;
    }
    const route = decoded.slice(2);
    const [first, id, sub, eid, extra] = route;
    const body = async (limit: number): Promise<unknown> => {
      const text = await readBody(req, limit);
      if (text === null) throw new BodyError(413, `The request body is larger than ${limit / 1024} KB.`);
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new BodyError(400, `The request body is not valid JSON: ${(error as Error).message}`);
      }
    };
    try {
      if (first === 'info' && route.length === 1 && method === 'GET') return send(res, api.info());
      if (first === 'export' && route.length === 1 && method === 'GET') return exportTo(res, undefined);
      if (first === 'import' && route.length === 1 && method === 'POST') return send(res, await importFrom(req));
      if (first === 'buckets') {
        if (id === undefined) return method === 'GET' ? send(res, api.buckets()) : notAllowed(res, 'GET');
        if (sub === undefined) {
          if (method === 'GET') return send(res, api.bucket(id));
          if (method === 'POST') return send(res, api.createBucket(id, await body(MAX_BODY_BYTES)));
          if (method === 'DELETE') return send(res, api.deleteBucket(id, query));
          return notAllowed(res, 'GET, POST, DELETE');
        }
        if (sub === 'export' && eid === undefined) {
          if (method !== 'GET') return notAllowed(res, 'GET');
          const found = api.bucket(id);
          return found.status === 200 ? exportTo(res, id) : send(res, found);
        }
        if (sub === 'heartbeat' && eid === undefined) {
          return method === 'POST' ? send(res, api.heartbeat(id, query, await body(MAX_BODY_BYTES))) : notAllowed(res, 'POST');
        }
        if (sub === 'events' && eid === undefined) {
          if (method === 'GET') return send(res, api.events(id, query));
          if (method === 'POST') return send(res, api.insertEvents(id, await body(MAX_BODY_BYTES)));
          return notAllowed(res, 'GET, POST');
        }
        if (sub === 'events' && eid === 'count' && extra === undefined) return method === 'GET' ? send(res, api.count(id, query)) : notAllowed(res, 'GET');
        if (sub === 'events' && eid !== undefined && extra === undefined) {
          if (method === 'GET') return send(res, api.event(id, eid));
          if (method === 'DELETE') return send(res, api.deleteEvent(id, eid));
          return notAllowed(res, 'GET, DELETE');
        }
      }
      send(res, { status: 404, body: { message: `No such endpoint: ${method} ${pathname}` } });
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status === 413) res.setHeader('Connection', 'close');
      send(res, { status: error.status, body: { message: error.message } });
    }
  }

  /** Streams the export: ActivityWatch's format, bounded memory whatever the size. */
  async function exportTo(res: ServerResponse, bucketId: string | undefined): Promise<void> {
    api.flushNow();
    res.writeHead(200, {
      ...NOSNIFF,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${bucketId === undefined ? 'aw-buckets-export' : `aw-bucket-export_${bucketId.replace(/[^A-Za-z0-9._-]/g, '_')}`}.json"`,
    });
    for (const piece of exportActivityWatch(options.store, { hostname, nowMs: options.clock.now(), ...(bucketId === undefined ? {} : { bucketId }) })) {
      if (!res.write(piece)) await new Promise<void>((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  /**
   * POST /api/0/import: an export in the body. It is read whole (up to 256 MB), then imported on a
   * connection of its own in one transaction, as `stint import activitywatch` does.
   */
  async function importFrom(req: IncomingMessage): Promise<AwAnswer> {
    const bytes = await readBuffer(req, MAX_IMPORT_BYTES);
    if (bytes === null) {
      return {
        status: 413,
        body: { message: `The export is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: import it with \`stint import activitywatch FILE\`.` },
      };
    }
    api.flushNow();
    const store = Store.open(options.dbPath);
    try {
      const result = await importActivityWatch(store, [bytes], { timeZone: options.clock.timeZone(), nowMs: options.clock.now() });
      if (!result.ok) {
        const lines = result.problems.map(
          (p) => `line ${p.line}${p.bucket === null ? '' : `, bucket "${p.bucket}"`}${p.event === null ? '' : `, event ${p.event}`}: ${p.message}`,
        );
        return { status: 400, body: { message: `Nothing was imported: ${lines.join('; ')}${result.more > 0 ? `; and ${result.more} more` : ''}` } };
      }
      api.bucketsChanged();
      const { ok: _ok, ...counts } = result;
      return { status: 200, body: counts };
    } finally {
      store.close();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`stint: ActivityWatch API error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  hosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  let closing: Promise<void> | null = null;
  return {
    port,
    api,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** The endpoints the ActivityWatch web watcher uses, the only ones open to extension origins. */
function watcherEndpoint(method: string, segments: readonly string[]): boolean {
  const [api, zero, first, bucket, sub, ...rest] = segments;
  if (api !== 'api' || zero !== '0' || rest.length > 0) return false;
  if (first === 'info' && bucket === undefined) return method === 'GET';
  if (first !== 'buckets' || bucket === undefined || !bucket.startsWith('aw-watcher-web-')) return false;
  return method === 'POST' && (sub === undefined || sub === 'heartbeat');
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** On every answer, given with the status line: a setHeader per request costs a heartbeat a header check of its own. */
const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' } as const;

function send(res: ServerResponse, answer: AwAnswer): void {
  if (answer.status === 304) {
    res.writeHead(304, NOSNIFF);
    res.end();
    return;
  }
  const text = Buffer.from(JSON.stringify(answer.body ?? null), 'utf8');
  res.writeHead(answer.status, { ...NOSNIFF, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': text.length, 'Cache-Control': 'no-store' });
  res.end(text);
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  send(res, { status: 405, body: { message: `Method not allowed; use ${allow}.` } });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const bytes = await readBuffer(req, limit);
  return bytes === null ? null : bytes.toString('utf8');
}

function readBuffer(req: IncomingMessage, limit: number): Promise<Buffer | null> {
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
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
