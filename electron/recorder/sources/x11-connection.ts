/**
 * One long-lived X connection over the pure-JavaScript `x11` package, with promise-returning requests.
 *
 * What this adds to the bare client:
 * - every request settles: X errors reject with an `X11RequestError` (and are marked handled, so they never
 *   surface as an 'error' event), and when the connection is lost every pending request rejects instead of
 *   waiting forever;
 * - atoms are interned once per connection (node-x11 4.2.2 shares one atom cache between all clients of a
 *   process, which is wrong as soon as two servers are involved; each connection gets its own here);
 * - a clear error when the server cannot be reached.
 */
import x11 from 'x11';
import type { GetPropertyReply, WindowAttributes, XClient, XDisplay, XError, XEvent } from 'x11';
import { DisplayLostError } from './source-errors';

/** X protocol error codes used here (X11 protocol, section 4). */
export const X_ERROR = { BadWindow: 3, BadAtom: 5, BadDrawable: 9, BadMatch: 8 } as const;

/** Atoms 1..68 are fixed by the protocol; anything above is server-specific. */
const LAST_PREDEFINED_ATOM = 68;

/** An X error caused by one request. */
export class X11RequestError extends Error {
  readonly code: number;
  readonly badValue: number;
  constructor(request: string, err: XError) {
    super(`X11 ${request} failed: ${err.message || `error ${err.error}`} (code ${err.error}, value 0x${(err.badParam >>> 0).toString(16)})`);
    this.name = 'X11RequestError';
    this.code = err.error;
    this.badValue = err.badParam;
  }
  /** The window (or drawable) named in the request no longer exists. */
  get isGone(): boolean {
    return this.code === X_ERROR.BadWindow || this.code === X_ERROR.BadDrawable;
  }
}

/** The connection to the X server is gone (server exited, socket closed, or close() was called). */
export class X11ConnectionLostError extends DisplayLostError {
  constructor(display: string, cause?: Error, closedByUs = false) {
    super(
      closedByUs
        ? `The connection to the X server at ${display} is closed`
        : `The connection to the X server at ${display} was lost${cause ? `: ${cause.message}` : ''}`,
    );
    this.name = 'X11ConnectionLostError';
  }
}

export interface OpenX11ConnectionOptions {
  /** Display string such as ":0"; defaults to $DISPLAY. */
  display?: string;
  /** Give up connecting after this many milliseconds (default 10 000): a remote display may never answer. */
  connectTimeoutMs?: number;
}

export function describeDisplay(display: string | undefined): string {
  return display === undefined || display === '' ? '(DISPLAY unset)' : display;
}

function connectError(display: string | undefined, detail: string): Error {
  return new Error(`Cannot connect to the X server at ${describeDisplay(display)} — is DISPLAY set and X running? (${detail})`);
}

/** One property value as read from the server. */
export interface PropertyValue {
  /** Type atom; 0 when the property does not exist. */
  type: number;
  format: number;
  data: Buffer;
  /** True when the value was longer than requested and cut. */
  truncated: boolean;
}

export class X11Connection {
  readonly display: string;
  readonly client: XClient;
  readonly xdisplay: XDisplay;
  readonly root: number;
  private readonly atomIds = new Map<string, number>();
  private readonly atomLookups = new Map<string, Promise<number>>();
  private readonly pending = new Set<(err: Error) => void>();
  private lostError: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly eventListeners = new Set<(ev: XEvent) => void>();

  private constructor(display: string, xdisplay: XDisplay) {
    this.display = display;
    this.xdisplay = xdisplay;
    this.client = xdisplay.client;
    const screen = xdisplay.screen[0];
    if (!screen) throw new Error(`The X server at ${display} reports no screen`);
    this.root = screen.root;
    // See the module comment: start from the protocol's predefined atoms only.
    const ownAtoms: Record<string, number> = {};
    const ownNames: Record<number, string> = {};
    for (const [name, id] of Object.entries(this.client.atoms)) {
      if (id <= LAST_PREDEFINED_ATOM) {
        ownAtoms[name] = id;
        ownNames[id] = name;
      }
    }
    this.client.atoms = ownAtoms;
    this.client.atom_names = ownNames;
    for (const [name, id] of Object.entries(ownAtoms)) this.atomIds.set(name, id);

    this.client.on('error', (err: Error) => {
      // Errors of our own requests are routed to their callbacks; what arrives here is either a socket
      // error (the connection is unusable) or an X error nobody claimed (harmless, ignored).
      if (!isXError(err)) this.markLost(err);
    });
    this.client.on('end', () => this.markLost());
    this.client.on('event', (ev: XEvent) => {
      for (const listener of this.eventListeners) listener(ev);
    });
  }

  /** Opens the connection, or rejects with "Cannot connect to the X server at … — is DISPLAY set and X running?". */
  static open(options: OpenX11ConnectionOptions = {}): Promise<X11Connection> {
    const display = options.display ?? process.env.DISPLAY;
    if (display === undefined || display.trim() === '') {
      return Promise.reject(connectError(display, 'DISPLAY is not set'));
    }
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    return new Promise<X11Connection>((resolve, reject) => {
      let settled = false;
      let client: XClient | null = null;
      const fail = (detail: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (client) {
          client.removeAllListeners('error');
          client.on('error', () => undefined);
          try {
            client.terminate();
          } catch {
            // the stream may not exist yet
          }
        }
        reject(connectError(display, detail));
      };
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      try {
        client = x11.createClient(
          // shm: false — a plain socket, no fd passing (we never use MIT-SHM).
          // disableBigRequests — nothing here is big, so skip the extra handshake round trip.
          { display, shm: false, disableBigRequests: true },
          (err, xdisplay) => {
            if (err) return fail(err.message);
            if (settled) {
              // Connected after we gave up: do not leave the socket open.
              xdisplay.client.terminate();
              return;
            }
            settled = true;
            clearTimeout(timer);
            try {
              resolve(new X11Connection(display, xdisplay));
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          },
        );
        // Handshake failures (e.g. "Authorization required") are emitted as 'error', not passed to the callback.
        client.on('error', (err: Error) => fail(err.message));
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    });
  }

  /** Non-null once the connection is unusable. */
  get lost(): Error | null {
    return this.lostError;
  }

  private markLost(cause?: Error, closedByUs = false): void {
    if (this.lostError) return;
    this.lostError = new X11ConnectionLostError(this.display, cause, closedByUs);
    const rejecters = [...this.pending];
    this.pending.clear();
    for (const reject of rejecters) reject(this.lostError);
  }

  /**
   * Issues one request and settles with its reply. `issue` receives the callback to pass to the client;
   * X errors reject with X11RequestError and are marked handled.
   */
  request<T>(name: string, issue: (cb: (err: XError | null | undefined, result: T) => boolean) => void): Promise<T> {
    if (this.lostError) return Promise.reject(this.lostError);
    return new Promise<T>((resolve, reject) => {
      const onLost = (err: Error): void => reject(err);
      this.pending.add(onLost);
      try {
        issue((err, result) => {
          this.pending.delete(onLost);
          if (err) reject(new X11RequestError(name, err));
          else resolve(result);
          return true;
        });
      } catch (e) {
        // The client throws synchronously once it is closing.
        this.pending.delete(onLost);
        reject(this.lostError ?? (e instanceof Error ? e : new Error(String(e))));
      }
    });
  }

  /** A request without a reply, confirmed by the server (the client adds a round trip when needed). */
  voidRequest(name: string, issue: (cb: (err: XError | null | undefined) => boolean) => void): Promise<void> {
    return this.request<undefined>(name, (cb) => issue((err) => cb(err, undefined)));
  }

  /** The id of an atom, interned (created if missing) once per connection. */
  atom(name: string): Promise<number> {
    const known = this.atomIds.get(name);
    if (known !== undefined) return Promise.resolve(known);
    let lookup = this.atomLookups.get(name);
    if (!lookup) {
      lookup = this.request<number>('InternAtom', (cb) => this.client.InternAtom(false, name, cb)).then(
        (id) => {
          this.atomIds.set(name, id);
          this.atomLookups.delete(name);
          return id;
        },
        (err: unknown) => {
          this.atomLookups.delete(name);
          throw err;
        },
      );
      this.atomLookups.set(name, lookup);
    }
    return lookup;
  }

  /** Interns several atoms with one batch of pipelined requests. */
  async atoms<const N extends string>(names: readonly N[]): Promise<Record<N, number>> {
    const ids = await Promise.all(names.map((n) => this.atom(n)));
    const out = {} as Record<N, number>;
    names.forEach((n, i) => {
      out[n] = ids[i]!;
    });
    return out;
  }

  /** The atom's name if this connection already interned it (no round trip). */
  atomNameIfKnown(id: number): string | undefined {
    for (const [name, known] of this.atomIds) if (known === id) return name;
    return undefined;
  }

  /**
   * Reads a property (any type). `maxBytes` bounds the value read (rounded up to 4-byte units).
   * Rejects with X11RequestError (isGone) when the window does not exist.
   */
  async getProperty(window: number, property: number, maxBytes = 1 << 16): Promise<PropertyValue> {
    const longLength = Math.ceil(maxBytes / 4);
    const reply = await this.request<GetPropertyReply>('GetProperty', (cb) => this.client.GetProperty(0, window, property, 0, 0, longLength, cb));
    return { type: reply.type, format: reply.format, data: reply.data, truncated: reply.bytesAfter > 0 };
  }

  /** Reads a 32-bit CARDINAL/WINDOW-like property's first value, or null when absent or malformed. */
  async getCard32(window: number, property: number): Promise<number | null> {
    const value = await this.getProperty(window, property, 4);
    return firstCard32(value, this.xdisplay.byte_order);
  }

  changeProperty(window: number, property: number, type: number, format: 8 | 16 | 32, data: Buffer | number[], mode: 0 | 1 | 2 = 0): Promise<void> {
    return this.voidRequest('ChangeProperty', (cb) => this.client.ChangeProperty(mode, window, property, type, format, data, cb));
  }

  deleteProperty(window: number, property: number): Promise<void> {
    return this.voidRequest('DeleteProperty', (cb) => this.client.DeleteProperty(window, property, cb));
  }

  changeWindowAttributes(window: number, values: WindowAttributes): Promise<void> {
    return this.voidRequest('ChangeWindowAttributes', (cb) => this.client.ChangeWindowAttributes(window, values, cb));
  }

  /** Round trip: every request issued before has been processed and every event it caused delivered. */
  sync(): Promise<void> {
    return this.request<undefined>('GetInputFocus', (cb) => this.client.GetInputFocus((err) => cb(err, undefined)));
  }

  /** Subscribes to every event on this connection; returns the unsubscribe function. */
  onEvent(listener: (ev: XEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Closes the connection (idempotent). Pending requests reject with X11ConnectionLostError. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = new Promise<void>((resolve) => {
      const alreadyLost = this.lostError !== null;
      this.markLost(undefined, true);
      this.eventListeners.clear();
      if (alreadyLost) {
        resolve();
        return;
      }
      // The server answers our end of stream by closing its side ('end'); a server that stopped answering
      // must not keep close() waiting, so the wait is bounded.
      const fallback = setTimeout(resolve, 2000);
      fallback.unref();
      this.client.once('end', () => {
        clearTimeout(fallback);
        resolve();
      });
      try {
        this.client.terminate();
      } catch {
        clearTimeout(fallback);
        resolve();
      }
    });
    return this.closing;
  }
}

function isXError(err: Error): err is XError {
  return typeof (err as Partial<XError>).error === 'number' && typeof (err as Partial<XError>).seq === 'number';
}

/** First 32-bit element of a format-32 property, in the connection's byte order; null if absent. */
export function firstCard32(value: PropertyValue, byteOrder: number): number | null {
  if (value.type === 0 || value.format !== 32 || value.data.length < 4) return null;
  return byteOrder === 1 ? value.data.readUInt32BE(0) : value.data.readUInt32LE(0);
}
