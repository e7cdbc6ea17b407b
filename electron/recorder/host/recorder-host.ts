import type { ApiHandlers, ChangedWhat } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { createEmitter } from '../api/emitter';
import type { Dispatcher } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { offthreadDispatcher, startReadPools, type ReadPools } from '../api/offthread-dispatch';
import type { Clock } from '../clock/clock';
import type { PowerEvent, PowerEvents } from '../power-events';
import { Recorder, type RecorderOptions, type RecorderSync } from '../recorder';
import { tokenVaultFor, type TokenCipher } from '../sync/token-vault';
import { fetchHttp } from '../sync/sync-client';
import type { IdleSource } from '../sources/idle-source';
import { openPlatformSources, type PlatformSources, type PlatformSourcesOptions } from '../sources/platform-sources';
import { acquireLock } from '../store/recorder-lock';
import { Store } from '../store/store';

export interface RecorderHostOptions {
  /** The database the CLI uses too (resolveDbPath). */
  dbPath: string;
  clock: Clock;
  /** Electron's powerMonitor idle time. */
  idle: IdleSource;
  /** Electron's powerMonitor suspend/resume/lock/unlock/shutdown events. */
  power: PowerEvents;
  /** Told when the system shuts down (after the recorder has been stopped and flushed): the app quits. */
  onShutdown?: () => void;
  /** Default openPlatformSources; tests pass scripted sources. */
  openSources?: (options: PlatformSourcesOptions) => Promise<PlatformSources>;
  recorderOptions?: Partial<RecorderOptions>;
  pid?: number;
  /** Folder of the bundled read worker (read-worker.cjs): reads then run off the recorder's thread. Default: on it. */
  readWorkersDir?: string;
  /** How long a read may take before it is cancelled; default 30 s. */
  readDeadlineMs?: number;
  /** Sync with the team server; default over fetch with the enrollment beside the database (sealed with tokenCipher when given). */
  sync?: RecorderSync;
  /** The desktop app's cipher for the token (electron/main/token-cipher.ts); none: the plain 0600 file. */
  tokenCipher?: TokenCipher | null;
}

export interface RecorderHost {
  store: Store;
  /** The API's handlers (the same ones the local HTTP server uses), with this process's recorder. */
  handlers: ApiHandlers;
  /** Runs a request: the reads on the read workers when there are some, the rest over `handlers` here. */
  dispatch: Dispatcher;
  /** The recorder in this process, or null when it could not run here (see notRecording). */
  recorder: Recorder | null;
  /** Why nothing is recorded in this process: another recorder holds the database, or no window source. */
  notRecording: string | null;
  /** The recorder's events; returns the unsubscribe. */
  subscribe(listener: (event: RecorderEvent) => void): () => void;
  /** Changes other processes (the CLI) made, as the recorder here learns of them; returns the unsubscribe. */
  subscribeChanges(listener: (what: ChangedWhat) => void): () => void;
  /** Stops the recorder (closing and flushing every open record), then its sources, the lock and the store. Idempotent. */
  stop(reason?: string): Promise<void>;
}

/**
 * The recorder of the desktop app, in its recorder host process (utility-entry.ts), with the idle time and
 * power events the main process forwards from Electron's powerMonitor plugged into the recorder's seams.
 * When it cannot record here (`stint track` already records into the same database, or the active window
 * cannot be read) the app still runs, over the same database, and says why.
 * A system shutdown stops the recorder here, once, before the store closes (the recorder itself never sees
 * the shutdown event, so no second stop can race the close).
 */
export async function startRecorderHost(options: RecorderHostOptions): Promise<RecorderHost> {
  const store = Store.open(options.dbPath);
  const listenerFailed = (error: unknown) => process.stderr.write(`stint: recorder event listener failed: ${String(error)}\n`);
  const events = createEmitter<RecorderEvent>(listenerFailed);
  const changes = createEmitter<ChangedWhat>(listenerFailed);
  const openSources = options.openSources ?? openPlatformSources;

  let recorder: Recorder | null = null;
  let notRecording: string | null = null;
  let sources: PlatformSources | null = null;
  let release: (() => void) | null = null;
  let stopping: Promise<void> | null = null;
  let unsubscribeShutdown: () => void = () => undefined;

  try {
    sources = await openSources({ idle: options.idle });
  } catch (error) {
    notRecording = `cannot read the active window (${(error as Error).message})`;
  }
  if (sources !== null) {
    const withoutShutdown: PowerEvents = {
      subscribe: (listener) =>
        options.power.subscribe((event: PowerEvent) => {
          if (event !== 'shutdown') listener(event);
        }),
    };
    const candidate = new Recorder(
      {
        clock: options.clock,
        store,
        activeWindow: sources.activeWindow,
        idle: sources.idle,
        power: withoutShutdown,
        onEvent: (event) => events.emit(event),
        onChanged: (what) => changes.emit(what),
        pid: options.pid ?? process.pid,
        // The desktop app keeps the team server current as `stint track` does (sync/pusher.ts).
        sync: options.sync ?? { http: fetchHttp, random: Math.random, vault: tokenVaultFor(options.dbPath, options.tokenCipher ?? null) },
      },
      options.recorderOptions,
    );
    try {
      release = acquireLock(options.dbPath, { pid: options.pid ?? process.pid, runId: candidate.runId, inForce: candidate.inForce() });
      recorder = candidate;
    } catch (error) {
      notRecording = (error as Error).message;
      await sources.close().catch(() => undefined);
      sources = null;
    }
  }

  const handlers = createHandlers({ store, dbPath: options.dbPath, clock: options.clock, recorder, tokenCipher: options.tokenCipher ?? null });
  const pools: ReadPools | null =
    options.readWorkersDir === undefined
      ? null
      : startReadPools({
          distDir: options.readWorkersDir,
          dbPath: options.dbPath,
          recorderPid: recorder ? (options.pid ?? process.pid) : null,
          clock: options.clock,
          ...(options.readDeadlineMs === undefined ? {} : { deadlineMs: options.readDeadlineMs }),
          log: (message) => process.stderr.write(`${message}\n`),
        });

  const stop = (reason = 'quit'): Promise<void> =>
    (stopping ??= (async () => {
      unsubscribeShutdown();
      try {
        await recorder?.stop(reason);
      } finally {
        await pools?.close();
        await sources?.close().catch(() => undefined);
        release?.();
        store.close();
      }
    })());

  unsubscribeShutdown = options.power.subscribe((event) => {
    if (event !== 'shutdown') return;
    void stop('shutdown').finally(() => options.onShutdown?.());
  });

  recorder?.start();
  return {
    store,
    handlers,
    dispatch: offthreadDispatcher(handlers, pools, options.clock),
    recorder,
    notRecording,
    subscribe: (listener) => events.subscribe(listener),
    subscribeChanges: (listener) => changes.subscribe(listener),
    stop,
  };
}
