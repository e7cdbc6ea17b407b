/*
 * Test support for the local server: a temp-file database with a seeded workday, a fake clock, a running
 * server on a free port, raw HTTP requests (any Host, any path, byte for byte) and an event-stream reader
 * over fetch. Used by the server's tests and by the browser transport's tests.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiEvent, ApiHandlers } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { apiToken } from '../store/api-token';
import { createEmitter } from './emitter';
import { createHandlers } from './handlers';
import { startLocalServer, type LocalServer } from './local-server';

export const H = 3_600_000;
export const MIN = 60_000;
/** Monday 2 March 2026, 09:00 UTC: the seeded workday starts here. */
export const T9 = Date.UTC(2026, 2, 2, 9);
export const DAY = '2026-03-02';
export const IDLE_UUID = 'idle-seeded';

/**
 * 09:00–12:00 a closed work session; 09:00–10:00 in the CRM, 10:00–10:30 in Slack, 10:30–11:00 away
 * (idle, unanswered), 11:00–12:00 in the CRM again. The recorder run ended at 12:00.
 */
export function seedWorkday(store: Store): void {
  const base = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
  store.startRun('seed-run', 4242, T9);
  store.flush({
    runId: 'seed-run',
    lastSeenMs: T9 + 3 * H,
    activity: [
      { ...base, uuid: 'a1', startMs: T9, endMs: T9 + H, app: 'Google-chrome', title: 'Pipeline review - Salesforce' },
      { ...base, uuid: 'a2', startMs: T9 + H, endMs: T9 + H + 30 * MIN, app: 'Slack', title: '#sales' },
      { ...base, uuid: 'a3', startMs: T9 + 2 * H, endMs: T9 + 3 * H, app: 'Google-chrome', title: 'Pipeline review - Salesforce' },
    ],
    idle: [{ ...base, uuid: IDLE_UUID, startMs: T9 + H + 30 * MIN, endMs: T9 + 2 * H }],
    sessions: [{ ...base, uuid: 'work-1', kind: 'work', startMs: T9, endMs: T9 + 3 * H, startReason: 'first-activity', endReason: 'quit' }],
  });
  store.endRun('seed-run', T9 + 3 * H, 'quit');
}

export interface TestServer {
  server: LocalServer;
  store: Store;
  clock: FakeClock;
  token: string;
  dir: string;
  viewsDir: string;
  dbPath: string;
  /** Lines the server logged (500s and other bugs). */
  logged: string[];
  /** Feeds the server's recorder-event subscription, as the recorder's onEvent does in `stint track`. */
  emitRecorderEvent(event: RecorderEvent): void;
  /** How often status.get ran (requests and the live ticker). */
  statusReads(): number;
  origin: string;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Replaces some handlers (to make one throw, say). */
  override?: (handlers: ApiHandlers) => Partial<ApiHandlers>;
  /** Writes the views folder; default a small index.html, app.js and styles.css. */
  views?: (dir: string) => void;
  /** Default 0: any free port. */
  port?: number;
  /** Default: the database's own (a new one per server). */
  token?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stint-api-'));
  const viewsDir = path.join(dir, 'views');
  mkdirSync(viewsDir);
  (options.views ?? writeDefaultViews)(viewsDir);
  const dbPath = path.join(dir, 'stint.db');
  const store = Store.open(dbPath);
  seedWorkday(store);
  const clock = new FakeClock(T9 + 4 * H, 'UTC');
  const base = createHandlers({ store, dbPath, clock, recorder: null });
  let statusReads = 0;
  const handlers: ApiHandlers = {
    ...base,
    'status.get': (input) => {
      statusReads += 1;
      return base['status.get'](input);
    },
    ...options.override?.(base),
  };
  const logged: string[] = [];
  const recorderEvents = createEmitter<RecorderEvent>();
  const token = options.token ?? apiToken(store.db);
  const server = await startLocalServer({
    handlers,
    clock,
    token,
    viewsDir,
    port: options.port ?? 0,
    recorderEvents: recorderEvents.subscribe,
    log: (line) => logged.push(line),
  });
  return {
    server,
    store,
    clock,
    token,
    dir,
    viewsDir,
    dbPath,
    logged,
    emitRecorderEvent: (event) => recorderEvents.emit(event),
    statusReads: () => statusReads,
    origin: `http://127.0.0.1:${server.port}`,
    async stop() {
      await server.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeDefaultViews(dir: string): void {
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html>\n<html><head><title>Stint</title><script type="module" src="/app.js"></script></head><body></body></html>\n',
  );
  writeFileSync(path.join(dir, 'app.js'), 'export const views = true;\n');
  writeFileSync(path.join(dir, 'styles.css'), 'body { margin: 0 }\n');
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  /** Sent exactly as given: no normalisation of `..` or escapes. */
  path: string;
  /** Host defaults to 127.0.0.1:port; null sends none. */
  host?: string | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length. */
  chunked?: boolean;
}

/** One HTTP request with full control over Host and the path; the whole response body as text. */
export function rawRequest(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    const host = req.host === undefined ? `127.0.0.1:${req.port}` : req.host;
    const r = httpRequest({ host: '127.0.0.1', port: req.port, method: req.method ?? 'GET', path: req.path, headers, setHost: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    if (host !== null) r.setHeader('Host', host);
    r.on('error', reject);
    if (req.body !== undefined && req.chunked) {
      const body = Buffer.from(req.body);
      for (let at = 0; at < body.length; at += 8192) r.write(body.subarray(at, at + 8192));
    } else if (req.body !== undefined) {
      r.setHeader('Content-Length', Buffer.byteLength(req.body));
      r.write(req.body);
    }
    r.end();
  });
}

/** Handlers of an event stream: the shape the browser transport's OpenEventChannel takes. */
export interface EventChannelHandlers {
  open(): void;
  message(data: string): void;
  error(closed: boolean): void;
}

/**
 * Server-sent events over fetch (Node has no EventSource): open on a 200, each `data:` block as a message,
 * error(true) when the server refuses or ends the stream.
 */
export function fetchEventChannel(url: string, on: EventChannelHandlers, headers: Record<string, string> = {}): { close(): void } {
  const controller = new AbortController();
  const fail = () => {
    if (!controller.signal.aborted) on.error(true);
  };
  void (async () => {
    const res = await fetch(url, { headers, signal: controller.signal });
    if (res.status !== 200 || res.body === null) {
      await res.body?.cancel();
      fail();
      return;
    }
    on.open();
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''));
        if (data.length > 0) on.message(data.join('\n'));
      }
    }
    fail();
  })().catch(fail);
  return { close: () => controller.abort() };
}

/** Collects ApiEvents from a stream; next() resolves with the first one (seen or to come) that matches. */
export class EventLog {
  readonly events: ApiEvent[] = [];
  private waiters: { match: (e: ApiEvent) => boolean; from: number; resolve: (e: ApiEvent) => void }[] = [];
  opened = false;
  closed = false;
  private readonly channel: { close(): void };

  constructor(url: string, headers: Record<string, string> = {}) {
    this.channel = fetchEventChannel(
      url,
      {
        open: () => {
          this.opened = true;
        },
        message: (data) => this.push(JSON.parse(data) as ApiEvent),
        error: () => {
          this.closed = true;
        },
      },
      headers,
    );
  }

  /** The first matching event at or after index `from` (default: any), waiting for it if needed. */
  next<E extends ApiEvent>(match: (e: ApiEvent) => e is E, from?: number): Promise<E>;
  next(match: (e: ApiEvent) => boolean, from?: number): Promise<ApiEvent>;
  next(match: (e: ApiEvent) => boolean, from = 0): Promise<ApiEvent> {
    const seen = this.events.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, from, resolve }));
  }

  close(): void {
    this.channel.close();
  }

  private push(event: ApiEvent): void {
    const index = this.events.push(event) - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index < w.from || !w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  }
}

export const isStatus = (e: ApiEvent): e is Extract<ApiEvent, { type: 'status' }> => e.type === 'status';
export const isChanged = (e: ApiEvent): e is Extract<ApiEvent, { type: 'changed' }> => e.type === 'changed';
export const isRecorder = (e: ApiEvent): e is Extract<ApiEvent, { type: 'recorder' }> => e.type === 'recorder';
