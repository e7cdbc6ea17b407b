/**
 * A team of reps with realistic synced records, written straight into a server database (the sync route is
 * rate-limited per address and would dominate the seeding time): per working day a work session, a lunch
 * break, window activity in 2-minute spans across a few apps, and calls with talk/hold/wrap.
 */
import { randomUUID } from 'node:crypto';
import { hashSecret, newToken } from '../auth/secrets';
import type { ServerDb } from '../db/open';
import { addToRollup, rollupSpanOf } from '../store/activity-rollup';
import type { RecordsTable } from '../db/schema';
import { SYNC_SCHEMA_VERSION, type SyncRecord } from '../../shared/sync/contract';

const H = 3_600_000;
const APPS = ['Google Chrome', 'Salesforce', 'Slack', 'Five9 Agent Desktop', 'Microsoft Excel', 'YouTube'];

export interface SeededRep {
  id: number;
  deviceId: string;
  token: string;
  seq: number;
}

/** Records of one rep's working day starting at dayStartMs (a UTC midnight), up to untilMs. */
function dayRecords(dayStartMs: number, untilMs: number, next: () => number, rep: number): SyncRecord[] {
  const out: SyncRecord[] = [];
  const z = { timeZone: 'UTC', utcOffsetMin: 0 };
  const push = (r: SyncRecord) => {
    if (r.kind !== 'call-review' && (r.endMs ?? 0) <= untilMs) out.push(r);
  };
  const start = dayStartMs + 8 * H + (rep % 30) * 60_000;
  push({ seq: next(), uuid: randomUUID(), kind: 'session', sessionKind: 'work', startMs: start, endMs: start + 4 * H, source: 'recorded', ...z });
  push({ seq: next(), uuid: randomUUID(), kind: 'session', sessionKind: 'break', startMs: start + 4 * H, endMs: start + 4.5 * H, source: 'recorded', ...z });
  push({ seq: next(), uuid: randomUUID(), kind: 'session', sessionKind: 'work', startMs: start + 4.5 * H, endMs: start + 8.5 * H, source: 'recorded', ...z });
  for (const [from, to] of [
    [start, start + 4 * H],
    [start + 4.5 * H, start + 8.5 * H],
  ] as const) {
    for (let t = from, i = 0; t < to; t += 120_000, i++) {
      push({ seq: next(), uuid: randomUUID(), kind: 'activity', startMs: t, endMs: t + 120_000, app: APPS[(i * 7 + rep) % APPS.length]!, ...z });
    }
  }
  for (let c = 0; c < 12; c++) {
    const at = start + 30 * 60_000 + c * 35 * 60_000;
    const answered = c % 5 !== 4;
    push({
      seq: next(),
      uuid: randomUUID(),
      kind: 'call',
      startMs: at,
      endMs: at + 6 * 60_000,
      // The device's shape (electron/recorder/store/sync-store.ts): the calls table's columns, answered 0 or 1.
      data: {
        source: 'manual',
        direction: 'out',
        answered: answered ? 1 : 0,
        talk_ms: answered ? 240_000 + c * 5_000 : 0,
        hold_ms: answered ? 30_000 : 0,
        wrap_ms: answered ? 60_000 : 0,
      },
    });
  }
  return out;
}

export async function seedTeam(
  store: ServerDb,
  opts: { team: string; reps: number; fromDayMs: number; days: number; nowMs: number; withStatus?: boolean },
): Promise<SeededRep[]> {
  const db = store.db;
  const team = await db.insertInto('teams').values({ name: opts.team, created_ms: opts.fromDayMs }).returning('id').executeTakeFirstOrThrow();
  const reps: SeededRep[] = [];
  for (let i = 0; i < opts.reps; i++) {
    const user = await db
      .insertInto('users')
      .values({
        email: `${opts.team.toLowerCase()}.rep${i}@example.com`,
        name: `Rep ${i}`,
        role: 'rep',
        password_hash: null,
        created_ms: opts.fromDayMs,
        removed_ms: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('team_members').values({ team_id: team.id, user_id: user.id }).execute();
    const rep: SeededRep = { id: user.id, deviceId: randomUUID(), token: newToken(), seq: 0 };
    const next = () => ++rep.seq;
    const rows: RecordsTable[] = [];
    for (let d = 0; d < opts.days; d++) {
      const dayMs = opts.fromDayMs + d * 24 * H;
      const weekday = new Date(dayMs).getUTCDay();
      if (weekday === 0 || weekday === 6 || dayMs > opts.nowMs) continue;
      for (const r of dayRecords(dayMs, opts.nowMs, next, i)) {
        rows.push({
          user_id: user.id,
          uuid: r.uuid,
          kind: r.kind,
          device_id: rep.deviceId,
          seq: r.seq,
          start_ms: 'startMs' in r ? r.startMs : null,
          end_ms: 'endMs' in r ? r.endMs : null,
          ref_uuid: null,
          payload: JSON.stringify(r),
          received_ms: opts.nowMs,
        });
      }
    }
    await db
      .insertInto('devices')
      .values({
        id: rep.deviceId,
        user_id: user.id,
        token_hash: hashSecret(rep.token),
        created_ms: opts.fromDayMs,
        revoked_ms: null,
        last_seen_ms: opts.nowMs,
        schema_version: SYNC_SCHEMA_VERSION,
        last_seq: rep.seq,
      })
      .execute();
    for (let k = 0; k < rows.length; k += 500)
      await db
        .insertInto('records')
        .values(rows.slice(k, k + 500))
        .execute();
    // What the sync push adds as it stores activity.
    await addToRollup(
      db,
      rows.map((r) => rollupSpanOf(r.user_id, r.payload)).filter((s) => s !== null),
    );
    if (opts.withStatus !== false) {
      const status = {
        deviceId: rep.deviceId,
        atMs: opts.nowMs,
        clockedIn: true,
        onBreak: false,
        onCall: i % 3 === 0,
        category: 'Sales',
        todayWorkedSeconds: 3 * 3600,
      };
      await db
        .insertInto('device_status')
        .values({ device_id: rep.deviceId, user_id: user.id, received_ms: opts.nowMs, payload: JSON.stringify(status) })
        .execute();
    }
    reps.push(rep);
  }
  return reps;
}
