import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import type { ActiveWindowSource, WindowInfo } from './active-window-source';
import type { IdleSource } from './idle-source';
import { Reconnecting, type Backoff } from './reconnect';
import { X11ActiveWindowSource } from './x11-active-window-source';
import { X11Connection, X11ConnectionLostError, type OpenX11ConnectionOptions } from './x11-connection';
import { X11IdleSource } from './x11-idle-source';

export interface X11Sources {
  activeWindow: ActiveWindowSource;
  idle: IdleSource;
  /** The display actually connected to, e.g. ":0". */
  display: string;
  /** Closes both sources and the connection (idempotent). */
  close(): Promise<void>;
}

export interface X11SourcesOptions extends Omit<OpenX11ConnectionOptions, 'display'> {
  /** Times the reconnection backoff; default the system clock. */
  clock?: Pick<Clock, 'monotonic'>;
  /** Default DEFAULT_BACKOFF: 1 s, doubling, at most 30 s. */
  backoff?: Backoff;
}

/** One connection and the two sources served over it. */
interface Served {
  conn: X11Connection;
  activeWindow: X11ActiveWindowSource;
  idle: X11IdleSource;
}

async function serve(display: string | undefined, connectTimeoutMs: number | undefined): Promise<Served> {
  const conn = await X11Connection.open({ display, ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }) });
  // The connection is closed by whoever holds this Served (dispose below), not by the sources.
  const keep = async (): Promise<void> => {};
  try {
    const [activeWindow, idle] = await Promise.all([X11ActiveWindowSource.create(conn, keep), X11IdleSource.create(conn, keep)]);
    return { conn, activeWindow, idle };
  } catch (err) {
    await conn.close();
    throw err;
  }
}

async function dispose(served: Served): Promise<void> {
  await Promise.all([served.activeWindow.close(), served.idle.close()]);
  await served.conn.close();
}

/**
 * Opens ONE X connection and serves both the active window and the idle time from it. Closing either
 * source alone keeps the connection for the other; the connection closes with the last one, or with close().
 *
 * Rejects with "Cannot connect to the X server at :99 — is DISPLAY set and X running? (…)" when DISPLAY is
 * unset or the server cannot be reached, and with a clear message when it lacks MIT-SCREEN-SAVER.
 *
 * When the server goes away later, reads reject with X11ConnectionLostError (a DisplayLostError) and the
 * connection is reopened on the same display: at the next read, then with exponential backoff (see
 * Reconnecting), so a restarted X server is picked up without restarting the recorder.
 */
export async function openX11Sources(display?: string, options: X11SourcesOptions = {}): Promise<X11Sources> {
  const target = display ?? process.env.DISPLAY;
  const first = await serve(target, options.connectTimeoutMs);
  const shown = first.conn.display;
  const link = new Reconnecting<Served>(first, {
    open: () => serve(target, options.connectTimeoutMs),
    isLost: (served) => served.conn.lost !== null,
    dispose,
    unavailable: (cause) => (cause instanceof X11ConnectionLostError ? cause : new X11ConnectionLostError(shown, cause)),
    monotonic: () => (options.clock ?? systemClock).monotonic(),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  let users = 2;
  const release = async (): Promise<void> => {
    users -= 1;
    if (users === 0) await link.close();
  };
  const activeWindow = new LinkedSource('X11ActiveWindowSource', release);
  const idle = new LinkedSource('X11IdleSource', release);
  return {
    activeWindow: { read: () => activeWindow.use(async () => (await link.get()).activeWindow.read()), close: () => activeWindow.close() },
    idle: { idleMs: () => idle.use(async () => (await link.get()).idle.idleMs()), close: () => idle.close() },
    display: shown,
    close: async () => {
      await Promise.all([activeWindow.close(), idle.close()]);
    },
  };
}

/** One source's share of the link: refuses reads once closed, releases its share once. */
class LinkedSource {
  private closed = false;
  constructor(
    private readonly name: string,
    private readonly release: () => Promise<void>,
  ) {}

  use<T extends WindowInfo | null | number>(read: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    return read();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}
