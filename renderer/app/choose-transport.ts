import type { ApiTransport } from '../../shared/api/contract';
import { HttpTransport } from '../transport/http-transport';

declare global {
  interface Window {
    /** The Electron preload's bridge: one typed request function and one event subscription. */
    stint?: ApiTransport;
  }
}

/**
 * The desktop app's preload exposes `window.stint`; in a browser the page came from `stint track` and
 * talks to it over HTTP and server-sent events.
 */
export function chooseTransport(win: Window, onConnectionChange: (connected: boolean) => void): ApiTransport {
  const bridge = win.stint;
  if (bridge && typeof bridge.request === 'function' && typeof bridge.subscribe === 'function') {
    // Calls go through the bridge object itself: contextBridge functions are not meant to be detached.
    return { request: (name, input) => bridge.request(name, input), subscribe: (listener) => bridge.subscribe(listener) };
  }
  return new HttpTransport({ onConnectionChange });
}
