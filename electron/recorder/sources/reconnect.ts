/** Waits between reconnection attempts: the first after `firstMs`, doubling up to `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };

/** The wait after `failures` failed attempts in a row (1, 2, 4 … s, capped). */
export function backoffDelayMs(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, failures - 1));
}

export interface ReconnectingOptions<T> {
  /** Opens a fresh connection; rejects when it cannot. */
  open(): Promise<T>;
  /** True once the connection is unusable. */
  isLost(connection: T): boolean;
  /** Releases a connection (a lost one, or the live one at close). */
  dispose(connection: T): Promise<void>;
  /** The error to report while the connection is down: `cause` is the last failure. */
  unavailable(cause: Error): Error;
  /** Monotonic milliseconds: the injected clock, so tests drive the backoff without waiting. */
  monotonic(): number;
  backoff?: Backoff;
}

/**
 * A connection that is replaced when it is lost. Reconnection is lazy: the first use after the loss tries at
 * once, then each failure doubles the wait before the next try (capped); uses in between fail at once with
 * `unavailable`, without touching the network. Concurrent uses share one attempt.
 */
export class Reconnecting<T> {
  private current: T | null;
  private attempt: Promise<T> | null = null;
  private failures = 0;
  private nextTryMono = -Infinity;
  private lastError: Error | null = null;
  private closed = false;
  private readonly options: ReconnectingOptions<T>;
  private readonly backoff: Backoff;

  constructor(initial: T, options: ReconnectingOptions<T>) {
    this.current = initial;
    this.options = options;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Attempts made since the connection was last up: for tests and logs. */
  get failedAttempts(): number {
    return this.failures;
  }

  /** The live connection, a new one if it is due, or a rejection with `unavailable`. */
  get(): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The connection is closed'));
    const current = this.current;
    if (current !== null && !this.options.isLost(current)) return Promise.resolve(current);
    if (current !== null) {
      this.current = null;
      void this.options.dispose(current).catch(() => undefined);
    }
    if (this.attempt) return this.attempt;
    if (this.options.monotonic() < this.nextTryMono) return Promise.reject(this.options.unavailable(this.lastError ?? new Error('connection lost')));
    const attempt = this.options.open().then(
      async (connection) => {
        this.attempt = null;
        if (this.closed) {
          await this.options.dispose(connection);
          throw new Error('The connection is closed');
        }
        this.current = connection;
        this.failures = 0;
        this.nextTryMono = -Infinity;
        return connection;
      },
      (err: unknown) => {
        this.attempt = null;
        this.failures += 1;
        this.lastError = err instanceof Error ? err : new Error(String(err));
        this.nextTryMono = this.options.monotonic() + backoffDelayMs(this.failures, this.backoff);
        throw this.options.unavailable(this.lastError);
      },
    );
    this.attempt = attempt;
    return attempt;
  }

  /** Closes the live connection; later uses reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const current = this.current;
    this.current = null;
    if (current !== null) await this.options.dispose(current);
  }
}
