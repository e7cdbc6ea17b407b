import type { ApiEvent, ApiResult, ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';

/*
 * The views' API in a browser: requests are POSTs to the recorder's local server (`stint track`), events
 * come over one shared EventSource. Browser code only: fetch, EventSource, the DOM.
 *
 * A page served by the recorder holds no credential: the browser signed in with a one-time link (`stint
 * open`) and its HttpOnly session cookie goes with every same-origin fetch and EventSource. Programs that
 * are not a signed-in browser (tests, tools) pass the API token instead, sent as `Authorization: Bearer`.
 */

/**
 * What the transport needs from an event stream; the default is the browser's EventSource, which sends
 * the session cookie and no other headers (it is only used without a token).
 */
export type OpenEventChannel = (
  url: string,
  on: {
    open(): void;
    message(data: string): void;
    /** closed: the stream gave up (an HTTP error); false while it reconnects on its own. */
    error(closed: boolean): void;
  },
  /** Authorization when the transport has a token. */
  headers: Record<string, string>,
) => { close(): void };

export interface HttpTransportOptions {
  /** The recorder's origin, e.g. http://127.0.0.1:23600; default: this page's origin. */
  baseUrl?: string;
  /** The API token, for a program; default none: a browser page relies on its session cookie. */
  token?: string;
  fetch?: typeof fetch;
  openEventChannel?: OpenEventChannel;
  /** Pause before reopening a stream that gave up, by attempt (1, 2, …); default 1 s doubling to 30 s. */
  reconnectDelayMs?: (attempt: number) => number;
  /** Timer for reconnects; default the browser's setTimeout. Returns the cancel. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Told when the event stream connects (true) and when it is lost (false). */
  onConnectionChange?: (connected: boolean) => void;
}

const browserEventChannel: OpenEventChannel = (url, on) => {
  const source = new EventSource(url);
  source.onopen = () => on.open();
  source.onmessage = (event: MessageEvent<unknown>) => on.message(String(event.data));
  source.onerror = () => on.error(source.readyState === EventSource.CLOSED);
  return { close: () => source.close() };
};

const browserSchedule = (fn: () => void, ms: number): (() => void) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export class HttpTransport implements ApiTransport {
  private readonly base: string;
  private readonly auth: Record<string, string>;
  private readonly fetchImpl: typeof fetch;
  private readonly openChannel: OpenEventChannel;
  private readonly reconnectDelayMs: (attempt: number) => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  private readonly onConnectionChange: (connected: boolean) => void;

  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private channel: { close(): void } | null = null;
  private cancelReconnect: (() => void) | null = null;
  private attempts = 0;
  private connected = false;

  constructor(options: HttpTransportOptions = {}) {
    const base = options.baseUrl ?? (typeof location === 'undefined' ? undefined : location.origin);
    if (base === undefined) throw new Error('HttpTransport needs baseUrl outside a browser page.');
    this.base = base.replace(/\/+$/, '');
    this.auth = options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` };
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.openChannel = options.openEventChannel ?? browserEventChannel;
    this.reconnectDelayMs = options.reconnectDelayMs ?? ((attempt) => Math.min(30_000, 1000 * 2 ** (attempt - 1)));
    this.schedule = options.schedule ?? browserSchedule;
    this.onConnectionChange = options.onConnectionChange ?? (() => undefined);
  }

  async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}/api/${name}`, {
        method: 'POST',
        headers: { ...this.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return { ok: false, error: this.unreachable() };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (isResult(body)) return body as ApiResult<ResponseMap[N]>;
    return { ok: false, error: `The Stint recorder at ${this.base} answered ${response.status} ${response.statusText} without a result.` };
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    // A wrapper per call: the same function subscribed twice is two subscriptions.
    const own = (event: ApiEvent) => listener(event);
    this.listeners.add(own);
    if (this.listeners.size === 1) this.connect();
    return () => {
      if (!this.listeners.delete(own)) return;
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  private connect(): void {
    this.cancelReconnect = null;
    const url = `${this.base}/api/events`;
    const channel = this.openChannel(
      url,
      {
        open: () => {
          if (this.channel !== channel) return;
          this.attempts = 0;
          this.setConnected(true);
        },
        message: (data) => {
          if (this.channel !== channel) return;
          const event = parseEvent(data);
          if (event) for (const listener of [...this.listeners]) listener(event);
        },
        error: (closed) => {
          if (this.channel !== channel) return;
          this.setConnected(false);
          if (!closed) return; // EventSource retries by itself
          channel.close();
          this.channel = null;
          this.attempts += 1;
          this.cancelReconnect = this.schedule(() => this.connect(), this.reconnectDelayMs(this.attempts));
        },
      },
      this.auth,
    );
    this.channel = channel;
  }

  private disconnect(): void {
    this.cancelReconnect?.();
    this.cancelReconnect = null;
    const channel = this.channel;
    this.channel = null;
    channel?.close();
    this.attempts = 0;
    this.setConnected(false);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.onConnectionChange(connected);
  }

  private unreachable(): string {
    return `Cannot reach the Stint recorder at ${this.base}. Is \`stint track\` running?`;
  }
}

function isResult(body: unknown): body is { ok: true; data: unknown } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  return body.ok === true ? 'data' in body : body.ok === false && 'error' in body && typeof body.error === 'string';
}

function parseEvent(data: string): ApiEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') return value as ApiEvent;
  } catch {
    // not an event; ignore it
  }
  return null;
}
