/**
 * The pusher's schedule from the environment, for operators and for the tests that run `stint track` as a
 * real process against a server they restart many times (a fast schedule instead of minutes of backoff).
 * Unset or malformed values keep the defaults.
 */
import { z } from 'zod';
import type { PusherOptions } from './pusher';

const ms = z.coerce
  .number()
  .int()
  .min(0)
  .max(24 * 3600_000);

export function pusherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<PusherOptions> {
  const out: Partial<PusherOptions> = {};
  const retry = (env.STINT_SYNC_RETRY_MS ?? '').split(',');
  const base = ms.safeParse(retry[0]);
  const cap = ms.safeParse(retry[1]);
  if (env.STINT_SYNC_RETRY_MS && base.success && cap.success && base.data > 0 && cap.data >= base.data) {
    out.retryBaseMs = base.data;
    out.retryCapMs = cap.data;
  }
  const batch = z.coerce.number().int().min(1).max(1000).safeParse(env.STINT_SYNC_BATCH);
  if (env.STINT_SYNC_BATCH && batch.success) out.batchSize = batch.data;
  const delay = ms.safeParse(env.STINT_SYNC_PUSH_DELAY_MS);
  if (env.STINT_SYNC_PUSH_DELAY_MS && delay.success) out.pushDelayMs = delay.data;
  const status = ms.safeParse(env.STINT_SYNC_STATUS_MS);
  if (env.STINT_SYNC_STATUS_MS && status.success && status.data >= 100) out.statusIntervalMs = status.data;
  return out;
}
