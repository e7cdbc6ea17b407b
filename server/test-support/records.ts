import type { SyncRecord } from '../../shared/sync/contract';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/contract';

const H = 3600_000;

/** A work session of `hours` starting at startMs, as the device's outbox would send it. */
export function session(seq: number, startMs: number, hours: number, uuid = `s-${seq}`): SyncRecord {
  return { seq, uuid, kind: 'session', sessionKind: 'work', startMs, endMs: startMs + hours * H, timeZone: 'UTC', utcOffsetMin: 0, source: 'recorded' };
}

export function manual(seq: number, startMs: number, hours: number, uuid = `c-${seq}`): SyncRecord {
  return {
    seq,
    uuid,
    kind: 'correction',
    sessionKind: 'work',
    startMs,
    endMs: startMs + hours * H,
    timeZone: 'UTC',
    utcOffsetMin: 0,
    replaces: null,
    reason: 'forgot to clock in',
    createdMs: startMs + hours * H,
  };
}

export function pushBody(deviceId: string, batch: SyncRecord[], schemaVersion = SYNC_SCHEMA_VERSION) {
  return { schemaVersion, deviceId, batch };
}
