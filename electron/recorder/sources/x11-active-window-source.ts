import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import x11 from 'x11';
import type { XEvent } from 'x11';
import type { ActiveWindowSource, WindowInfo } from './active-window-source';
import { X11RequestError, firstCard32, type PropertyValue, type X11Connection } from './x11-connection';
import { decodeStringType, decodeTextProperty, splitNulList } from './x11-text';

const ATOM_NAMES = [
  '_NET_ACTIVE_WINDOW',
  '_NET_WM_NAME',
  '_NET_WM_PID',
  'UTF8_STRING',
  'COMPOUND_TEXT',
  'WM_NAME',
  'WM_CLASS',
  'WM_CLIENT_MACHINE',
  'STRING',
] as const;
type Atoms = Record<(typeof ATOM_NAMES)[number], number>;

/** Titles longer than this are cut (a title is a line of text; 64 KiB is far beyond any real one). */
const MAX_TEXT_BYTES = 1 << 16;

interface CacheEntry {
  window: number;
  /** Set by a PropertyNotify on one of the properties we read. */
  stale: boolean;
  /** The window's info; shared by concurrent reads. */
  info: Promise<WindowInfo>;
}

export interface X11ActiveWindowSourceOptions {
  /** Reads /proc/<pid>/comm (the app fallback); replaceable in tests. */
  readComm?: (pid: number) => Promise<string | null>;
}

async function readProcComm(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).replace(/\n$/, '');
  } catch {
    return null;
  }
}

/**
 * The focused window on an EWMH window manager, read over one X connection without spawning anything.
 *
 * Each read() costs one round trip — GetProperty(root, _NET_ACTIVE_WINDOW) — when the active window and its
 * title are unchanged: the source selects PropertyChange and StructureNotify on the active window, and
 * because the server delivers events in order with replies, once that reply arrives every change made
 * before it has been seen. Only when the active window changed or one of its properties did are the
 * title, class and pid re-read (pipelined, one more round trip).
 *
 * Title: _NET_WM_NAME (UTF8_STRING), else WM_NAME (STRING, COMPOUND_TEXT or UTF8_STRING).
 * App: WM_CLASS class, else WM_CLASS instance, else /proc/<_NET_WM_PID>/comm when the window runs on this
 * machine, else "".
 */
export class X11ActiveWindowSource implements ActiveWindowSource {
  private readonly conn: X11Connection;
  private readonly atoms: Atoms;
  private readonly watched: ReadonlySet<number>;
  private readonly readComm: (pid: number) => Promise<string | null>;
  private readonly release: () => Promise<void>;
  private readonly unsubscribe: () => void;
  private cache: CacheEntry | null = null;
  /** The window we selected events on, if any. */
  private selected: number | null = null;
  private closed = false;

  private constructor(conn: X11Connection, atoms: Atoms, release: () => Promise<void>, options: X11ActiveWindowSourceOptions) {
    this.conn = conn;
    this.atoms = atoms;
    this.release = release;
    this.readComm = options.readComm ?? readProcComm;
    this.watched = new Set([atoms._NET_WM_NAME, atoms.WM_NAME, atoms.WM_CLASS, atoms._NET_WM_PID, atoms.WM_CLIENT_MACHINE]);
    this.unsubscribe = conn.onEvent((ev) => this.onEvent(ev));
  }

  /**
   * Creates the source over an open connection. `release` is called by close() (the connection may be
   * shared with other sources).
   */
  static async create(
    conn: X11Connection,
    release: () => Promise<void> = () => conn.close(),
    options: X11ActiveWindowSourceOptions = {},
  ): Promise<X11ActiveWindowSource> {
    const atoms = await conn.atoms(ATOM_NAMES);
    return new X11ActiveWindowSource(conn, atoms, release, options);
  }

  private onEvent(ev: XEvent): void {
    const cache = this.cache;
    if (!cache) return;
    if (ev.name === 'PropertyNotify' && ev.wid === cache.window && typeof ev.atom === 'number' && this.watched.has(ev.atom)) {
      cache.stale = true;
    } else if (ev.name === 'DestroyNotify' && ev.wid === cache.window) {
      this.cache = null;
      if (this.selected === cache.window) this.selected = null;
    }
  }

  async read(): Promise<WindowInfo | null> {
    if (this.closed) throw new Error('X11ActiveWindowSource is closed');
    const active = await this.activeWindowId();
    if (active === null) return null;

    let entry = this.cache;
    if (!entry || entry.window !== active || entry.stale) {
      // (Re)read the window. Events are selected first: any change after the server processed the
      // selection produces an event that marks this entry stale, so nothing is missed between the read
      // and the cache.
      this.watch(active);
      const fresh: CacheEntry = { window: active, stale: false, info: this.readWindow(active) };
      fresh.info.catch(() => {
        if (this.cache === fresh) this.cache = null;
      });
      this.cache = entry = fresh;
    }
    try {
      const info = await entry.info;
      return { ...info };
    } catch (err) {
      // The window vanished between reading _NET_ACTIVE_WINDOW and its properties (BadWindow).
      if (err instanceof X11RequestError && err.isGone) return null;
      throw err;
    }
  }

  /** _NET_ACTIVE_WINDOW on the root: null when missing, None, or not a window id. */
  private async activeWindowId(): Promise<number | null> {
    const value = await this.conn.getProperty(this.conn.root, this.atoms._NET_ACTIVE_WINDOW, 4);
    const id = firstCard32(value, this.conn.xdisplay.byte_order);
    return id === null || id === 0 ? null : id;
  }

  private watch(window: number): void {
    if (this.selected === window) return;
    const previous = this.selected;
    this.selected = window;
    const mask = x11.eventMask.PropertyChange | x11.eventMask.StructureNotify;
    // Event selection is per client: this does not disturb what the window's owner selected.
    // Failures (the window is already gone) are expected and ignored; the reads that follow report them.
    if (previous !== null) this.conn.changeWindowAttributes(previous, { eventMask: 0 }).catch(() => undefined);
    this.conn.changeWindowAttributes(window, { eventMask: mask }).catch(() => {
      if (this.selected === window) this.selected = null;
    });
  }

  private async readWindow(window: number): Promise<WindowInfo> {
    const a = this.atoms;
    // Pipelined: four requests, one round trip.
    const [netName, wmName, wmClass, pidProp] = await Promise.all([
      this.conn.getProperty(window, a._NET_WM_NAME, MAX_TEXT_BYTES),
      this.conn.getProperty(window, a.WM_NAME, MAX_TEXT_BYTES),
      this.conn.getProperty(window, a.WM_CLASS, 4096),
      this.conn.getProperty(window, a._NET_WM_PID, 4),
    ]);
    const title = this.title(netName, wmName);
    let app = appFromWmClass(wmClass);
    if (app === '') {
      const pid = firstCard32(pidProp, this.conn.xdisplay.byte_order);
      if (pid !== null && pid > 0 && (await this.runsOnThisMachine(window))) {
        app = (await this.readComm(pid)) ?? '';
      }
    }
    return { app, title };
  }

  private title(netName: PropertyValue, wmName: PropertyValue): string {
    if (netName.type !== 0 && netName.format === 8) {
      const t = decodeTextProperty(this.typeName(netName.type), netName.data);
      if (t !== '') return t;
    }
    if (wmName.type !== 0 && wmName.format === 8) return decodeTextProperty(this.typeName(wmName.type), wmName.data);
    return '';
  }

  private typeName(type: number): string {
    const a = this.atoms;
    if (type === a.UTF8_STRING) return 'UTF8_STRING';
    if (type === a.COMPOUND_TEXT) return 'COMPOUND_TEXT';
    if (type === a.STRING) return 'STRING';
    return this.conn.atomNameIfKnown(type) ?? 'STRING';
  }

  /** WM_CLIENT_MACHINE, when set, must name this host for a pid to mean anything here. */
  private async runsOnThisMachine(window: number): Promise<boolean> {
    const machine = await this.conn.getProperty(window, this.atoms.WM_CLIENT_MACHINE, 1024);
    if (machine.type === 0 || machine.data.length === 0) return true;
    const name = decodeTextProperty(this.typeName(machine.type), machine.data);
    const here = hostname();
    return name === here || name.split('.')[0] === here.split('.')[0];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    const selected = this.selected;
    this.selected = null;
    this.cache = null;
    if (selected !== null && !this.conn.lost) {
      await this.conn.changeWindowAttributes(selected, { eventMask: 0 }).catch(() => undefined);
    }
    await this.release();
  }
}

/** WM_CLASS is "instance\0class\0": the class (e.g. "Firefox"), else the instance, else "". */
export function appFromWmClass(value: PropertyValue): string {
  if (value.type === 0 || value.format !== 8) return '';
  // WM_CLASS is typed STRING; clients that write UTF-8 under it are handled by decodeStringType.
  const [instance, klass] = splitNulList(value.data).map((part) => decodeStringType(part));
  if (klass) return klass;
  return instance ?? '';
}
