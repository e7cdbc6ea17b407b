/**
 * A private X server for tests and benchmarks: Xvfb on a free display (learned through -displayfd, never
 * guessed), openbox on it for the EWMH properties a desktop has (_NET_ACTIVE_WINDOW), and helpers to open,
 * title, activate and destroy windows and to simulate input.
 *
 * Every wait is for an observable condition (an X event or a property value), bounded by a deadline that
 * only turns a hang into a clear error; nothing sleeps a fixed time. Every process started here is killed
 * by stop(), and by a process 'exit' hook should a test runner die first.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import x11 from 'x11';
import { X11Connection, X11RequestError, firstCard32 } from '../electron/recorder/sources/x11-connection';

/** Programs the X11 tests need: the server, the window manager and the input/activation tool. */
export const XVFB_TOOLS = ['Xvfb', 'openbox', 'xdotool'] as const;

/** Whether an executable of that name is on PATH (checked without spawning anything). */
export function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(path.join(dir, program), fsConstants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The tools of XVFB_TOOLS that are not installed. */
export function missingXvfbTools(): string[] {
  return XVFB_TOOLS.filter((t) => !onPath(t));
}

/** True when Xvfb, openbox and xdotool are all installed. */
export function xvfbAvailable(): boolean {
  return missingXvfbTools().length === 0;
}

/** CI runs set CI=true; there a missing Xvfb is a failure, not a reason to skip. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Skip a test that needs an extra program (e.g. xterm) when it is missing, except under CI. */
export function skipWithout(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return !onPath(program) && !isCI(env);
}

/**
 * Whether X11 tests should be skipped: only when the tools are missing and this is not CI. Under CI the
 * tests run and startXvfb() throws, so the missing tools fail the run.
 * Usage: `describe.skipIf(skipWithoutXvfb())('…', () => { beforeAll(async () => { x = await startXvfb(); }) })`.
 */
export function skipWithoutXvfb(env: NodeJS.ProcessEnv = process.env, available: boolean = xvfbAvailable()): boolean {
  return !available && !isCI(env);
}

/**
 * Upper bound of every wait here; reaching it is a failure with a message, never a pass. STINT_XVFB_WAIT_MS
 * overrides it (e.g. on a very slow machine).
 */
const WAIT_LIMIT_MS = Number(process.env.STINT_XVFB_WAIT_MS ?? 20_000);

export interface XvfbOptions {
  /** Start openbox (default true). Without it there is no _NET_ACTIVE_WINDOW at all. */
  windowManager?: boolean;
  /** Xvfb screen geometry, default "1280x1024x24". */
  screen?: string;
  /** Run on this display (e.g. the one of a server stopped before, to restart it); default a free one. */
  display?: string;
}

/** Text property value with an explicit type: the bytes are stored exactly as given. */
export interface RawText {
  type: 'STRING' | 'COMPOUND_TEXT' | 'UTF8_STRING';
  bytes: Uint8Array;
}

export interface TestWindowOptions {
  /** _NET_WM_NAME as UTF8_STRING. Omit for none. */
  netWmName?: string;
  /** WM_NAME: a string is stored as STRING in Latin-1 (it must only hold U+0000–U+00FF). Omit for none. */
  wmName?: string | RawText;
  /** WM_CLASS [instance, class]; default ["stint-test", "StintTest"]; null for none. */
  wmClass?: readonly [string, string] | null;
  /** _NET_WM_PID; default none. */
  pid?: number;
  /** Map it (default true). An unmapped window is invisible to the window manager. */
  map?: boolean;
  /** Activate it once managed (default true; needs the window manager). */
  activate?: boolean;
}

export interface XvfbSession {
  /** The display, e.g. ":3". */
  readonly display: string;
  /** process.env with DISPLAY set to this server, for child processes. */
  readonly env: NodeJS.ProcessEnv;
  /** The helper's own X connection (separate from any connection under test). */
  readonly conn: X11Connection;
  readonly hasWindowManager: boolean;
  /** Creates, titles and maps a top-level window with exactly the given properties; waits until managed. */
  openWindow(options?: TestWindowOptions): Promise<number>;
  /** Starts `xterm -T title` and returns its client window once managed. */
  openXterm(title: string): Promise<number>;
  /** Replaces _NET_WM_NAME of a window created by openWindow. */
  setNetWmName(window: number, title: string): Promise<void>;
  /** `xdotool windowactivate`, then waits until _NET_ACTIVE_WINDOW names the window. */
  activate(window: number): Promise<void>;
  /** _NET_ACTIVE_WINDOW on the root as the helper sees it (null when missing or None). */
  activeWindow(): Promise<number | null>;
  /** Waits until _NET_ACTIVE_WINDOW equals `expected` (null: missing or None). */
  waitForActiveWindow(expected: number | null): Promise<void>;
  /** Writes _NET_ACTIVE_WINDOW on the root directly (to point it at a window that no longer exists). */
  setActiveWindowProperty(window: number): Promise<void>;
  /** Destroys a window created by openWindow, or closes a window of another client (xterm). */
  destroyWindow(window: number): Promise<void>;
  /** Moves the pointer (to a different place each call) with xdotool: real input that resets idle time. */
  simulateInput(): Promise<void>;
  /** Runs a program against this display; rejects on failure; killed if it outlives the wait limit. */
  run(program: string, args: readonly string[]): Promise<string>;
  /** Kills everything started here and closes the helper connection (idempotent). */
  stop(): Promise<void>;
}

// Children of all sessions, killed synchronously should the process exit without stop().
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of liveChildren) c.kill('SIGKILL');
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends SIGTERM, waits for the exit, escalates to SIGKILL if it does not come within the limit. */
async function kill(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  await new Promise<void>((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tail(text: string): string {
  const t = text.trim();
  return t.length > 2000 ? `…${t.slice(-2000)}` : t;
}

/** Starts Xvfb with -displayfd and resolves with its display once it accepts connections. */
function startServer(screen: string, display?: string): Promise<{ child: ChildProcess; display: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    // fd 3 is where Xvfb writes the display number once it is ready for clients.
    const child = track(
      spawn('Xvfb', [...(display === undefined ? [] : [display]), '-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp', '-noreset'], {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      }),
    );
    let err = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      err += d;
    });
    let out = '';
    const fd3 = child.stdio[3] as Readable | null | undefined;
    if (!fd3) {
      reject(new Error('Xvfb: no display pipe'));
      return;
    }
    const timer = setTimeout(() => {
      void kill(child);
      reject(new Error(`Xvfb did not report a display within ${WAIT_LIMIT_MS} ms\n${tail(err)}`));
    }, WAIT_LIMIT_MS);
    fd3.setEncoding('utf8');
    fd3.on('data', (d: string) => {
      out += d;
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, display: `:${m[1]}`, stderr: () => err });
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start Xvfb: ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${signal ?? code}) before reporting a display\n${tail(err)}`));
    });
  });
}

/** How often a wait nudges the window manager (see waitUntil). */
const NUDGE_EVERY_MS = 50;

/**
 * Waits for `check()` to return a non-undefined value, re-checking after every X event on `conn` (the
 * caller selects the events that can change the answer). Checks once before waiting, so a condition that
 * already holds resolves at once.
 *
 * With `nudge`, it is also called every NUDGE_EVERY_MS and the condition re-checked — a bounded poll.
 * Openbox needs that: events it reads while finishing its start-up can sit in its Xlib queue, unprocessed,
 * until something else arrives on its connection (seen here: a MapRequest left unhandled indefinitely). A
 * nudge is a harmless root property change, which openbox receives and which wakes it.
 */
async function waitUntil<T>(conn: X11Connection, what: string, check: () => Promise<T | undefined>, nudge?: () => Promise<void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (nudger) clearInterval(nudger);
      unsubscribe();
      fn();
    };
    const fail = (err: unknown): void => finish(() => reject(err instanceof Error ? err : new Error(String(err))));
    const run = (): void => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      check().then(
        (value) => {
          running = false;
          if (value !== undefined) finish(() => resolve(value));
          else if (again) {
            again = false;
            run();
          }
        },
        (err: unknown) => {
          running = false;
          fail(err);
        },
      );
    };
    const unsubscribe = conn.onEvent(() => run());
    const timer = setTimeout(() => fail(new Error(`Timed out waiting for ${what}`)), WAIT_LIMIT_MS);
    const nudger = nudge
      ? setInterval(() => {
          if (!done) nudge().then(run, fail);
        }, NUDGE_EVERY_MS)
      : null;
    run();
  });
}

/** Starts a private Xvfb (and openbox unless windowManager is false). Throws if the tools are missing. */
export async function startXvfb(options: XvfbOptions = {}): Promise<XvfbSession> {
  const missing = missingXvfbTools();
  const withWm = options.windowManager ?? true;
  const needed = missing.filter((t) => t === 'Xvfb' || withWm);
  if (needed.length > 0) {
    throw new Error(
      `X11 tests need ${XVFB_TOOLS.join(', ')}; missing: ${needed.join(', ')}` + (isCI() ? ' (CI is set, so this fails instead of skipping)' : ''),
    );
  }
  const children: ChildProcess[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), 'stint-xvfb-'));
  let conn: X11Connection | null = null;
  const cleanup = async (): Promise<void> => {
    if (conn) await conn.close();
    // Clients first, the server last.
    for (const child of [...children].reverse()) await kill(child);
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    const server = await startServer(options.screen ?? '1280x1024x24', options.display);
    children.push(server.child);
    const display = server.display;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DISPLAY: display,
      // Keep the developer's own openbox config and caches out of the tests.
      XDG_CONFIG_HOME: path.join(scratch, 'config'),
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
      XDG_DATA_HOME: path.join(scratch, 'data'),
    };
    delete env.XAUTHORITY;
    conn = await X11Connection.open({ display });
    const c = conn;
    const root = c.root;
    const atoms = await c.atoms([
      '_NET_ACTIVE_WINDOW',
      '_NET_SUPPORTING_WM_CHECK',
      '_NET_CLIENT_LIST',
      '_NET_WM_NAME',
      '_NET_WM_PID',
      'UTF8_STRING',
      'COMPOUND_TEXT',
      'WM_STATE',
      '_NET_REQUEST_FRAME_EXTENTS',
      '_NET_FRAME_EXTENTS',
      '_STINT_NUDGE',
    ]);
    let nudges = 0;
    const nudgeWm = (): Promise<void> => c.changeProperty(root, atoms._STINT_NUDGE, c.client.atoms.CARDINAL!, 32, [++nudges]);
    const byteOrder = c.xdisplay.byte_order;
    await c.changeWindowAttributes(root, { eventMask: x11.eventMask.PropertyChange | x11.eventMask.SubstructureNotify });

    if (withWm) {
      let wmErr = '';
      const wm = track(spawn('openbox', ['--sm-disable'], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
      children.push(wm);
      wm.stderr?.setEncoding('utf8');
      wm.stderr?.on('data', (d: string) => {
        wmErr += d;
      });
      // EWMH: the WM is up once the root's _NET_SUPPORTING_WM_CHECK names a window that names itself.
      // Openbox sets that as it takes the screen, before it manages anything; _NET_CLIENT_LIST comes later
      // in its start-up, so both are required.
      await waitUntil(c, 'openbox to start', async () => {
        if (exited(wm)) throw new Error(`openbox exited: ${tail(wmErr)}`);
        if ((await c.getProperty(root, atoms._NET_CLIENT_LIST, 4)).type === 0) return undefined;
        const check = firstCard32(await c.getProperty(root, atoms._NET_SUPPORTING_WM_CHECK, 4), byteOrder);
        if (check === null || check === 0) return undefined;
        try {
          const self = firstCard32(await c.getProperty(check, atoms._NET_SUPPORTING_WM_CHECK, 4), byteOrder);
          return self === check ? true : undefined;
        } catch (e) {
          if (e instanceof X11RequestError && e.isGone) return undefined;
          throw e;
        }
      });

      // Then that its event loop answers: _NET_REQUEST_FRAME_EXTENTS on an unmapped probe window is answered
      // with _NET_FRAME_EXTENTS on it. The request is resent as the nudge.
      const probe = c.client.AllocID();
      await c.voidRequest('CreateWindow', (cb) => c.client.CreateWindow(probe, root, 0, 0, 1, 1, 0, 0, 0, 0, { eventMask: x11.eventMask.PropertyChange }, cb));
      const requestExtents = (): Promise<void> =>
        c.voidRequest('SendClientMessage', (cb) =>
          c.client.SendClientMessage(
            root,
            probe,
            atoms._NET_REQUEST_FRAME_EXTENTS,
            32,
            [],
            x11.eventMask.SubstructureRedirect | x11.eventMask.SubstructureNotify,
            cb,
          ),
        );
      await requestExtents();
      await waitUntil(
        c,
        'openbox to answer _NET_REQUEST_FRAME_EXTENTS',
        async () => ((await c.getProperty(probe, atoms._NET_FRAME_EXTENTS, 16)).type !== 0 ? true : undefined),
        requestExtents,
      );
      await c.voidRequest('DestroyWindow', (cb) => c.client.DestroyWindow(probe, cb));
    }

    const ownWindows = new Set<number>();
    let pointerStep = 0;

    const run = (program: string, args: readonly string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = execFile(program, [...args], { env, timeout: WAIT_LIMIT_MS, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
          if (err) reject(new Error(`${program} ${args.join(' ')} failed: ${err.message}\n${tail(stderr)}`));
          else resolve(stdout);
        });
        track(child);
      });

    const activeWindow = async (): Promise<number | null> => {
      const id = firstCard32(await c.getProperty(root, atoms._NET_ACTIVE_WINDOW, 4), byteOrder);
      return id === null || id === 0 ? null : id;
    };

    const waitForActiveWindow = async (expected: number | null): Promise<void> => {
      await waitUntil(
        c,
        `_NET_ACTIVE_WINDOW = ${expected === null ? 'None' : `0x${expected.toString(16)}`}`,
        async () => ((await activeWindow()) === expected ? true : undefined),
        withWm ? nudgeWm : undefined,
      );
    };

    const isManaged = async (window: number): Promise<boolean> => {
      const state = await c.getProperty(window, atoms.WM_STATE, 8);
      return state.type !== 0;
    };

    const activate = async (window: number): Promise<void> => {
      if (!withWm) throw new Error('activate() needs the window manager');
      await c.sync();
      // Not --sync: xdotool would wait without waking openbox (see waitUntil); waitForActiveWindow does.
      await run('xdotool', ['windowactivate', String(window)]);
      await waitForActiveWindow(window);
    };

    const session: XvfbSession = {
      display,
      env,
      conn: c,
      hasWindowManager: withWm,

      async openWindow(opts: TestWindowOptions = {}): Promise<number> {
        const wid = c.client.AllocID();
        const screen = c.xdisplay.screen[0]!;
        await c.voidRequest('CreateWindow', (cb) =>
          c.client.CreateWindow(
            wid,
            root,
            10 + ownWindows.size * 20,
            10 + ownWindows.size * 20,
            320,
            200,
            0,
            0,
            0,
            0,
            { backgroundPixel: screen.white_pixel, eventMask: x11.eventMask.PropertyChange | x11.eventMask.StructureNotify },
            cb,
          ),
        );
        ownWindows.add(wid);
        const writes: Promise<void>[] = [];
        if (opts.netWmName !== undefined) {
          writes.push(c.changeProperty(wid, atoms._NET_WM_NAME, atoms.UTF8_STRING, 8, Buffer.from(opts.netWmName, 'utf8')));
        }
        if (opts.wmName !== undefined) {
          const raw: RawText = typeof opts.wmName === 'string' ? { type: 'STRING', bytes: latin1Bytes(opts.wmName) } : opts.wmName;
          const type = raw.type === 'STRING' ? c.client.atoms.STRING! : raw.type === 'UTF8_STRING' ? atoms.UTF8_STRING : atoms.COMPOUND_TEXT;
          writes.push(c.changeProperty(wid, c.client.atoms.WM_NAME!, type, 8, Buffer.from(raw.bytes)));
        }
        const wmClass = opts.wmClass === undefined ? (['stint-test', 'StintTest'] as const) : opts.wmClass;
        if (wmClass !== null) {
          writes.push(c.changeProperty(wid, c.client.atoms.WM_CLASS!, c.client.atoms.STRING!, 8, Buffer.from(`${wmClass[0]}\0${wmClass[1]}\0`, 'latin1')));
        }
        if (opts.pid !== undefined) writes.push(c.changeProperty(wid, atoms._NET_WM_PID, c.client.atoms.CARDINAL!, 32, [opts.pid]));
        await Promise.all(writes);
        if (opts.map === false) return wid;
        await c.voidRequest('MapWindow', (cb) => c.client.MapWindow(wid, cb));
        if (withWm) {
          // Managed once the WM has set WM_STATE on it (we selected PropertyChange on the window).
          await waitUntil(c, `window 0x${wid.toString(16)} to be managed`, async () => ((await isManaged(wid)) ? true : undefined), nudgeWm);
          if (opts.activate ?? true) await activate(wid);
        }
        return wid;
      },

      async openXterm(title: string): Promise<number> {
        if (!withWm) throw new Error('openXterm() needs the window manager');
        if (!onPath('xterm')) throw new Error('xterm is not installed');
        const term = track(spawn('xterm', ['-T', title, '-e', 'sleep', 'infinity'], { env, stdio: 'ignore' }));
        children.push(term);
        const pid = term.pid;
        if (pid === undefined) throw new Error('Cannot start xterm');
        // The WM lists the client in _NET_CLIENT_LIST once it manages it.
        const wid = await waitUntil(
          c,
          `xterm "${title}" to be managed`,
          async () => {
            if (exited(term)) throw new Error('xterm exited');
            const list = await c.getProperty(root, atoms._NET_CLIENT_LIST, 4096);
            if (list.type === 0 || list.format !== 32) return undefined;
            for (let off = 0; off + 4 <= list.data.length; off += 4) {
              const w = byteOrder === 1 ? list.data.readUInt32BE(off) : list.data.readUInt32LE(off);
              try {
                const p = firstCard32(await c.getProperty(w, atoms._NET_WM_PID, 4), byteOrder);
                if (p === pid) return w;
              } catch (e) {
                if (!(e instanceof X11RequestError && e.isGone)) throw e;
              }
            }
            return undefined;
          },
          nudgeWm,
        );
        await activate(wid);
        return wid;
      },

      async setNetWmName(window: number, title: string): Promise<void> {
        await c.changeProperty(window, atoms._NET_WM_NAME, atoms.UTF8_STRING, 8, Buffer.from(title, 'utf8'));
      },

      activate,
      activeWindow,
      waitForActiveWindow,

      async setActiveWindowProperty(window: number): Promise<void> {
        await c.changeProperty(root, atoms._NET_ACTIVE_WINDOW, c.client.atoms.WINDOW!, 32, [window]);
        await c.sync();
      },

      async destroyWindow(window: number): Promise<void> {
        if (ownWindows.delete(window)) {
          await c.voidRequest('DestroyWindow', (cb) => c.client.DestroyWindow(window, cb));
        } else {
          await run('xdotool', ['windowkill', String(window)]);
        }
        // Gone once the server answers BadWindow for it (the WM's _NET_CLIENT_LIST update wakes the check).
        await waitUntil(
          c,
          `window 0x${window.toString(16)} to be destroyed`,
          async () => {
            try {
              await c.getProperty(window, atoms.WM_STATE, 4);
              return undefined;
            } catch (e) {
              if (e instanceof X11RequestError && e.isGone) return true;
              throw e;
            }
          },
          withWm ? nudgeWm : undefined,
        );
      },

      async simulateInput(): Promise<void> {
        pointerStep += 1;
        const x = 100 + (pointerStep % 2) * 200 + (pointerStep % 7);
        const y = 100 + (pointerStep % 3) * 100;
        await run('xdotool', ['mousemove', '--sync', String(x), String(y)]);
      },

      run,

      stop: (() => {
        let stopping: Promise<void> | null = null;
        return () => (stopping ??= cleanup());
      })(),
    };
    return session;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function latin1Bytes(s: string): Uint8Array {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new Error(`"${s}" is not Latin-1; pass RawText bytes instead`);
  }
  return Buffer.from(s, 'latin1');
}
