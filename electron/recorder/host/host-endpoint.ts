import type { ApiHandlers, ChangedWhat } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { dispatch, failureLogLine, internalError, type Dispatcher } from '../api/dispatch';
import { createEmitter } from '../api/emitter';
import type { PowerEvent, PowerEvents } from '../power-events';
import type { IdleSource } from '../sources/idle-source';
import { toHostSchema, type FromHost, type HostEvent } from './host-protocol';
import type { MessagePortLike } from './message-port';

/** What the endpoint serves once the host has started: the API's handlers, the recorder's events, and stop. */
export interface HostApi {
  handlers: ApiHandlers;
  /** Runs each request; default `dispatch` over handlers here (the recorder host passes offthreadDispatcher). */
  dispatch?: Dispatcher;
  subscribe(listener: (event: RecorderEvent) => void): () => void;
  /** Changes other processes (the CLI) made to the database, so the views reload. */
  subscribeChanges(listener: (what: ChangedWhat) => void): () => void;
  stop(reason: string): Promise<void>;
}

export interface HostEndpoint {
  /** Idle time as the main process reads it from Electron's powerMonitor, asked for over the port. */
  idle: IdleSource;
  /** powerMonitor's events as the main process forwards them. */
  power: PowerEvents;
  /** Starts answering requests with `api` and tells the main process it is ready. */
  serve(api: HostApi, notRecording: string | null): void;
  /** Tells the main process the host could not start, in words for a person. */
  fail(message: string): void;
  /** Tells the main process a system shutdown has stopped and saved the recorder. */
  systemShutdown(): void;
  /** Settles once a `stop` from the main process has been carried out and answered. */
  readonly done: Promise<void>;
}

/**
 * The recorder host's end of its channel to the main process (the utility-process side; docs/architecture.md).
 * Requests go through the same `dispatch` as the local HTTP API, so a request gets the same validation and
 * the same answer over either; a request that changes data is followed by a `changed` event, sent before
 * its answer so that whoever gets the answer has already been told. A bug answers a generic message and
 * its details go to `log`.
 */
export function openHostEndpoint(port: MessagePortLike, log: (message: string) => void): HostEndpoint {
  const post = (message: FromHost) => port.postMessage(message);
  const power = createEmitter<PowerEvent>((error) => log(`stint: power event listener failed: ${describe(error)}`));
  const idleWaits = new Map<number, (idleMs: number) => void>();
  let nextIdleId = 1;
  let api: HostApi | null = null;
  let stopRequested: string | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  async function answer(id: number, name: string, input: unknown): Promise<void> {
    if (api === null) {
      post({ type: 'response', id, result: { ok: false, error: 'Stint is still starting. Try again in a moment.' } });
      return;
    }
    const result = api.dispatch ? await api.dispatch(name, input) : await dispatch(api.handlers, name, input);
    if (result.status === 500) log(failureLogLine(`request ${name}`, result.failure));
    if (result.changed !== null) post({ type: 'event', event: { type: 'changed', what: result.changed } });
    post({ type: 'response', id, result: result.body });
  }

  function stop(reason: string): void {
    if (api === null) {
      // Stopped while starting: serve() stops at once.
      stopRequested = reason;
      return;
    }
    const current = api;
    void current
      .stop(reason)
      .catch((error: unknown) => log(`stint: stopping the recorder failed: ${describe(error)}`))
      .finally(() => {
        post({ type: 'stopped' });
        finish();
      });
  }

  port.on('message', ({ data }) => {
    const parsed = toHostSchema.safeParse(data);
    if (!parsed.success) {
      log(`stint: the recorder host dropped a message it does not understand: ${JSON.stringify(data)}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'request') {
      answer(message.id, message.name, message.input).catch((cause: unknown) => {
        const { failure, error } = internalError(cause);
        log(failureLogLine(`request ${message.name}`, failure));
        post({ type: 'response', id: message.id, result: { ok: false, error } });
      });
    } else if (message.type === 'idle') {
      idleWaits.get(message.id)?.(message.idleMs);
      idleWaits.delete(message.id);
    } else if (message.type === 'power') {
      power.emit(message.event);
    } else {
      stop(message.reason);
    }
  });
  port.start();

  return {
    idle: {
      idleMs: () =>
        new Promise<number>((resolve) => {
          const id = nextIdleId++;
          idleWaits.set(id, resolve);
          post({ type: 'idle-query', id });
        }),
      close: async () => {
        // A sample still waiting when the sources close counts as input just now.
        for (const resolve of idleWaits.values()) resolve(0);
        idleWaits.clear();
      },
    },
    power: { subscribe: (listener) => power.subscribe(listener) },
    serve(served, notRecording) {
      api = served;
      served.subscribe((event) => post({ type: 'event', event: recorderEvent(event) }));
      served.subscribeChanges((what) => post({ type: 'event', event: { type: 'changed', what } }));
      post({ type: 'ready', notRecording });
      if (stopRequested !== null) stop(stopRequested);
    },
    fail: (message) => post({ type: 'failed', error: message }),
    systemShutdown: () => post({ type: 'shutdown' }),
    done,
  };
}

const recorderEvent = (event: RecorderEvent): HostEvent => ({ type: 'recorder', event });

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
