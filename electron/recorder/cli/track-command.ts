import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import type { ChangedWhat } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { UserError } from '../../../shared/user-error';
import { apiToken } from '../store/api-token';
import { SIGN_IN_CODE_TTL_MS } from '../api/browser-sign-in';
import { createEmitter } from '../api/emitter';
import { createHandlers } from '../api/handlers';
import { startLocalServer, type LocalServer } from '../api/local-server';
import { offthreadDispatcher, startReadPools, type ReadPools } from '../api/offthread-dispatch';
import { systemClock } from '../clock/system-clock';
import { Recorder } from '../recorder';
import { openPlatformSources } from '../sources/platform-sources';
import { acquireLock, updateLock } from '../store/recorder-lock';
import { Store } from '../store/store';
import { formatEvent } from './format-event';
import { dbPathFrom, oneOf, port, seconds, type GlobalOptions } from './options';

/**
 * Where `stint track` serves the views and the local API unless told otherwise. Registered with nothing in
 * /etc/services, clear of the ports development tools default to (3000, 5173, 8080, …) and of ActivityWatch's
 * 5600, and below 32768, so it is outside every OS's ephemeral range (Linux 32768–60999, Windows and macOS
 * 49152–65535): an outgoing connection never holds it by chance.
 */
export const DEFAULT_UI_PORT = 23600;

interface TrackOptions extends GlobalOptions {
  poll: number;
  idleThreshold: number;
  autoSession: boolean;
  windowSource: 'x11' | 'get-windows';
  port: number;
  ui: boolean;
}

export function registerTrack(program: Command): void {
  program
    .command('track')
    .description('record the active window, idle time and work sessions until stopped (Ctrl+C); serves the views on 127.0.0.1')
    .option('--poll <seconds>', 'sampling interval', seconds(0.2, 60), 1)
    .option('--idle-threshold <seconds>', 'no input for this long counts as idle', seconds(10, 24 * 3600), 300)
    .option('--window-source <source>', 'Linux: x11 (one X connection) or get-windows (runs xprop per sample)', oneOf(['x11', 'get-windows'] as const), 'x11')
    .option('--no-auto-session', 'do not start a work session with the first activity; clock in with `stint session start`')
    .option('--port <n>', 'port for the views and the local API on 127.0.0.1 (0: any free port)', port, DEFAULT_UI_PORT)
    .option('--no-ui', 'do not serve the views and the local API')
    .action(async (_options: TrackOptions, command: Command) => {
      const options = command.optsWithGlobals<TrackOptions>();
      await track(options);
    });
}

/** dist/, where the bundled CLI (dist/cli.js) and its read worker (dist/read-worker.cjs) are. */
function distDir(): string {
  return fileURLToPath(new URL('./', import.meta.url));
}

/** The built views: dist/renderer/ beside the bundled CLI (dist/cli.js). */
function viewsDir(): string {
  return fileURLToPath(new URL('./renderer/', import.meta.url));
}

async function track(options: TrackOptions): Promise<void> {
  const dbPath = dbPathFrom(options);
  const store = Store.open(dbPath);
  const sources = await openPlatformSources({ windowSource: options.windowSource }).catch((error: unknown) => {
    store.close();
    throw error instanceof UserError ? error : new UserError(`Cannot read the active window: ${(error as Error).message}`);
  });
  const zone = systemClock.timeZone();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const listenerFailed = (error: unknown) => process.stderr.write(`stint: event listener failed: ${String(error)}\n`);
  const recorderEvents = createEmitter<RecorderEvent>(listenerFailed);
  const changes = createEmitter<ChangedWhat>(listenerFailed);
  const recorder = new Recorder(
    {
      clock: systemClock,
      store,
      activeWindow: sources.activeWindow,
      idle: sources.idle,
      onEvent: (event) => {
        log(formatEvent(event, zone));
        recorderEvents.emit(event);
      },
      onChanged: (what) => changes.emit(what),
    },
    { pollMs: options.poll * 1000, idleThresholdMs: options.idleThreshold * 1000, autoSession: options.autoSession },
  );
  let release: () => void;
  try {
    release = acquireLock(dbPath, { pid: process.pid, runId: recorder.runId, inForce: recorder.inForce() });
  } catch (error) {
    await sources.close();
    store.close();
    throw error;
  }
  let server: LocalServer | null = null;
  let pools: ReadPools | null = null;
  if (options.ui) {
    try {
      // The views' reads run on workers: a long report never holds up the recorder or Ctrl+C.
      pools = startReadPools({ distDir: distDir(), dbPath, recorderPid: process.pid, clock: systemClock, log: (line) => process.stderr.write(`${line}\n`) });
      const handlers = createHandlers({ store, dbPath, clock: systemClock, recorder });
      server = await startLocalServer({
        handlers,
        dispatch: offthreadDispatcher(handlers, pools),
        clock: systemClock,
        token: apiToken(store.db),
        viewsDir: viewsDir(),
        port: options.port,
        recorderEvents: recorderEvents.subscribe,
        changes: changes.subscribe,
      });
    } catch (error) {
      await pools?.close();
      await sources.close().catch(() => undefined);
      store.close();
      release();
      throw listenError(error, options.port);
    }
    // Where `stint open` finds the server to ask for a sign-in link.
    updateLock(dbPath, { pid: process.pid, runId: recorder.runId, port: server.port, inForce: recorder.inForce() });
  }
  // Signal handlers go in before the first line is printed: whoever reads the log may signal at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      void recorder.stop(signal === 'SIGHUP' ? 'hangup' : 'quit').finally(async () => {
        // After the recorder stopped, so its last event still reaches the views.
        await server?.close().catch(() => undefined);
        await pools?.close();
        await sources.close().catch(() => undefined);
        store.close();
        release();
        resolve();
      });
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  });
  log(`Recording into ${dbPath} every ${options.poll} s (idle after ${options.idleThreshold} s). Ctrl+C stops.`);
  if (server)
    log(`Views at ${server.signInUrl()} (this sign-in link works once, within ${SIGN_IN_CODE_TTL_MS / 60_000} minutes; later, \`stint open\` makes a new one)`);
  recorder.start();
  await stopped;
}

function listenError(error: unknown, requested: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new UserError(
      `Port ${requested} on 127.0.0.1 is already in use (another \`stint track\`?). Choose another with --port, or record without the views with --no-ui.`,
    );
  if (code === 'EACCES')
    return new UserError(`Not allowed to listen on port ${requested}. Choose a port above 1023 with --port, or record without the views with --no-ui.`);
  return error instanceof Error ? error : new Error(String(error));
}
