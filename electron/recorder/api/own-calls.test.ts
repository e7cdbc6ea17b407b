import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestInput, RequestName, ResponseMap } from '../../../shared/api/contract';
import { FakeClock } from '../clock/fake-clock';
import { CallsStore } from '../store/calls-store';
import { Store } from '../store/store';
import { DAY, H, MIN, seedWorkday, T9 } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

// The seeded workday: a closed work session 09:00–12:00 UTC, active 2.5 h of it.
let dir: string;
let store: Store;
let clock: FakeClock;
let handlers: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-own-calls-'));
  const dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
  seedWorkday(store);
  clock = new FakeClock(T9);
  handlers = createHandlers({ store, dbPath, clock, recorder: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ask<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
  const r = await dispatch(handlers, name, input);
  if (!r.body.ok) throw new Error(r.body.error);
  return r.body.data as ResponseMap[N];
}

function csv(rows: string[][]): { name: string; base64: string } {
  const text = ['id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact', ...rows.map((r) => r.join(','))].join('\n');
  return { name: 'log.csv', base64: Buffer.from(text).toString('base64') };
}

/** A call timed by hand: start at `startMs`, talk for `talkMs`, wrap at once (with notes when given). */
async function timedCall(startMs: number, talkMs: number, contact?: string, notes?: string) {
  await clock.advance(startMs - clock.now());
  await ask('calls.act', { action: 'start', direction: 'out', ...(contact ? { contact } : {}) });
  await clock.advance(talkMs);
  await ask('calls.act', { action: 'end' });
  await ask('calls.act', { action: 'wrap', ...(notes ? { notes } : {}) });
}

function detectedCall(startMs: number, endMs: number): string {
  return new CallsStore(store.db, store.deviceId).insert(
    { source: 'detected', direction: 'out', startMs, endMs, wrapEndMs: endMs, answered: true, talkMs: endMs - startMs, holdMs: 0, wrapMs: 0 },
    'UTC',
    endMs,
    { detectedBy: 'zoom' },
  );
}

describe('detected calls wait for the rep', () => {
  it('are left out of AHT and counted as to review until confirmed; dismissed ones are listed only when asked for', async () => {
    await timedCall(T9 + 15 * MIN, 4 * MIN);
    const zoom = detectedCall(T9 + 20 * MIN, T9 + 50 * MIN);
    const teams = detectedCall(T9 + 2 * H, T9 + 2 * H + 10 * MIN);
    const before = await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(before).toMatchObject({ calls: 1, answered: 1, ahtSeconds: 240, toReview: 2 });

    await ask('calls.review', { uuid: zoom, action: 'confirm' });
    await ask('calls.review', { uuid: teams, action: 'dismiss' });
    const after = await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(after).toMatchObject({ calls: 2, answered: 2, ahtSeconds: (240 + 1800) / 2, toReview: 0 });

    const list = async (review?: 'pending' | 'confirmed' | 'dismissed') =>
      (await ask('calls.list', { from: DAY, to: DAY, timeZone: 'UTC', ...(review ? { review } : {}) })).map((c) => c.uuid);
    expect(await list()).toHaveLength(2);
    expect(await list('confirmed')).toEqual([zoom]);
    expect(await list('dismissed')).toEqual([teams]);
    expect(await list('pending')).toEqual([]);
  });
});

describe("the rep's own calls", () => {
  it('pair a call timed here with the same call in an imported log, and leave other agents out of their own figures', async () => {
    await ask('settings.set', { agentName: 'Dana Reyes', agentEmail: 'dana@acme.test', agentExtension: '214' });
    await timedCall(T9 + 10 * MIN, 5 * MIN, '+1 415 555 0101', 'Sent the quote');
    await ask('import.calls', {
      format: 'generic',
      timeZone: 'UTC',
      file: csv([
        // The same call as the dialer logged it, 30 s later, in the rep's email.
        ['c1', '2026-03-02T09:10:30Z', 'outbound', 'yes', '280', '0', '0', 'dana@acme.test', '(415) 555-0101'],
        // Another call of the rep's, only in the log.
        ['c2', '2026-03-02T11:00:00Z', 'inbound', 'yes', '120', '0', '60', 'Dana Reyes', '+1 212 555 0100'],
        // A colleague's call.
        ['c3', '2026-03-02T09:30:00Z', 'inbound', 'yes', '600', '0', '0', 'Sam Lee', '+1 212 555 0999'],
      ]),
    });

    const mine = await ask('calls.list', { from: DAY, to: DAY, timeZone: 'UTC', agent: 'me' });
    expect(mine.map((c) => [c.source, c.contact, c.mine])).toEqual([
      ['manual', '+1 415 555 0101', true],
      ['import', '+1 212 555 0100', true],
    ]);
    expect(mine[0]).toMatchObject({ notes: 'Sent the quote', sameAs: { system: 'generic', externalId: 'c1' } });
    // Every agent: the paired log call is still one row.
    const all = await ask('calls.list', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(all.map((c) => c.contact)).toEqual(['+1 415 555 0101', '+1 212 555 0999', '+1 212 555 0100']);
    expect(await ask('calls.list', { from: DAY, to: DAY, timeZone: 'UTC', agent: 'Sam Lee' })).toHaveLength(1);

    const own = await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC', scope: 'mine' });
    expect(own).toMatchObject({ calls: 2, answered: 2, ahtSeconds: (300 + 180) / 2 });
    const everyone = await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC', byAgent: true });
    expect(everyone).toMatchObject({ calls: 3, answered: 3 });
    expect(everyone.agents?.map((a) => [a.agent, a.calls])).toEqual([
      [null, 2],
      ['Sam Lee', 1],
    ]);
  });

  it('counts a call once more when the rep changes who they are', async () => {
    await ask('import.calls', {
      format: 'generic',
      timeZone: 'UTC',
      file: csv([['c9', '2026-03-02T09:40:00Z', 'inbound', 'yes', '120', '0', '0', 'ext. 214', '+1 212 555 0100']]),
    });
    expect(await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC', scope: 'mine' })).toMatchObject({ calls: 0 });
    await ask('settings.set', { agentExtension: '214' });
    expect(await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC', scope: 'mine' })).toMatchObject({ calls: 1 });
  });
});

describe('calls per active hour', () => {
  it('counts only the calls inside worked time', async () => {
    await ask('settings.set', { agentName: 'Dana Reyes' });
    await timedCall(T9 + 15 * MIN, 4 * MIN);
    await ask('import.calls', {
      format: 'generic',
      timeZone: 'UTC',
      // One during the workday, one in the evening when nothing was worked.
      file: csv([
        ['e1', '2026-03-02T11:30:00Z', 'inbound', 'yes', '60', '0', '0', 'Dana Reyes', '+1 212 555 0101'],
        ['e2', '2026-03-02T19:00:00Z', 'inbound', 'yes', '60', '0', '0', 'Dana Reyes', '+1 212 555 0102'],
      ]),
    });
    const r = await ask('report.calls', { from: DAY, to: DAY, timeZone: 'UTC', scope: 'mine' });
    expect(r.answered).toBe(3);
    // Active 2.5 h; 2 calls inside the 09:00–12:00 session.
    expect(r.callsPerActiveHour).toBeCloseTo(2 / 2.5, 6);
  });
});

describe('wrap-up notes', () => {
  it('are stored with the call, and a wrap-up without notes has none', async () => {
    await timedCall(T9 + 10 * MIN, 2 * MIN, undefined, '  Follow up Friday  ');
    await timedCall(T9 + 20 * MIN, 2 * MIN);
    const calls = await ask('calls.list', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(calls.map((c) => c.notes ?? null)).toEqual(['Follow up Friday', null]);
    const refused = await dispatch(handlers, 'calls.act', { action: 'end', notes: 'x' });
    expect(refused.status).toBe(400);
  });
});
