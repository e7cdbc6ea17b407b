import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../clock/clock';
import { openWorkerStore } from '../store/worker-connection';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { readWorkerDataSchema, toReadWorkerSchema, type FromReadWorker } from './read-protocol';

/*
 * A read worker (dist/read-worker.cjs): answers the recorder's read requests (read-requests.ts) over its
 * own connection, so a long report never holds up the recorder's sampling and writing, nor its signal
 * handlers. It takes one request at a time; the pool (read-pool.ts) terminates it when one runs past
 * the deadline.
 */

const port = parentPort;
if (port === null) throw new Error('read-worker runs as a worker thread of the recorder (read-pool.ts)');
const { dbPath, recorderPid } = readWorkerDataSchema.parse(workerData);
const store = openWorkerStore(dbPath);

// Each request brings the main thread's reading of the clock (a test's fake clock, too).
let nowMs = 0;
let zone = 'UTC';
const clock: Clock = {
  now: () => nowMs,
  monotonic: () => performance.now(),
  timeZone: () => zone,
  setTimeout: () => {
    throw new Error('a read worker sets no timers');
  },
};
const handlers = createHandlers({ store, dbPath, clock, recorder: null, recorderPid });

port.on('message', (message: unknown) => {
  // A message that does not fit is a bug of the pool: thrown, it ends the worker and the pool answers a failure.
  const request = toReadWorkerSchema.parse(message);
  nowMs = request.nowMs;
  zone = request.timeZone;
  void dispatch(handlers, request.name, request.input).then((result) => {
    const reply: FromReadWorker =
      result.status === 500
        ? { id: request.id, result: { ...result, failure: { id: result.failure.id, cause: describe(result.failure.cause) } } }
        : { id: request.id, result: { ...result, changed: null } };
    port.postMessage(reply);
  });
});

function describe(cause: unknown): string {
  return cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
}
