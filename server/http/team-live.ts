/**
 * Live status for the Team now page over server-sent events, across any number of server processes on
 * one database. Each process polls the database once per POLL_MS for statuses received since its last
 * look and for devices whose acknowledged sequence moved (a push), and fans what changed out to the
 * pages it streams to, each filtered to the reps its viewer may see. Why polling rather than PostgreSQL's
 * LISTEN/NOTIFY: one code path for SQLite and PostgreSQL, no dedicated connection per process, and a cost
 * that does not grow with the number of open pages (one small query per process per poll); a status is
 * posted every 30 s, so a 2-s poll keeps the page within a few seconds of the device.
 */
import type { ServerResponse } from 'node:http';
import { DEVICE_STATUS_SCHEMA } from '../../shared/sync/contract';
import type { StatusEvent } from '../../shared/team/team-api';
import { SECURITY_HEADERS } from '../../shared/api/security-headers';
import { TeamStore } from '../store/team-store';
import type { Services } from './context';

export const POLL_MS = 2_000;
/** Statuses are re-read this far back, so a write committed late (or stamped by a process whose clock is behind) is not missed. */
const OVERLAP_MS = 10_000;
/** How often a stream re-checks its session and its viewer's reps (a removed user is cut off within this). */
const RECHECK_MS = 30_000;
const KEEPALIVE_MS = 25_000;

export interface Listener {
  /** The reps the viewer may see; null: everyone (admins). */
  visible: Set<number> | null;
  send(event: string, data: unknown): void;
  /** Re-checks the session and the viewer's reps; false ends the stream. */
  recheck(): Promise<boolean>;
  close(): void;
  lastCheckMs: number;
}

class LiveHub {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private cursorMs: number;
  private readonly sent = new Map<string, number>();
  private versions: Map<number, number> | null = null;
  private polling = false;
  private lastWriteMs = 0;
  private readonly store: TeamStore;

  constructor(private readonly services: Services) {
    this.store = new TeamStore(services.db);
    this.cursorMs = services.now();
  }

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.versions = null;
      }
    };
  }

  closeAll(): void {
    for (const l of [...this.listeners]) l.close();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const nowMs = this.services.now();
      const rows = await this.store.statusesSince(this.cursorMs - OVERLAP_MS);
      const fresh: (StatusEvent['statuses'][number] & { userId: number })[] = [];
      for (const r of rows) {
        if ((this.sent.get(r.deviceId) ?? -1) >= r.receivedMs) continue;
        this.sent.set(r.deviceId, r.receivedMs);
        const status = DEVICE_STATUS_SCHEMA.safeParse(JSON.parse(r.payload));
        if (status.success) fresh.push({ deviceId: r.deviceId, userId: r.userId, receivedMs: r.receivedMs, status: status.data });
        this.cursorMs = Math.max(this.cursorMs, r.receivedMs);
      }
      const versions = await this.store.recordVersions();
      const moved: number[] = [];
      if (this.versions) for (const [userId, v] of versions) if (this.versions.get(userId) !== v) moved.push(userId);
      this.versions = versions;

      for (const l of [...this.listeners]) {
        if (nowMs - l.lastCheckMs >= RECHECK_MS) {
          l.lastCheckMs = nowMs;
          if (!(await l.recheck())) {
            l.close();
            continue;
          }
        }
        const mine = l.visible === null ? fresh : fresh.filter((s) => l.visible!.has(s.userId));
        if (mine.length > 0) l.send('status', { nowMs, statuses: mine } satisfies StatusEvent);
        const theirs = l.visible === null ? moved : moved.filter((id) => l.visible!.has(id));
        if (theirs.length > 0) l.send('records', { nowMs, userIds: theirs });
        if (mine.length === 0 && theirs.length === 0 && nowMs - this.lastWriteMs >= KEEPALIVE_MS) l.send('tick', { nowMs });
      }
      if (nowMs - this.lastWriteMs >= KEEPALIVE_MS) this.lastWriteMs = nowMs;
    } catch {
      // The database did not answer this time; the next poll tries again (and the page shows when it last heard).
    } finally {
      this.polling = false;
    }
  }
}

const hubs = new WeakMap<Services, LiveHub>();

export function liveHub(services: Services): LiveHub {
  let hub = hubs.get(services);
  if (!hub) {
    hub = new LiveHub(services);
    hubs.set(services, hub);
  }
  return hub;
}

/** Ends every stream of this server (graceful shutdown must not wait for pages that never hang up). */
export function closeLiveStreams(services: Services): void {
  hubs.get(services)?.closeAll();
}

/** Starts an event stream on a raw response: the headers every page gets, then `hello` with the server's clock. */
export function openEventStream(raw: ServerResponse, nowMs: number): { send(event: string, data: unknown): void; end(): void } {
  raw.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  const send = (event: string, data: unknown) => {
    if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  raw.write(`retry: 3000\n\n`);
  send('hello', { nowMs, pollMs: POLL_MS });
  return { send, end: () => raw.end() };
}
