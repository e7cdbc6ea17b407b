import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock/clock';
import { internalError, type Dispatched } from './dispatch';
import { fromReadWorkerSchema, type ReadWorkerData, type ToReadWorker } from './read-protocol';

/** How long a read may take, from its arrival, before it is cancelled. */
export const DEFAULT_READ_DEADLINE_MS = 30_000;

export interface ReadPoolOptions {
  /** The bundled worker, dist/read-worker.cjs (readWorkerEntry). */
  entry: string;
  worker: ReadWorkerData;
  /** Workers at most; each takes one request at a time. */
  size: number;
  /** Times the deadline, and gives each request its now and zone. */
  clock: Clock;
  deadlineMs?: number;
  /** Workers that failed outside a request. */
  log: (message: string) => void;
}

interface Job {
  id: number;
  name: string;
  input: unknown;
  resolve: (result: Dispatched) => void;
  cancelDeadline: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/**
 * Read workers (read-worker.ts), each with its own connection to the database, that answer read requests
 * off the recorder's thread. A request waits in line for a free worker; one that has not been answered
 * `deadlineMs` after it arrived is answered 503 `request-cancelled`, and the worker running it is
 * terminated (SQLite cannot be interrupted from another thread) and replaced when next needed.
 */
export class ReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly deadlineMs: number;

  constructor(private readonly options: ReadPoolOptions) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_READ_DEADLINE_MS;
  }

  run(name: string, input: unknown): Promise<Dispatched> {
    if (this.closed) return Promise.resolve(cancelled('Stint is stopping; the request was not answered.'));
    return new Promise<Dispatched>((resolve) => {
      const job: Job = { id: this.nextId++, name, input, resolve, cancelDeadline: () => undefined };
      job.cancelDeadline = this.options.clock.setTimeout(() => this.expire(job), this.deadlineMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Terminates every worker; requests still waiting or running are answered as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, cancelled('Stint is stopping; the request was not answered.'));
    const slots = this.slots.splice(0);
    for (const slot of slots) if (slot.job) this.settle(slot.job, cancelled('Stint is stopping; the request was not answered.'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot: Slot | null;
      try {
        slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.options.size ? this.spawn() : null);
      } catch (cause) {
        // No worker can start (its file is missing from dist/, say): every waiting request is answered as a bug.
        for (const job of this.queue.splice(0)) {
          const { failure, error } = internalError(cause);
          this.settle(job, { status: 500, body: { ok: false, error }, changed: null, failure });
        }
        return;
      }
      if (slot === null) return;
      const job = this.queue.shift()!;
      slot.job = job;
      const message: ToReadWorker = { id: job.id, name: job.name, input: job.input, nowMs: this.options.clock.now(), timeZone: this.options.clock.timeZone() };
      slot.worker.postMessage(message);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.entry, { workerData: this.options.worker });
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: unknown) => {
      const parsed = fromReadWorkerSchema.safeParse(message);
      const job = slot.job;
      if (!parsed.success || job === null || parsed.data.id !== job.id) {
        this.log(`stint: a read worker sent an answer nobody asked for: ${JSON.stringify(message)}`);
        return;
      }
      slot.job = null;
      this.settle(job, parsed.data.result);
      this.pump();
    });
    // A worker that fails (it cannot open the database, say) or ends takes its request with it: answered as a bug.
    worker.on('error', (error) => this.lose(slot, error));
    worker.on('exit', (code) => this.lose(slot, new Error(`the read worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private lose(slot: Slot, cause: unknown): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (slot.job) {
      const { failure, error } = internalError(cause);
      this.settle(slot.job, { status: 500, body: { ok: false, error }, changed: null, failure });
    } else {
      this.log(`stint: a read worker failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    }
    this.pump();
  }

  private expire(job: Job): void {
    const seconds = Math.round(this.deadlineMs / 1000);
    const result = cancelled(`The request took longer than ${seconds} s and was cancelled. Ask for a shorter range.`);
    const queued = this.queue.indexOf(job);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      this.settle(job, result);
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (slot === undefined) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
    this.settle(job, result);
    this.pump();
  }

  private settle(job: Job, result: Dispatched): void {
    job.cancelDeadline();
    job.resolve(result);
  }

  private log(message: string): void {
    this.options.log(message);
  }
}

function cancelled(error: string): Dispatched {
  return { status: 503, body: { ok: false, error, code: 'request-cancelled' }, changed: null };
}
