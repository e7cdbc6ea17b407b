import type { ApiEvent, ApiResult } from '../../../shared/api/contract';
import { createEmitter } from '../api/emitter';
import type { PowerEvents } from '../power-events';
import type { IdleSource } from '../sources/idle-source';
import { asApiEvent, fromHostSchema, type ToHost } from './host-protocol';
import type { MessagePortLike } from './message-port';

export interface HostClientOptions {
  /** Electron's powerMonitor idle time, handed to the host whenever its recorder samples. */
  idle: IdleSource;
  /** powerMonitor's suspend, lock and shutdown events, forwarded to the host. */
  power: PowerEvents;
  log: (message: string) => void;
}

export interface HostClient {
  /** Settles when the host has opened the database: why it does not record, if it does not; rejects if it could not start. */
  readonly ready: Promise<{ notRecording: string | null }>;
  /** One API request, validated and answered by the host; never rejects. */
  request(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The host's ApiEvents (recorder events, `changed`); returns the unsubscribe. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** Called once the host has stopped and saved the recorder for a system shutdown. */
  onShutdown(listener: () => void): () => void;
  /** Asks the host to stop and save everything; settles when it has, or when it is gone. */
  stop(reason: string): Promise<void>;
  /** The host process has gone (it exited or crashed): every waiting and later request is answered with why. */
  close(reason: string): void;
}

/**
 * The main process's end of the channel to the recorder host (docs/architecture.md). The main process keeps
 * nothing but this: the tray, the windows, the notifications and the shortcuts ask the host through
 * `request`, so no report, however long, runs on the thread that draws the tray.
 */
export function connectHost(port: MessagePortLike, options: HostClientOptions): HostClient {
  const { log } = options;
  const events = createEmitter<ApiEvent>((error) => log(`stint: event listener failed: ${String(error)}`));
  const shutdowns = createEmitter<'shutdown'>((error) => log(`stint: shutdown listener failed: ${String(error)}`));
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const stopWaits: (() => void)[] = [];
  let nextId = 1;
  let gone: string | null = null;
  let settleReady: { resolve: (value: { notRecording: string | null }) => void; reject: (error: Error) => void } | null = null;
  const ready = new Promise<{ notRecording: string | null }>((resolve, reject) => (settleReady = { resolve, reject }));
  // Requests wait for `ready`; a failed start is reported through ready, and through each request's answer.
  ready.catch(() => undefined);

  const post = (message: ToHost) => port.postMessage(message);
  const unavailable = (): ApiResult<never> => ({
    ok: false,
    error: `Stint’s recorder is not running (${gone ?? 'it has not started'}). Quit Stint and open it again.`,
  });

  port.on('message', ({ data }) => {
    const parsed = fromHostSchema.safeParse(data);
    if (!parsed.success) {
      log(`stint: dropped a message from the recorder host that does not fit the protocol: ${JSON.stringify(data)}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        settleReady?.resolve({ notRecording: message.notRecording });
        break;
      case 'failed':
        close(message.error);
        break;
      case 'response':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        break;
      case 'event':
        events.emit(asApiEvent(message.event));
        break;
      case 'idle-query':
        options.idle.idleMs().then(
          (idleMs) => post({ type: 'idle', id: message.id, idleMs: Math.max(0, idleMs) }),
          (error: unknown) => {
            log(`stint: reading the idle time failed: ${String(error)}`);
            post({ type: 'idle', id: message.id, idleMs: 0 });
          },
        );
        break;
      case 'shutdown':
        shutdowns.emit('shutdown');
        break;
      case 'stopped':
        for (const resolve of stopWaits.splice(0)) resolve();
        break;
    }
  });
  port.start();
  const offPower = options.power.subscribe((event) => post({ type: 'power', event }));

  function close(reason: string): void {
    if (gone !== null) return;
    gone = reason;
    offPower();
    settleReady?.reject(new Error(reason));
    for (const answer of pending.values()) answer(unavailable());
    pending.clear();
    for (const resolve of stopWaits.splice(0)) resolve();
  }

  return {
    ready,
    async request(name, input) {
      try {
        await ready;
      } catch {
        return unavailable();
      }
      if (gone !== null) return unavailable();
      return new Promise<ApiResult<unknown>>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        post({ type: 'request', id, name, input });
      });
    },
    subscribe: (listener) => events.subscribe(listener),
    onShutdown: (listener) => shutdowns.subscribe(() => listener()),
    stop(reason) {
      if (gone !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        stopWaits.push(resolve);
        post({ type: 'stop', reason });
      });
    },
    close,
  };
}
