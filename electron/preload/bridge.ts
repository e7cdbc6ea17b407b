import type { ApiEvent, ApiResult, ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from './ipc-channels';

/**
 * What the bridge needs from ipcRenderer: invoke for requests, on/removeListener for the event channel.
 * The first argument of an IPC listener is Electron's event object, which carries the ipcRenderer itself
 * (`event.sender`): it must never reach the page.
 */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The object the preload exposes as `window.stint`: exactly the shared API contract (ApiTransport), one
 * request function and one event subscription, nothing else. Requests are forwarded as they are; the main
 * process checks the sender and validates the input against the contract's schemas.
 */
export function createStintBridge(ipc: RendererIpc): ApiTransport {
  const listeners = new Set<(event: ApiEvent) => void>();
  // One IPC listener for all subscribers, attached while anyone listens; it hands on the payload only.
  const onEvent = (_event: unknown, payload: unknown) => {
    for (const listener of [...listeners]) {
      try {
        listener(payload as ApiEvent);
      } catch (error) {
        // One failing view must not keep the event from the others.
        console.error('stint: an event listener failed', error);
      }
    }
  };

  return Object.freeze({
    request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>> {
      if (typeof name !== 'string') return Promise.resolve({ ok: false, error: 'The request name must be a string.' });
      return ipc.invoke(REQUEST_CHANNEL, name, input) as Promise<ApiResult<ResponseMap[N]>>;
    },
    subscribe(listener: (event: ApiEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
      // A wrapper per subscription, so the same function subscribed twice has two independent unsubscribes.
      const own = (event: ApiEvent) => listener(event);
      if (listeners.size === 0) ipc.on(EVENT_CHANNEL, onEvent);
      listeners.add(own);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(own);
        if (listeners.size === 0) ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  });
}
