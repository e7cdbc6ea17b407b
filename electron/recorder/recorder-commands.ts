import { z } from 'zod';
import { once } from '../../shared/once';
import { CHANGED_WHATS, type ChangedWhat } from '../../shared/api/changed';
import { SESSION_ACTIONS } from '../../shared/recording/session-machine';
import { readLock } from './store/recorder-lock';
import type { Store } from './store/store';

/**
 * Messages from other processes (the CLI, a desktop app that does not record) to the running recorder,
 * through the database's `commands` table: a session action to apply, or a notice that data changed so
 * the recorder's views reload.
 */
export const recorderCommandSchema = once(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('session'), action: z.enum(SESSION_ACTIONS) }),
    z.object({ type: z.literal('changed'), what: z.enum(CHANGED_WHATS) }),
    /** `now`: push and pull at once (answered when done); `reload`: the device enrolled or left. */
    z.object({ type: z.literal('sync'), action: z.enum(['now', 'reload']) }),
  ]),
);
export type RecorderCommand = z.infer<ReturnType<typeof recorderCommandSchema>>;

export function enqueueRecorderCommand(store: Store, command: RecorderCommand, nowMs: number): number {
  return store.enqueueCommand(JSON.stringify(command), nowMs);
}

/**
 * Tells the recorder of this database, when one runs in another process, that `what` changed, so its
 * event stream sends `changed` to the open views. With no recorder there are no views to tell, and
 * nothing is queued for a recorder started later.
 */
export function postChangeNotice(store: Store, dbPath: string, what: ChangedWhat, nowMs: number): boolean {
  const recorder = readLock(dbPath);
  if (recorder === null || recorder.pid === process.pid) return false;
  enqueueRecorderCommand(store, { type: 'changed', what }, nowMs);
  return true;
}
