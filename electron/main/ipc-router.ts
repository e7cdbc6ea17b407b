import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiEvent, ApiResult, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { failureLogLine, internalError } from '../recorder/api/dispatch';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../preload/ipc-channels';
import { isAppUrl } from './app-protocol';

export interface IpcRouterOptions {
  /** Electron's ipcMain (or a stand-in): the router registers one invoke handler on REQUEST_CHANNEL. */
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /**
   * Where requests are answered: the recorder host over its MessagePort (HostClient.request), which
   * validates, dispatches and publishes `changed` events itself.
   */
  request: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  /** Bugs and refused senders; default stderr. */
  log?: (message: string) => void;
}

export interface IpcRouter {
  /**
   * The same request from inside the main process (tray, shortcuts, notifications): validated and
   * dispatched like one from a view, without the sender check.
   */
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>>;
  /** Removes the IPC handler. */
  close(): void;
}

/**
 * The views' API over Electron IPC. Every request must come from a frame showing the app's own
 * `app://stint` origin (a foreign or navigated-away frame is refused before anything else is looked at);
 * then it goes on to the recorder host (docs/architecture.md), which validates the input against the
 * contract's zod schemas and answers `{ ok: true, data }`, a person's mistake (UserError, bad input,
 * unknown request) as `{ ok: false, error }` with its message, and anything else as a generic message while
 * the details are logged.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const run = options.request;

  options.ipcMain.handle(REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? null;
    if (!isTrustedSender(frameUrl)) {
      log(`stint: refused an IPC request from ${frameUrl === null ? 'a frame that is gone' : JSON.stringify(frameUrl)}`);
      return { ok: false, error: 'Requests are accepted from Stint’s own pages only.' } satisfies ApiResult<never>;
    }
    if (typeof name !== 'string') return { ok: false, error: 'The request name must be a string.' } satisfies ApiResult<never>;
    return runLogged(name, input);
  });

  /** run(), with anything it throws (a failing publish, say) logged and answered like a 500. */
  async function runLogged(name: string, input: unknown): Promise<ApiResult<unknown>> {
    try {
      return await run(name, input);
    } catch (cause) {
      const { failure, error } = internalError(cause);
      log(failureLogLine(`request ${name}`, failure));
      return { ok: false, error };
    }
  }

  return {
    call: async (name, input) => (await runLogged(name, input)) as ApiResult<ResponseMap[typeof name]>,
    close: () => options.ipcMain.removeHandler(REQUEST_CHANNEL),
  };
}

/** A sender is trusted when its frame shows a page of the app's own origin, app://stint. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/** What the event fan-out needs of a window: its page's URL and a way to send to it. */
export interface EventWindow {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; getURL(): string; send(channel: string, ...args: unknown[]): void };
}

/**
 * A `send` function for ApiEvents (Signal Desktop style: modules get a function, not windows): each event
 * goes to every live window that shows an app:// page, never to one that navigated elsewhere.
 */
export function windowEventSender(windows: () => readonly EventWindow[]): (event: ApiEvent) => void {
  return (event) => {
    for (const window of windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      if (!isAppUrl(window.webContents.getURL())) continue;
      window.webContents.send(EVENT_CHANNEL, event);
    }
  };
}
