import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isRequestName, requestSchemas, type ApiHandlers } from '../../../shared/api/contract';
import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { CHANGES, dispatch, type Dispatcher } from './dispatch';
import { ReadPool } from './read-pool';
import { READ_LANES, type ReadLane } from './read-requests';
import { sharedRead } from './shared-read';

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
export function offthreadDispatcher(handlers: ApiHandlers, pools: ReadPools | null, clock: Pick<Clock, 'monotonic'> = systemClock): Dispatcher {
  if (pools === null) return (name, input) => dispatch(handlers, name, input);
  let changes = 0;
  // Status requests share reads, and a recent answer is given again at once (shared-read.ts).
  const status = sharedRead({ read: () => pools.status.run('status.get', {}), changes: () => changes, now: () => clock.monotonic() });
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
