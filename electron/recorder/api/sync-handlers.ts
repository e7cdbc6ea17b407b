/**
 * The `sync.*` requests: enrollment, status, push now, leave and the preview of what leaves the device. The
 * CLI (`stint sync`) and the views reach them through the same dispatch; `sync now` goes through the running
 * recorder's command table when a recorder runs in another process, else pushes from this one under the
 * recorder lock, so two pushers never run on one database.
 */
import { randomInt } from 'node:crypto';
import type { ApiHandlers } from '../../../shared/api/contract';
import { DEFAULT_POLICY, SYNC_SCHEMA_VERSION } from '../../../shared/sync/contract';
import type { SyncNowResult, SyncStatus } from '../../../shared/sync/device-sync';
import { syncProblemWords } from '../../../shared/sync/sync-words';
import { localDayBounds } from '../../../shared/timesheet';
import { UserError } from '../../../shared/user-error';
import { CodedRefusal } from '../../../shared/api/refusal';
import type { Clock } from '../clock/clock';
import type { Recorder } from '../recorder';
import { enqueueRecorderCommand } from '../recorder-commands';
import { acquireLock, readLock } from '../store/recorder-lock';
import type { Store } from '../store/store';
import { SyncStore } from '../store/sync-store';
import { Pusher, type PushOutcome } from '../sync/pusher';
import { fetchHttp, normalizeServerUrl, SyncClient, SyncError, type SyncHttp } from '../sync/sync-client';
import { tokenVaultFor, type TokenCipher, type TokenVault } from '../sync/token-vault';

type SyncRequest = 'sync.status' | 'sync.enroll' | 'sync.now' | 'sync.leave' | 'sync.preview';

export interface SyncHandlerContext {
  store: Store;
  dbPath: string;
  clock: Clock;
  recorder: Recorder | null;
  /** The network; tests put a proxy or a stopped server behind it. */
  syncHttp?: SyncHttp;
  /** How long `sync now` waits for a recorder in another process to answer. */
  recorderAnswerMs?: number;
  /** The desktop app's cipher for the token; none (the CLI): the plain 0600 file, and a sealed one is reported. */
  tokenCipher?: TokenCipher | null;
}

export function createSyncHandlers(ctx: SyncHandlerContext): Pick<ApiHandlers, SyncRequest> {
  const { store, clock, dbPath } = ctx;
  const sync = new SyncStore(store.db);
  const http = ctx.syncHttp ?? fetchHttp;
  const vault = tokenVaultFor(dbPath, ctx.tokenCipher ?? null);
  const recorderElsewhere = () => {
    if (ctx.recorder) return null;
    const lock = readLock(dbPath);
    return lock !== null && lock.pid !== process.pid ? lock : null;
  };
  const tellRecorder = () => {
    if (ctx.recorder) ctx.recorder.reloadSync();
    else if (recorderElsewhere()) enqueueRecorderCommand(store, { type: 'sync', action: 'reload' }, clock.now());
  };

  const status = (): SyncStatus => {
    const read = vault.read();
    const book = sync.bookkeeping();
    // A token sealed by the desktop app still says who and where: enrolled, with what to do to sync from here.
    const enrollment = (read.state === 'enrolled' || read.state === 'sealed') && read.enrollment.deviceId === book.deviceId ? read.enrollment : null;
    const pending = sync.pending();
    return {
      enrolled: enrollment !== null,
      server: enrollment?.server ?? null,
      userEmail: enrollment?.userEmail ?? null,
      deviceId: enrollment?.deviceId ?? null,
      enrolledMs: enrollment?.enrolledMs ?? null,
      lastPushMs: book.lastPushMs,
      pending: pending.count,
      oldestPendingMs: pending.oldestMs,
      lastError:
        read.state === 'unreadable'
          ? {
              code: 'enrollment-unreadable',
              message: `The enrollment file cannot be read (${read.why}); run \`stint sync leave\` and enroll again.`,
              atMs: clock.now(),
            }
          : read.state === 'sealed' && enrollment !== null && !ctx.recorder && !recorderElsewhere()
            ? { code: 'token-sealed', message: syncProblemWords('token-sealed'), atMs: clock.now() }
            : book.lastError,
      clockSkewMs: book.clockSkewMs,
      policy: enrollment && book.policy ? { version: book.policy.version, pulledMs: book.policy.pulledMs, values: book.policy.policy } : null,
      recorderRunning: ctx.recorder !== null || readLock(dbPath) !== null,
      tokenKept: vault.kind === 'sealed' ? 'sealed' : 'file',
    };
  };

  return {
    'sync.status': () => status(),

    'sync.enroll': async ({ server, code }) => {
      const url = normalizeServerUrl(server);
      if (url === null) {
        throw new CodedRefusal('sync-bad-address', `"${server}" is not a server address: give it as your admin wrote it, like https://stint.example.com.`, {
          server,
        });
      }
      const read = vault.read();
      if (read.state === 'enrolled' || read.state === 'sealed') {
        throw new CodedRefusal(
          'sync-already-enrolled',
          `This device is already enrolled to ${read.enrollment.userEmail} on ${read.enrollment.server}. Run \`stint sync leave\` first to enroll it again.`,
          { email: read.enrollment.userEmail, server: read.enrollment.server },
        );
      }
      if (read.state === 'unreadable')
        throw new CodedRefusal(
          'sync-file-unreadable',
          `The enrollment file cannot be read (${read.why}). Run \`stint sync leave\` to remove it, then enroll again.`,
          {
            why: read.why,
          },
        );
      let answer;
      try {
        answer = await new SyncClient(http, url).enroll(code);
      } catch (error) {
        if (error instanceof SyncError) {
          const detail = error.code === 'unreachable' ? error.message : undefined;
          throw new CodedRefusal('sync-problem', syncProblemWords(error.code, detail), { problem: error.code, detail: detail ?? '' });
        }
        throw error;
      }
      // The outbox is renumbered for the new device id first; the file that says "enrolled" comes last.
      sync.begin(answer.deviceId);
      vault.write({ server: url, deviceId: answer.deviceId, token: answer.token, userEmail: answer.userEmail, enrolledMs: clock.now() });
      if (answer.schemaVersion < SYNC_SCHEMA_VERSION) {
        sync.recordError({
          code: 'server-too-old',
          message: `the server speaks sync schema ${answer.schemaVersion}, this device ${SYNC_SCHEMA_VERSION}`,
          atMs: clock.now(),
        });
      }
      tellRecorder();
      return status();
    },

    'sync.now': async (): Promise<SyncNowResult> => {
      const current = status();
      if (!current.enrolled)
        throw new UserError('This device is not enrolled with a team server. Enroll it with `stint sync enroll --server URL --code CODE`.');
      let outcome: PushOutcome | null;
      let via: SyncNowResult['via'] = 'recorder';
      const elsewhere = recorderElsewhere();
      if (ctx.recorder) outcome = await ctx.recorder.syncNow();
      else if (elsewhere) outcome = await throughRecorder(store, clock, elsewhere.pid, ctx.recorderAnswerMs ?? 120_000);
      else if (vault.read().state === 'sealed') throw new UserError(syncProblemWords('token-sealed'));
      else {
        via = 'direct';
        outcome = await directly(ctx, http, vault);
      }
      const after = sync.pending();
      return { via, pushed: outcome?.pushed ?? 0, pending: after.count, error: outcome?.error ?? null };
    },

    'sync.leave': () => {
      const left = vault.remove();
      const wasSyncing = sync.bookkeeping().deviceId !== null;
      sync.end();
      tellRecorder();
      return { left: left || wasSyncing };
    },

    'sync.preview': ({ from, to, timeZone }) => {
      const zone = timeZone ?? clock.timeZone();
      const book = sync.bookkeeping();
      const policy = book.policy?.policy ?? DEFAULT_POLICY;
      const range = { fromMs: localDayBounds(from, zone).startMs, toMs: localDayBounds(to, zone).endMs };
      const records = sync
        .inRange(range.fromMs, range.toMs, policy.upload)
        .map(({ record, pending }) => ({ record, state: pending ? 'pending' : 'sent' }) as const);
      return { from, to, timeZone: zone, records, upload: policy.upload, policySource: book.policy ? 'team' : 'default' };
    },
  };
}

/** Asks the recorder running in another process to push now, and waits for its answer on the injected clock. */
async function throughRecorder(store: Store, clock: Clock, pid: number, timeoutMs: number): Promise<PushOutcome | null> {
  const id = enqueueRecorderCommand(store, { type: 'sync', action: 'now' }, clock.now());
  const deadline = clock.now() + timeoutMs;
  while (clock.now() < deadline) {
    const answer = store.commandAnswer(id);
    if (answer && answer.status !== 'pending') {
      const result = JSON.parse(answer.result ?? '{}') as { ok: boolean; outcome?: PushOutcome | null; error?: string };
      if (!result.ok) throw new UserError(result.error ?? 'The recorder could not sync.');
      return result.outcome ?? null;
    }
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 100));
  }
  store.withdrawCommand(id, clock.now());
  throw new UserError(`The recorder (pid ${pid}) did not finish syncing within ${timeoutMs / 1000} s. It keeps trying; see \`stint sync status\`.`);
}

/** No recorder runs: this process pushes, holding the recorder lock so none starts midway. */
async function directly(ctx: SyncHandlerContext, http: SyncHttp, vault: TokenVault): Promise<PushOutcome> {
  const release = acquireLock(ctx.dbPath, { pid: process.pid, runId: 'sync' });
  const pusher = new Pusher({
    clock: ctx.clock,
    random: () => randomInt(0, 2 ** 32) / 2 ** 32,
    http,
    store: new SyncStore(ctx.store.db),
    vault,
    // No recorder: clocked out, as far as this device knows.
    liveStatus: () => ({
      clockedIn: ctx.store.openSession() !== null,
      onBreak: ctx.store.openSession()?.kind === 'break',
      onCall: false,
      category: null,
      todayWorkedSeconds: 0,
    }),
  });
  try {
    return await pusher.syncNow();
  } finally {
    await pusher.stop();
    release();
  }
}
