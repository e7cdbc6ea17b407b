/**
 * The device and the server compute the same week (issue 14 §1): generated weeks of sessions, breaks,
 * corrections (edits, removals, manual time), idle stretches and their answers, in several zones and under
 * generated pay rules, pushed through the sync ingest; the server's week from its store equals the device's
 * week from its own records, figure for figure, in SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hashSecret, newToken, normalizeCode } from '../auth/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../../shared/payroll/week';
import { IDLE_CHOICES } from '../../shared/recording/records';
import { DEFAULT_POLICY, SYNC_SCHEMA_VERSION, type Policy, type SyncRecord } from '../../shared/sync/contract';
import { OVERTIME_RULES, WEEK_STARTS } from '../../shared/timesheet/types';
import { createUser, enrollmentCode } from '../admin';
import { rulesFor, serverWeek } from '../reports/week';
import { createHarness, T0, type Harness } from '../test-support/harness';
import { pushBody } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const MIN = 60_000;
const ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
/** Around the week of 2026-03-02 and the US DST change of 2026-03-08. */
const BASE = Date.UTC(2026, 1, 27);

const policyArb = fc.record({
  overtimeRules: fc.constantFrom(...OVERTIME_RULES),
  weekStart: fc.constantFrom(...WEEK_STARTS),
  rounding: fc.constantFrom({ minutes: 0, mode: 'nearest' } as const, { minutes: 15, mode: 'nearest' } as const, { minutes: 6, mode: 'up' } as const),
  unconfirmedIdleLimitMinutes: fc.constantFrom(null, 30),
});

const spanArb = fc.record({
  startMin: fc.integer({ min: 0, max: 14 * 24 * 60 }),
  lengthMin: fc.integer({ min: 1, max: 14 * 60 }),
  zone: fc.constantFrom(...ZONES),
});

const stepArb = fc.oneof(
  fc.record({ type: fc.constant('session' as const), span: spanArb, isBreak: fc.boolean() }),
  fc.record({ type: fc.constant('manual' as const), span: spanArb }),
  fc.record({ type: fc.constant('edit' as const), target: fc.nat(), span: spanArb }),
  fc.record({ type: fc.constant('remove' as const), target: fc.nat() }),
  fc.record({
    type: fc.constant('idle' as const),
    target: fc.nat(),
    offsetMin: fc.nat({ max: 120 }),
    lengthMin: fc.integer({ min: 1, max: 90 }),
    choice: fc.option(fc.constantFrom(...IDLE_CHOICES)),
  }),
);

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function build(steps: readonly Step[]): SyncRecord[] {
  const out: SyncRecord[] = [];
  const sessions: { uuid: string; startMs: number; endMs: number }[] = [];
  let created = BASE + 20 * 24 * 60 * MIN;
  const span = (s: { startMin: number; lengthMin: number; zone: string }) => ({
    startMs: BASE + s.startMin * MIN,
    endMs: BASE + (s.startMin + s.lengthMin) * MIN,
    timeZone: s.zone,
    utcOffsetMin: 0,
  });
  for (const step of steps) {
    const seq = out.length + 1;
    const uuid = `r${seq}`;
    if (step.type === 'session') {
      const sp = span(step.span);
      out.push({ seq, uuid, kind: 'session', sessionKind: step.isBreak ? 'break' : 'work', source: 'recorded', ...sp });
      if (!step.isBreak) sessions.push({ uuid, startMs: sp.startMs, endMs: sp.endMs });
    } else if (step.type === 'manual' || step.type === 'edit') {
      const target = step.type === 'edit' ? sessions[step.target % Math.max(1, sessions.length)] : undefined;
      if (step.type === 'edit' && !target) continue;
      out.push({
        seq,
        uuid,
        kind: 'correction',
        sessionKind: 'work',
        replaces: target?.uuid ?? null,
        reason: 'fixed by hand',
        createdMs: (created += MIN),
        ...span(step.span),
      });
    } else if (step.type === 'remove') {
      const target = sessions[step.target % Math.max(1, sessions.length)];
      if (!target) continue;
      out.push({
        seq,
        uuid,
        kind: 'correction',
        sessionKind: 'work',
        replaces: target.uuid,
        reason: 'not work',
        createdMs: (created += MIN),
        startMs: null,
        endMs: null,
        timeZone: 'UTC',
        utcOffsetMin: 0,
      });
    } else {
      const target = sessions[step.target % Math.max(1, sessions.length)];
      if (!target) continue;
      const startMs = Math.min(target.endMs - MIN, target.startMs + step.offsetMin * MIN);
      const endMs = Math.min(target.endMs, startMs + step.lengthMin * MIN);
      if (endMs <= startMs) continue;
      out.push({ seq, uuid, kind: 'idle', startMs, endMs, timeZone: 'UTC', utcOffsetMin: 0 });
      if (step.choice !== null)
        out.push({
          seq: seq + 1,
          uuid: `${uuid}-choice`,
          kind: 'idle-choice',
          idleUuid: uuid,
          choice: step.choice,
          startMs,
          endMs,
          createdMs: (created += MIN),
        });
    }
  }
  return out;
}

describe.each(DIALECTS)('device and server compute the same week (%s)', (dialect) => {
  let h: Harness;
  let runs = 0;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('for generated weeks, rules and zones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), policyArb, fc.integer({ min: 0, max: 13 }), async (steps, rules, dayOffset) => {
        const records = build(steps);
        const policy: Policy = { ...DEFAULT_POLICY, ...rules };
        const email = `gen${++runs}@example.com`;
        const user = await createUser(h.services, { email, name: 'Generated', role: 'rep', team: null, password: null });
        await h.services.policies.put(null, policy, h.ids.admin, T0);
        // Enrolled straight through the store: enrollment over HTTP is rate-limited per address.
        const { code } = await enrollmentCode(h.services, email);
        const deviceId = randomUUID();
        const token = newToken();
        await h.services.sync.enroll(hashSecret(normalizeCode(code)), { id: deviceId, tokenHash: hashSecret(token), schemaVersion: SYNC_SCHEMA_VERSION }, T0);
        if (records.length > 0) {
          const res = await h.request({ method: 'POST', url: '/api/sync/push', token, payload: pushBody(deviceId, records) });
          expect(res.statusCode, res.body).toBe(200);
        }
        const date = new Date(BASE + dayOffset * 24 * 60 * MIN).toISOString().slice(0, 10);
        const device = computeWeek(timeRecordsFromSync(records.map((record) => ({ record, deviceId }))), date, payRulesOf(policy), T0, 'UTC');
        const server = await serverWeek(h.store.db, user.id, device.weekStart, (await rulesFor(h.store.db, user.id)).rules, T0, 'UTC');
        expect(server).toEqual(device);
      }),
      { numRuns: 30 },
    );
  });
});
