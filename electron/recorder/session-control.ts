import { SESSION_REFUSAL_CODES, sessionState, sessionTransition, type SessionAction, type SessionState } from '../../shared/recording/session-machine';
import { CodedRefusal } from '../../shared/api/refusal';
import { utcOffsetMinutes } from '../../shared/recording/zone-offset';
import { UserError } from '../../shared/user-error';
import type { Clock } from './clock/clock';
import { enqueueRecorderCommand } from './recorder-commands';
import { acquireLock, readLock } from './store/recorder-lock';
import type { SessionWrite, Store } from './store/store';

export interface SessionControlResult {
  state: SessionState;
  via: 'recorder' | 'database';
}

/**
 * Clock in/out from a process without the recorder: the running recorder applies the request on its next
 * sample (polled on the injected clock); with none running the change is written here, under the recorder
 * lock so no recorder starts midway.
 */
export async function controlSession(store: Store, dbPath: string, action: SessionAction, clock: Clock, timeoutMs = 10_000): Promise<SessionControlResult> {
  const now = () => clock.now();
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  const recorder = readLock(dbPath);
  if (recorder) {
    const id = enqueueRecorderCommand(store, { type: 'session', action }, now());
    const deadline = now() + timeoutMs;
    while (now() < deadline) {
      const answer = store.commandAnswer(id);
      if (answer && answer.status !== 'pending') {
        const result = JSON.parse(answer.result ?? '{}') as { ok: boolean; state?: SessionState; error?: string; code?: unknown };
        if (!result.ok) {
          const message = result.error ?? 'The recorder refused the request.';
          const code = SESSION_REFUSAL_CODES.find((c) => c === result.code);
          throw code ? new CodedRefusal(code, message, { action }) : new UserError(message);
        }
        return { state: result.state ?? 'off', via: 'recorder' };
      }
      await wait(100);
    }
    store.withdrawCommand(id, now());
    throw new UserError(`The recorder (pid ${recorder.pid}) did not answer within ${timeoutMs / 1000} s. Is it stopped or frozen? Nothing was changed.`);
  }
  const release = acquireLock(dbPath, { pid: process.pid, runId: 'cli' });
  try {
    store.recoverInterruptedRuns();
    return { state: applySessionAction(store, action, now(), clock.timeZone()), via: 'database' };
  } finally {
    release();
  }
}

/** Applies a session action straight to the database; the caller holds the recorder lock. */
export function applySessionAction(store: Store, action: SessionAction, nowMs: number, timeZone: string): SessionState {
  const open = store.openSession();
  const transition = sessionTransition(sessionState(open?.kind ?? null), action);
  if (!transition.ok) throw new CodedRefusal(transition.code, transition.error, { action });
  const writes: SessionWrite[] = [];
  if (transition.close && open) {
    writes.push({
      uuid: open.uuid,
      kind: open.kind,
      startMs: open.startMs,
      endMs: Math.max(open.startMs, nowMs),
      timeZone: open.timeZone,
      utcOffsetMin: utcOffsetMinutes(open.startMs, open.timeZone),
      startReason: open.startReason,
      endReason: transition.close.endReason,
      open: false,
    });
  }
  if (transition.open) {
    writes.push({
      // The global Web Crypto: it loads at first use, where node:crypto imported here would load with every command.
      uuid: crypto.randomUUID(),
      kind: transition.open.kind,
      startMs: nowMs,
      endMs: nowMs,
      timeZone,
      utcOffsetMin: utcOffsetMinutes(nowMs, timeZone),
      startReason: transition.open.startReason,
      endReason: null,
      open: true,
    });
  }
  store.writeSessions(writes);
  return transition.next;
}
