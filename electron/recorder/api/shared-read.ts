import type { Dispatched } from './dispatch';

export interface SharedReadOptions {
  /** Runs the read (a status read on a worker). */
  read: () => Promise<Dispatched>;
  /** Counts the changes made through the API so far: an answer read before the last one is never given. */
  changes: () => number;
  /** Monotonic milliseconds (the injected clock's). */
  now: () => number;
  /** An answer whose read started less than this long ago may be given again at once. Default 1000 ms (one poll). */
  reuseMs?: number;
  /** Given again after this long, an answer also starts a new read in the background. Default 200 ms. */
  refreshMs?: number;
}

/**
 * One read for many requests (single flight), for status: every view polls it, and on a busy day it reads
 * the whole of today. Requests that arrive while a read runs share it. An answer whose read started under
 * `reuseMs` ago (one poll) is given again at once, and past `refreshMs` one new read starts in the background
 * for the requests after it: under 50 pollers nobody waits for a read, yet no answer is older than one poll
 * plus one read. Never across a change made through the API: a request after one waits for a read that
 * starts after it, so whoever made the change sees it. Refusals and failures are never given again.
 */
export function sharedRead(options: SharedReadOptions): () => Promise<Dispatched> {
  const reuseMs = options.reuseMs ?? 1000;
  const refreshMs = options.refreshMs ?? 200;
  let running: { answer: Promise<Dispatched>; changes: number } | null = null;
  let next: Promise<Dispatched> | null = null;
  let last: { answer: Dispatched; changes: number; startedAt: number } | null = null;
  const start = () => {
    const current = { answer: options.read(), changes: options.changes() };
    const startedAt = options.now();
    running = current;
    void current.answer.then(
      (answer) => {
        if (running === current) running = null;
        // A newer read may have finished first; keep the newest.
        if (answer.status === 200 && (last === null || last.startedAt <= startedAt)) last = { answer, changes: current.changes, startedAt };
      },
      () => {
        if (running === current) running = null;
      },
    );
    return current.answer;
  };
  return () => {
    const changes = options.changes();
    if (last !== null && last.changes === changes) {
      const age = options.now() - last.startedAt;
      if (age < reuseMs) {
        if (age >= refreshMs && running === null) void start().catch(() => undefined);
        return Promise.resolve(last.answer);
      }
    }
    if (running === null) return start();
    if (running.changes === changes) return running.answer;
    next ??= running.answer
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
