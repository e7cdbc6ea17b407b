import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isRequestName, requestSchemas, type ApiHandlers } from '../../../shared/api/contract';
import type { Clock } from '../clock/clock';
import { CHANGES, dispatch, type Dispatched, type Dispatcher } from './dispatch';
import { ReadPool } from './read-pool';
import { READ_LANES, type ReadLane } from './read-requests';

export interface ReadPoolsOptions {
  /** Folder of the bundles: the read worker is read-worker.cjs there. */
  distDir: string;
  dbPath: string;
  /** This process's recorder, so status.get run by a worker says it records; null when none runs here. */
  recorderPid: number | null;
  clock: Clock;
  /** Default 30 s (read-pool.ts). */
  deadlineMs?: number;
  /** Default: the cores but one (at least one, at most four). */
  reportWorkers?: number;
  log: (message: string) => void;
}

export type ReadPools = Record<ReadLane, ReadPool> & { close(): Promise<void> };

/** The read workers of a process that records: one for status, a few for the reports. */
export function startReadPools(options: ReadPoolsOptions): ReadPools {
  const base = {
    entry: resolve(options.distDir, 'read-worker.cjs'),
    worker: { dbPath: options.dbPath, recorderPid: options.recorderPid },
    clock: options.clock,
    log: options.log,
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
  };
  const status = new ReadPool({ ...base, size: 1 });
  const reports = new ReadPool({ ...base, size: options.reportWorkers ?? Math.max(1, Math.min(4, availableParallelism() - 1)) });
  return { status, reports, close: async () => void (await Promise.all([status.close(), reports.close()])) };
}

/**
 * The one dispatch of a process that records (`stint track`, the desktop app's recorder host), for
 * every transport: the reads of read-requests.ts go to the read workers, so the recorder's thread keeps
 * sampling, writing and answering signals while they run; everything else runs here through `dispatch`.
 * Without pools (the CLI's own commands, tests) it is `dispatch` itself.
 */
export function offthreadDispatcher(handlers: ApiHandlers, pools: ReadPools | null): Dispatcher {
  if (pools === null) return (name, input) => dispatch(handlers, name, input);
  let changes = 0;
  const status = shared(
    () => pools.status.run('status.get', {}),
    () => changes,
  );
  return (name, input) => {
    const lane = isRequestName(name) ? READ_LANES[name] : undefined;
    if (lane === undefined) {
      if (isRequestName(name) && CHANGES[name] !== undefined) changes += 1;
      return dispatch(handlers, name, input);
    }
    // Input that does not fit is refused here, before it could share another request's answer.
    if (name === 'status.get' && requestSchemas['status.get'].safeParse(input).success) return status();
    return pools[lane].run(name, input);
  };
}

/**
 * Status requests that arrive while a status read runs share it: every view polls status, and on a busy
 * day it reads the whole of today. Not across a change made through the API, though: a request after one
 * waits for a read that starts after it, so whoever made the change sees it. (The recorder's own writes go
 * on all the time; a status a moment older than the last sample is what the views show anyway.)
 */
function shared(read: () => Promise<Dispatched>, changes: () => number): () => Promise<Dispatched> {
  let running: { answer: Promise<Dispatched>; changes: number } | null = null;
  let next: Promise<Dispatched> | null = null;
  const start = () => {
    const current = { answer: read(), changes: changes() };
    running = current;
    void current.answer.finally(() => {
      if (running === current) running = null;
    });
    return current.answer;
  };
  return () => {
    if (running === null) return start();
    if (running.changes === changes()) return running.answer;
    next ??= running.answer.then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
