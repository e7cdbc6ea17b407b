/**
 * The pusher: runs inside the recorder (`stint track`, the desktop app's recorder host) and keeps the team
 * server current. It sends the outbox in contiguous batches, oldest first; the server's acknowledgement is
 * stored in the transaction that removes the rows it covers (store/sync-store.ts), so a crash at any moment
 * resends at most one batch, which the server skips. Failures back off exponentially with jitter (injected
 * clock and random) and are retried for as long as it takes. A timer exists only while records wait or for
 * the status heartbeat; network I/O is async and each database step is one small statement or transaction,
 * so sampling is never held up.
 */
import { SYNC_SCHEMA_VERSION, MAX_BATCH_RECORDS, DEFAULT_POLICY, type DeviceStatus, type Policy } from '../../../shared/sync/contract';
import { CLOCK_SKEW_WARN_MS, STATUS_INTERVAL_MS, type SyncErrorCode } from '../../../shared/sync/device-sync';
import type { Clock } from '../clock/clock';
import type { SyncStore } from '../store/sync-store';
import type { Enrollment } from './enrollment-file';
import { SyncClient, SyncError, type SyncHttp } from './sync-client';
import type { TokenVault } from './token-vault';
import { pullWeeks } from './week-states';

export interface PusherOptions {
  /** Records per push (the server takes up to MAX_BATCH_RECORDS). */
  batchSize: number;
  /** First retry after about this long; each failure doubles it, up to retryCapMs. */
  retryBaseMs: number;
  retryCapMs: number;
  /** How long after a record closes it is pushed: records closing together go in one push. */
  pushDelayMs: number;
  statusIntervalMs: number;
  /** The sync schema this device speaks (tests speak a newer one to meet an older server). */
  schemaVersion: number;
}

export const DEFAULT_PUSHER_OPTIONS: PusherOptions = {
  batchSize: 250,
  retryBaseMs: 2_000,
  retryCapMs: 5 * 60_000,
  pushDelayMs: 2_000,
  statusIntervalMs: STATUS_INTERVAL_MS,
  schemaVersion: SYNC_SCHEMA_VERSION,
};

/** The live status the recorder knows, without the parts the pusher adds. */
export type LiveStatus = Omit<DeviceStatus, 'deviceId' | 'atMs'>;

export interface PusherDeps {
  clock: Clock;
  /** Uniform in [0, 1): the jitter. */
  random: () => number;
  http: SyncHttp;
  store: SyncStore;
  /** Where the enrollment and its token are kept (the plain file, or sealed by the desktop app's cipher). */
  vault: TokenVault;
  /** May answer later: the recorder loads what it reads the status with at the first call. */
  liveStatus: (policy: Policy) => LiveStatus | Promise<LiveStatus>;
  /** A newer policy was pulled: the recorder applies what it governs (the idle threshold). */
  onPolicy?: (policy: Policy) => void;
  onEvent?: (event: PusherEvent) => void;
}

export type PusherEvent =
  | { type: 'pushed'; records: number; ackSeq: number }
  | { type: 'failed'; code: SyncErrorCode; message: string; retryInMs: number | null }
  | { type: 'drained' }
  | { type: 'status'; clockSkewMs: number };

export interface PushOutcome {
  pushed: number;
  error: { code: SyncErrorCode; message: string } | null;
}

export class Pusher {
  private readonly options: PusherOptions;
  private enrollment: Enrollment | null = null;
  private client: SyncClient | null = null;
  private cancelPush: (() => void) | null = null;
  private cancelStatus: (() => void) | null = null;
  private running: Promise<PushOutcome> | null = null;
  private again = false;
  private attempts = 0;
  /** The highest outbox seq seen: notify() schedules a push only when a new row appeared. */
  private seenSeq = 0;
  /** Set after a refusal that retrying cannot fix (a revoked device): waits for `sync now` or a new enrollment. */
  private halted = false;
  /** Whether this pusher pulled the policy since it (re)loaded the enrollment. */
  private policyPulled = false;
  /** The revisions the server's status answer named at the last pull of each (null: unknown, pull at the next heartbeat). */
  private policyRevision: string | null = null;
  private weeksRevision: string | null = null;
  /** Started by a recorder: keeps timers. A pusher only asked to `syncNow` (no recorder runs) keeps none after. */
  private started = false;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: PusherDeps,
    options: Partial<PusherOptions> = {},
  ) {
    this.options = { ...DEFAULT_PUSHER_OPTIONS, ...options };
    this.options.batchSize = Math.max(1, Math.min(MAX_BATCH_RECORDS, this.options.batchSize));
  }

  get enrolled(): boolean {
    return this.enrollment !== null;
  }

  start(): void {
    this.started = true;
    this.reload();
  }

  /** Reads the enrollment again (after `stint sync enroll` or `leave` in another process). */
  reload(): void {
    const read = this.deps.vault.read();
    const next = read.state === 'enrolled' && this.deps.store.bookkeeping().deviceId === read.enrollment.deviceId ? read.enrollment : null;
    const changed = next?.token !== this.enrollment?.token || next?.server !== this.enrollment?.server;
    this.enrollment = next;
    this.client = next ? new SyncClient(this.deps.http, next.server) : null;
    if (!changed) return;
    this.clearTimers();
    this.halted = false;
    this.attempts = 0;
    this.seenSeq = 0;
    this.policyPulled = false;
    this.policyRevision = null;
    this.weeksRevision = null;
    if (this.enrollment && this.started && !this.stopped) {
      this.applyPolicy();
      this.schedulePush(0);
      this.scheduleStatus(0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** After each flush: a newly closed record schedules a push. One index read; no timer when nothing is new. */
  notify(): void {
    if (!this.enrollment || this.stopped || this.halted || this.cancelPush || this.running) return;
    const max = this.deps.store.maxSeq();
    if (max <= this.seenSeq) return;
    this.seenSeq = max;
    this.schedulePush(this.options.pushDelayMs);
  }

  /** Pushes now, whatever the backoff said; resolves when the outbox is empty or a push failed. */
  async syncNow(): Promise<PushOutcome> {
    this.reload();
    if (!this.enrollment) return { pushed: 0, error: null };
    this.halted = false;
    this.attempts = 0;
    this.cancelPush?.();
    this.cancelPush = null;
    const outcome = await this.drain();
    await this.heartbeat();
    return outcome;
  }

  private clearTimers(): void {
    this.cancelPush?.();
    this.cancelPush = null;
    this.cancelStatus?.();
    this.cancelStatus = null;
  }

  private schedulePush(delayMs: number): void {
    if (this.stopped || !this.started) return;
    this.cancelPush?.();
    this.cancelPush = this.deps.clock.setTimeout(() => {
      this.cancelPush = null;
      void this.drain();
    }, delayMs);
  }

  private scheduleStatus(delayMs: number): void {
    if (this.stopped || !this.started) return;
    this.cancelStatus?.();
    this.cancelStatus = this.deps.clock.setTimeout(() => {
      this.cancelStatus = null;
      void this.heartbeat().finally(() => {
        if (this.enrollment && !this.halted) this.scheduleStatus(this.options.statusIntervalMs);
      });
    }, delayMs);
  }

  /** One drain at a time; a call while one runs makes it go round once more. */
  private drain(): Promise<PushOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let outcome: PushOutcome;
      do {
        this.again = false;
        try {
          outcome = await this.pushAll();
        } catch (error) {
          // The database refused (busy for long, disk full, closed at shutdown): try again later, like the network.
          if (this.stopped) return { pushed: 0, error: null };
          outcome = this.fail(new SyncError('device-storage', error instanceof Error ? error.message : String(error)), 0);
        }
      } while (this.again && outcome.error === null && !this.stopped);
      return outcome;
    })();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private upload(): { titles: boolean; urls: boolean } {
    return (this.deps.store.bookkeeping().policy?.policy ?? DEFAULT_POLICY).upload;
  }

  private async pushAll(): Promise<PushOutcome> {
    const { store, clock } = this.deps;
    let pushed = 0;
    // What leaves follows the policy in force: pull it before the first push (a failure here is the push's to report).
    if (!this.policyPulled) await this.pullPolicy().catch(() => undefined);
    for (;;) {
      const enrollment = this.enrollment;
      const client = this.client;
      if (!enrollment || !client || this.stopped) return { pushed, error: null };
      const batch = store.batch(this.options.batchSize, this.upload());
      if (batch.length === 0) {
        this.attempts = 0;
        // Rows queued after the empty read have higher numbers than the last acknowledged: the next notify() sees them.
        this.seenSeq = Math.max(this.seenSeq, store.bookkeeping().ackSeq);
        this.deps.onEvent?.({ type: 'drained' });
        return { pushed, error: null };
      }
      try {
        const result = await client.push(
          enrollment.token,
          { schemaVersion: this.options.schemaVersion, deviceId: enrollment.deviceId, batch },
          this.abort.signal,
        );
        if (this.enrollment !== enrollment) continue;
        const removed = store.acknowledge(enrollment.deviceId, result.ackSeq, clock.now());
        pushed += removed;
        this.attempts = 0;
        this.deps.onEvent?.({ type: 'pushed', records: removed, ackSeq: result.ackSeq });
        if (result.ackSeq < batch[0]!.seq) throw new SyncError('server-behind', `the server acknowledged up to ${result.ackSeq} only`);
      } catch (error) {
        if (this.stopped) return { pushed, error: null };
        const e = error instanceof SyncError ? error : new SyncError('refused', error instanceof Error ? error.message : String(error));
        if (e.code === 'sequence-gap' && e.extra.expectedSeq !== undefined) {
          // The server holds more than this device heard (an answer was lost): what it holds is acknowledged.
          if (e.extra.expectedSeq > batch[0]!.seq) {
            pushed += store.acknowledge(enrollment.deviceId, e.extra.expectedSeq - 1, clock.now());
            continue;
          }
          return this.fail(new SyncError('server-behind', e.message, { retryable: true }), pushed);
        }
        return this.fail(e, pushed);
      }
    }
  }

  private fail(error: SyncError, pushed: number): PushOutcome {
    const { store, clock } = this.deps;
    store.recordError({ code: error.code, message: error.message, atMs: clock.now() });
    let retryInMs: number | null = null;
    if (error.extra.retryable) {
      // Another push of this device moved first: go again at once, it will hear where the server is.
      retryInMs = error.code === 'concurrent-push' ? 0 : this.backoff();
      this.schedulePush(retryInMs);
    } else {
      this.halted = true;
    }
    this.deps.onEvent?.({ type: 'failed', code: error.code, message: error.message, retryInMs });
    return { pushed, error: { code: error.code, message: error.message } };
  }

  /** Full jitter between half and all of min(cap, base · 2^attempts). */
  private backoff(): number {
    const ceiling = Math.min(this.options.retryCapMs, this.options.retryBaseMs * 2 ** Math.min(this.attempts, 30));
    this.attempts += 1;
    return Math.round(ceiling / 2 + this.deps.random() * (ceiling / 2));
  }

  private applyPolicy(): void {
    const policy = this.deps.store.bookkeeping().policy;
    if (policy) this.deps.onPolicy?.(policy.policy);
  }

  /** Pulls the policy in force and keeps it when it changed. */
  private async pullPolicy(): Promise<void> {
    const { store, clock } = this.deps;
    const enrollment = this.enrollment;
    const client = this.client;
    if (!enrollment || !client) return;
    const pulled = await client.policy(enrollment.token, this.abort.signal);
    if (this.enrollment !== enrollment) return;
    this.policyPulled = true;
    const policyNow = store.bookkeeping().policy;
    if (pulled.version === 0) {
      // Version 0 is the server's built-in default: nobody set a policy, so the rep's own settings stand.
      if (policyNow !== null) store.clearPolicy();
    } else if (policyNow?.version !== pulled.version || JSON.stringify(policyNow.policy) !== JSON.stringify(pulled.policy)) {
      store.recordPolicy(pulled.version, pulled.policy, clock.now());
      this.deps.onPolicy?.(pulled.policy);
    }
  }

  /**
   * The live status; its answer tells how far this clock is from the server's and the revisions of the policy and
   * of the rep's week states, each pulled only when it moved. A heartbeat with nothing new is one request and no
   * write here (the skew is stored only when it moved by a second).
   */
  private async heartbeat(): Promise<void> {
    const { store, clock } = this.deps;
    const enrollment = this.enrollment;
    const client = this.client;
    if (!enrollment || !client || this.halted) return;
    try {
      // The status follows the policy held: a change pulled below shapes the next one (a heartbeat later).
      const policyNow = store.bookkeeping().policy;
      const live = await this.deps.liveStatus(policyNow?.policy ?? DEFAULT_POLICY);
      if (this.enrollment !== enrollment || this.stopped) return;
      const sentMs = clock.now();
      const status: DeviceStatus = { deviceId: enrollment.deviceId, atMs: sentMs, ...live };
      const answer = await client.status(enrollment.token, status, this.abort.signal);
      const answeredMs = clock.now();
      const skew = answer.receivedMs - (sentMs + answeredMs) / 2;
      if (this.enrollment !== enrollment) return;
      store.recordClockSkew(skew);
      // An older server names no revisions: pull each heartbeat, as it always did.
      if (answer.policyRevision === undefined || answer.policyRevision !== this.policyRevision) {
        await this.pullPolicy();
        this.policyRevision = answer.policyRevision ?? null;
      }
      // The approval states ride with the status: a rejection's comment and a lock reach the device within a heartbeat.
      // A server without the route (older) or a failed pull leaves the stored states and tries at the next heartbeat.
      if (answer.weeksRevision === undefined || answer.weeksRevision !== this.weeksRevision) {
        const pulled = await pullWeeks(client, enrollment, store, clock, this.abort.signal).then(
          () => true,
          () => false,
        );
        if (pulled && this.enrollment === enrollment) this.weeksRevision = answer.weeksRevision ?? null;
      }
      if (this.enrollment !== enrollment) return;
      this.deps.onEvent?.({ type: 'status', clockSkewMs: skew });
      // The server answers again: anything still waiting without a push scheduled goes now.
      if (!this.cancelPush && !this.running && store.maxSeq() > store.bookkeeping().ackSeq) this.schedulePush(0);
    } catch (error) {
      if (this.stopped) return;
      if (error instanceof SyncError && !error.extra.retryable) {
        store.recordError({ code: error.code, message: error.message, atMs: clock.now() });
        this.halted = true;
        this.clearTimers();
      }
      // Otherwise the next heartbeat tries again; pushes report their own failures.
    }
  }
}

/** The clock is too far off the server's to trust "today" on either side: the status says so. */
export function clockSkewWarning(skewMs: number | null): boolean {
  return skewMs !== null && Math.abs(skewMs) > CLOCK_SKEW_WARN_MS;
}
