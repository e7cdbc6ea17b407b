/** Devices, the records they push and their live status. */
import type { Kysely } from 'kysely';
import type { DeviceStatus, SyncRecord } from '../../shared/sync/contract';
import { addToRollup, rollupSpanOf } from './activity-rollup';
import type { ServerDatabase } from '../db/schema';
import type { User } from './accounts-store';

export interface Device {
  id: string;
  userId: number;
  lastSeq: number;
}

export type EnrollOutcome = { ok: true; user: User } | { ok: false; reason: 'unknown-code' | 'used-code' | 'expired-code' };

export type PushOutcome =
  { ok: true; ackSeq: number; stored: number } | { ok: false; reason: 'gap'; expectedSeq: number } | { ok: false; reason: 'concurrent'; expectedSeq: number };

/** What a stored record spans, for the approvals' check of late records (server/payroll/approvals.ts). */
export interface StoredSpan {
  kind: string;
  startMs: number | null;
  endMs: number | null;
  refUuid: string | null;
}
export type AfterStore = (trx: Kysely<ServerDatabase>, stored: readonly StoredSpan[]) => Promise<void>;

export class SyncStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  /** Uses up the code and registers the device under its rep, in one transaction. */
  async enroll(codeHash: string, device: { id: string; tokenHash: string; schemaVersion: number }, nowMs: number): Promise<EnrollOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const code = await trx
        .selectFrom('enrollment_codes')
        .innerJoin('users', 'users.id', 'enrollment_codes.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.role', 'enrollment_codes.used_ms', 'enrollment_codes.expires_ms'])
        .where('enrollment_codes.code_hash', '=', codeHash)
        .where('users.removed_ms', 'is', null)
        .executeTakeFirst();
      if (!code) return { ok: false, reason: 'unknown-code' } as const;
      if (code.used_ms !== null) return { ok: false, reason: 'used-code' } as const;
      if (code.expires_ms <= nowMs) return { ok: false, reason: 'expired-code' } as const;
      // The guard on used_ms makes a code good for one device even when two enroll at once.
      const used = await trx
        .updateTable('enrollment_codes')
        .set({ used_ms: nowMs })
        .where('code_hash', '=', codeHash)
        .where('used_ms', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return { ok: false, reason: 'used-code' } as const;
      await trx
        .insertInto('devices')
        .values({
          id: device.id,
          user_id: code.id,
          token_hash: device.tokenHash,
          created_ms: nowMs,
          revoked_ms: null,
          last_seen_ms: nowMs,
          schema_version: device.schemaVersion,
          last_seq: 0,
        })
        .execute();
      return { ok: true, user: { id: code.id, email: code.email, name: code.name, role: code.role } } as const;
    });
  }

  /** The device a token belongs to, with its rep; a revoked device or a removed rep has none. */
  async deviceByToken(tokenHash: string): Promise<{ device: Device; user: User } | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .select(['devices.id as deviceId', 'devices.last_seq', 'users.id', 'users.email', 'users.name', 'users.role'])
      .where('devices.token_hash', '=', tokenHash)
      .where('devices.revoked_ms', 'is', null)
      .where('users.removed_ms', 'is', null)
      .executeTakeFirst();
    return (
      row && { device: { id: row.deviceId, userId: row.id, lastSeq: row.last_seq }, user: { id: row.id, email: row.email, name: row.name, role: row.role } }
    );
  }

  async deviceOwner(deviceId: string): Promise<number | undefined> {
    return (await this.db.selectFrom('devices').select('user_id').where('id', '=', deviceId).executeTakeFirst())?.user_id;
  }

  async revoke(deviceId: string, nowMs: number): Promise<void> {
    await this.db.updateTable('devices').set({ revoked_ms: nowMs }).where('id', '=', deviceId).where('revoked_ms', 'is', null).execute();
  }

  /**
   * Stores a contiguous batch in one transaction. Rows the device already pushed (seq ≤ last_seq) are
   * skipped, so a batch sent twice or retried after a lost answer changes nothing; a batch that starts after
   * last_seq + 1 is refused with the sequence expected. A record is keyed by (rep, uuid): one a rep's other
   * device already sent is kept as first received.
   */
  async push(device: Device, schemaVersion: number, batch: readonly SyncRecord[], nowMs: number, afterStore?: AfterStore): Promise<PushOutcome> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const current = await trx.selectFrom('devices').select('last_seq').where('id', '=', device.id).executeTakeFirstOrThrow();
        const lastSeq = current.last_seq;
        const first = batch[0];
        if (!first) return { ok: true, ackSeq: lastSeq, stored: 0 } as const;
        if (first.seq > lastSeq + 1) return { ok: false, reason: 'gap', expectedSeq: lastSeq + 1 } as const;
        const fresh = batch.filter((r) => r.seq > lastSeq);
        if (fresh.length === 0) {
          await trx.updateTable('devices').set({ last_seen_ms: nowMs }).where('id', '=', device.id).execute();
          return { ok: true, ackSeq: lastSeq, stored: 0 } as const;
        }
        let stored = 0;
        const spans: StoredSpan[] = [];
        // Chunks keep PostgreSQL's and SQLite's bound-parameter limits out of reach.
        for (let i = 0; i < fresh.length; i += 200) {
          const rows = fresh.slice(i, i + 200).map((r) => toRow(r, device, nowMs));
          for (const r of rows) spans.push({ kind: r.kind, startMs: r.start_ms, endMs: r.end_ms, refUuid: r.ref_uuid });
          const result = await trx
            .insertInto('records')
            .values(rows)
            .onConflict((oc) => oc.columns(['user_id', 'uuid']).doNothing())
            .returning(['uuid', 'kind', 'payload'])
            .execute();
          stored += result.length;
          // Only the rows stored now (a re-sent uuid is skipped above) add to the activity rollup.
          const activity = result.filter((r) => r.kind === 'activity').map((r) => rollupSpanOf(device.userId, r.payload));
          if (activity.length > 0)
            await addToRollup(
              trx,
              activity.filter((a) => a !== null),
            );
        }
        // In the same transaction: an approved week these records change is marked before anyone reads it.
        if (afterStore) await afterStore(trx, spans);
        const ackSeq = fresh.at(-1)!.seq;
        // Two pushes of one device at once: only the one that still sees last_seq where it read it wins.
        const moved = await trx
          .updateTable('devices')
          .set({ last_seq: ackSeq, last_seen_ms: nowMs, schema_version: schemaVersion })
          .where('id', '=', device.id)
          .where('last_seq', '=', lastSeq)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new ConcurrentPush(lastSeq + 1);
        return { ok: true, ackSeq, stored } as const;
      })
      .catch((e: unknown) => {
        if (e instanceof ConcurrentPush) return { ok: false, reason: 'concurrent', expectedSeq: e.expectedSeq } as const;
        throw e;
      });
  }

  async saveStatus(device: Device, status: DeviceStatus, nowMs: number): Promise<void> {
    const values = { device_id: device.id, user_id: device.userId, received_ms: nowMs, payload: JSON.stringify(status) };
    await this.db
      .insertInto('device_status')
      .values(values)
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ received_ms: values.received_ms, payload: values.payload }))
      .execute();
    await this.db.updateTable('devices').set({ last_seen_ms: nowMs }).where('id', '=', device.id).execute();
  }

  /** Latest status of each live device of the given users (null: all users). */
  async statuses(userIds: number[] | null): Promise<{ deviceId: string; userId: number; email: string; name: string; receivedMs: number; payload: string }[]> {
    let q = this.db
      .selectFrom('device_status')
      .innerJoin('devices', 'devices.id', 'device_status.device_id')
      .innerJoin('users', 'users.id', 'device_status.user_id')
      .select([
        'device_status.device_id as deviceId',
        'users.id as userId',
        'users.email',
        'users.name',
        'device_status.received_ms as receivedMs',
        'device_status.payload',
      ])
      .where('devices.revoked_ms', 'is', null)
      .where('users.removed_ms', 'is', null);
    if (userIds !== null) q = q.where('users.id', 'in', userIds.length > 0 ? userIds : [-1]);
    return q.orderBy('users.email').orderBy('device_status.device_id').execute();
  }
}

class ConcurrentPush extends Error {
  constructor(readonly expectedSeq: number) {
    super('another push of this device moved first');
  }
}

function toRow(r: SyncRecord, device: Device, nowMs: number) {
  const span = 'startMs' in r ? { start: r.startMs, end: r.endMs } : { start: r.createdMs, end: r.createdMs };
  const ref = r.kind === 'correction' ? r.replaces : r.kind === 'idle-choice' ? r.idleUuid : null;
  return {
    user_id: device.userId,
    uuid: r.uuid,
    kind: r.kind,
    device_id: device.id,
    seq: r.seq,
    start_ms: span.start,
    end_ms: span.end,
    ref_uuid: ref,
    payload: JSON.stringify(r),
    received_ms: nowMs,
  };
}
