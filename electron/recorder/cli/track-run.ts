// `stint track` itself: the recorder, its sources, the local server and the read workers (cli/track-command.ts defines the command).
import { fileURLToPath } from 'node:url';
import type { ChangedWhat } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { UserError } from '../../../shared/user-error';
import type { LocalServer } from '../api/local-server';
import type { ReadPools } from '../api/offthread-dispatch';
import { SIGN_IN_CODE_TTL_MS } from '../api/browser-sign-in';
import { createEmitter } from '../api/emitter';
import { systemClock } from '../clock/system-clock';
import { Recorder } from '../recorder';
import type { AwServer } from '../activitywatch/aw-server';
import { pulseTimeMs } from '../../../shared/recording/pulse';
import { version } from '../../../package.json';
import { openPlatformSources } from '../sources/platform-sources';
import { acquireLock, updateLock } from '../store/recorder-lock';
import { Store } from '../store/store';
import { collectGarbage } from './collect-garbage';
import { formatEvent } from './format-event';
import { dbPathFrom } from './options';
import type { TrackOptions } from './track-command';
import { tokenVaultFor } from '../sync/token-vault';
import { fetchHttp } from '../sync/sync-client';
import { pusherOptionsFromEnv } from '../sync/sync-env';
import type { PusherEvent } from '../sync/pusher';
import { clockSkewWords, syncProblemWords } from '../../../shared/sync/sync-words';
import { CLOCK_SKEW_WARN_MS } from '../../../shared/sync/device-sync';
import { writeOut } from './stdout';

/** dist/, where the bundled CLI (dist/cli.js) and its read worker (dist/read-worker.cjs) are. */
function distDir(): string {
  return fileURLToPath(new URL('./', import.meta.url));
}

/** The built views: dist/renderer/ beside the bundled CLI (dist/cli.js). */
function viewsDir(): string {
  return fileURLToPath(new URL('./renderer/', import.meta.url));
}

export async function track(options: TrackOptions): Promise<void> {
  const dbPath = dbPathFrom(options);
  const store = Store.open(dbPath);
  const sources = await openPlatformSources({ windowSource: options.windowSource }).catch((error: unknown) => {
    store.close();
    throw error instanceof UserError ? error : new UserError(`Cannot read the active window: ${(error as Error).message}`);
  });
  let aw: AwServer | null = null;
  let tabs: typeof import('../activitywatch/browser-tabs-source') | null = null;
  if (options.awPort !== undefined) {
    try {
      // Loaded only with --aw-port: the listener, its zod schemas and the ActivityWatch importer are not the recorder's.
      const [{ startAwServer }, browserTabs] = await Promise.all([import('../activitywatch/aw-server'), import('../activitywatch/browser-tabs-source')]);
      tabs = browserTabs;
      aw = await startAwServer({ store, dbPath, clock: systemClock, version, port: options.awPort });
    } catch (error) {
      await sources.close().catch(() => undefined);
      store.close();
      throw awListenError(error, options.awPort);
    }
  }
  const zone = systemClock.timeZone();
  const log = (line: string) => writeOut(`${line}\n`);
  const listenerFailed = (error: unknown) => process.stderr.write(`stint: event listener failed: ${String(error)}\n`);
  const recorderEvents = createEmitter<RecorderEvent>(listenerFailed);
  const changes = createEmitter<ChangedWhat>(listenerFailed);
  const recorder = new Recorder(
    {
      clock: systemClock,
      store,
      // A browser's tab comes from the ActivityWatch browser watcher when it reported within two pulse times.
      activeWindow:
        aw === null || tabs === null
          ? sources.activeWindow
          : tabs.withBrowserTabs(sources.activeWindow, aw.api.heartbeats, systemClock, 2 * pulseTimeMs(options.poll * 1000)),
      idle: sources.idle,
      flushParticipants: aw === null ? [] : [aw.api.heartbeats],
      onEvent: (event) => {
        log(formatEvent(event, zone));
        recorderEvents.emit(event);
      },
      onChanged: (what) => changes.emit(what),
      sync: {
        http: fetchHttp,
        random: Math.random,
        vault: tokenVaultFor(dbPath),
        options: pusherOptionsFromEnv(),
        onEvent: syncLogger(log),
      },
    },
    { pollMs: options.poll * 1000, idleThresholdMs: options.idleThreshold * 1000, autoSession: options.autoSession },
  );
  let release: () => void;
  try {
    release = acquireLock(dbPath, { pid: process.pid, runId: recorder.runId, inForce: recorder.inForce() });
  } catch (error) {
    await aw?.close();
    await sources.close();
    store.close();
    throw error;
  }
  let server: LocalServer | null = null;
  let pools: ReadPools | null = null;
  if (options.ui) {
    try {
      // The server, the handlers and the API's schemas load only when the views are served (not with --no-ui).
      const [{ createHandlers }, { startLocalServer }, { offthreadDispatcher, startReadPools }, { apiToken }] = await Promise.all([
        import('../api/handlers'),
        import('../api/local-server'),
        import('../api/offthread-dispatch'),
        import('../store/api-token'),
      ]);
      // The views' reads run on workers: a long report never holds up the recorder or Ctrl+C.
      pools = startReadPools({ distDir: distDir(), dbPath, recorderPid: process.pid, clock: systemClock, log: (line) => process.stderr.write(`${line}\n`) });
      const handlers = createHandlers({ store, dbPath, clock: systemClock, recorder });
      server = await startLocalServer({
        handlers,
        dispatch: offthreadDispatcher(handlers, pools, systemClock),
        clock: systemClock,
        token: apiToken(store.db),
        viewsDir: viewsDir(),
        port: options.port,
        recorderEvents: recorderEvents.subscribe,
        changes: changes.subscribe,
      });
    } catch (error) {
      await pools?.close();
      await aw?.close();
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
        await aw?.close().catch(() => undefined);
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
  if (aw) log(`ActivityWatch API at http://127.0.0.1:${aw.port}/api/0/ for its watchers and browser extension.`);
  recorder.start();
  // Start-up's garbage goes now, not hours later when the old generation fills (the first sample waits on X meanwhile).
  collectGarbage();
  await stopped;
}

function awListenError(error: unknown, requested: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new UserError(
      `Port ${requested} on 127.0.0.1 is already in use (is ActivityWatch's own server running?). Stop it, or choose another with --aw-port N.`,
    );
  if (code === 'EACCES') return new UserError(`Not allowed to listen on port ${requested}. Choose a port above 1023 with --aw-port N.`);
  return error instanceof Error ? error : new Error(String(error));
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

/** One line when sync starts failing (or fails differently) and one when it catches up again; not one per retry. */
function syncLogger(log: (line: string) => void): (event: PusherEvent) => void {
  let failing: string | null = null;
  let pushed = 0;
  let skewed = false;
  return (event) => {
    if (event.type === 'status') {
      const off = Math.abs(event.clockSkewMs) > CLOCK_SKEW_WARN_MS;
      if (off && !skewed) log(`sync: ${clockSkewWords(event.clockSkewMs)}`);
      skewed = off;
    } else if (event.type === 'pushed') pushed += event.records;
    else if (event.type === 'failed') {
      if (failing !== event.code) log(`sync: ${syncProblemWords(event.code, event.message)}`);
      failing = event.code;
    } else if (event.type === 'drained' && (pushed > 0 || failing !== null)) {
      log(`sync: ${pushed} records sent; the team server is up to date`);
      pushed = 0;
      failing = null;
    }
  };
}
