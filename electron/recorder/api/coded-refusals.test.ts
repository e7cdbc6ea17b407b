import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestInput, RequestName } from '../../../shared/api/contract';
import { DEFAULT_POLICY } from '../../../shared/sync/contract';
import { FakeClock } from '../clock/fake-clock';
import { CallsStore } from '../store/calls-store';
import { Store } from '../store/store';
import { H, IDLE_UUID, seedWorkday, T9 } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

/*
 * The refusals a rep's view shows come with a code and the params its words need, beside the English
 * message the CLI prints (unchanged): rules and ratings, manual time and corrections, session actions.
 */
let dir: string;
let store: Store;
let handlers: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-coded-'));
  const dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
  seedWorkday(store);
  handlers = createHandlers({ store, dbPath, clock: new FakeClock(T9 + 4 * H), recorder: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal<N extends RequestName>(name: N, input: RequestInput<N>) {
  const r = await dispatch(handlers, name, input);
  if (r.body.ok) throw new Error(`${name} was not refused`);
  return { status: r.status, error: r.body.error, code: 'code' in r.body ? r.body.code : undefined, params: 'params' in r.body ? r.body.params : undefined };
}

describe('coded refusals', () => {
  it('rules and ratings: a bad pattern, a bad category, a taken id, an unknown rule, an unrated category', async () => {
    const pattern = await refusal('rules.add', { category: 'Sales > Dialer', title: 'Aircall (' });
    expect(pattern).toMatchObject({ status: 422, code: 'rule-bad-pattern', params: { category: 'Sales > Dialer', field: 'title', pattern: 'Aircall (' } });
    expect(pattern.params?.['detail']).toMatch(/not a valid regular expression/);
    expect(pattern.params).toMatchObject({ kind: 'invalid', reason: 'Unterminated group' });
    expect(pattern.error).toMatch(/^This rule cannot be added:\nThe rule "Sales > Dialer", title \/Aircall \(\/: title pattern/);

    expect(await refusal('rules.add', { category: 'Sales >  > Dialer', app: 'aircall' })).toMatchObject({
      status: 422,
      code: 'rule-bad-category',
      params: { category: 'Sales >  > Dialer' },
    });
    expect(await refusal('rules.add', { id: 'salesforce.app', category: 'Fun', app: 'x' })).toMatchObject({
      status: 409,
      code: 'rule-id-taken',
      params: { id: 'salesforce.app' },
      error: 'A rule with id "salesforce.app" already exists. Choose another --id.',
    });
    expect(await refusal('rules.remove', { id: 'nope' })).toMatchObject({ status: 422, code: 'rule-not-found', params: { id: 'nope' } });
    expect(await refusal('rules.enable', { id: 'salesforce.app' })).toMatchObject({ code: 'rule-not-disabled', params: { id: 'salesforce.app' } });
    expect(await refusal('rules.rate', { category: 'sales > crm', rating: 'productive' })).toMatchObject({
      status: 422,
      code: 'rating-unknown-category',
      params: { category: 'sales > crm', near: 'Sales > CRM' },
    });
    expect(await refusal('rules.rate', { category: 'Nowhere', rating: 'productive' })).toMatchObject({ code: 'rating-unknown-category', params: { near: '' } });
  });

  it('manual time and corrections: too long, unknown, a removal, already replaced', async () => {
    expect(await refusal('time.add', { kind: 'work', startMs: T9 - 30 * H, endMs: T9, reason: 'forgot' })).toMatchObject({
      status: 422,
      code: 'time-too-long',
      params: { hours: '30' },
    });
    expect(await refusal('time.edit', { uuid: 'nope', endMs: T9 + H, reason: 'fix' })).toMatchObject({ code: 'time-not-found', params: { uuid: 'nope' } });
    const removed = await dispatch(handlers, 'time.remove', { uuid: 'work-1', reason: 'not work' });
    expect(removed.status).toBe(200);
    expect(await refusal('time.edit', { uuid: 'work-1', endMs: T9 + H, reason: 'again' })).toMatchObject({
      status: 409,
      code: 'time-already-replaced',
      params: { uuid: 'work-1' },
    });
    const removal = (removed.body as { data: { uuid: string } }).data.uuid;
    expect(await refusal('time.edit', { uuid: removal, endMs: T9 + H, reason: 'again' })).toMatchObject({ code: 'time-is-removal', params: { uuid: removal } });
  });

  it('idle answers: an unknown stretch, one already answered', async () => {
    expect(await refusal('idle.resolve', { idleUuid: 'nope', choice: 'work' })).toMatchObject({ status: 422, code: 'idle-not-found' });
    expect((await dispatch(handlers, 'idle.resolve', { idleUuid: IDLE_UUID, choice: 'break' })).status).toBe(200);
    expect(await refusal('idle.resolve', { idleUuid: IDLE_UUID, choice: 'work' })).toMatchObject({
      status: 409,
      code: 'idle-already-answered',
      params: { choice: 'break' },
      error: 'This idle stretch was already marked as break. Correct the time in the timesheet instead.',
    });
  });

  it('reviewing calls: an unknown call, one not detected, a merge into itself, a review already made', async () => {
    expect(await refusal('calls.review', { uuid: 'nope', action: 'confirm' })).toMatchObject({
      status: 422,
      code: 'call-review-not-found',
      params: { uuid: 'nope' },
    });
    const endMs = T9 + 10 * 60_000;
    const uuid = new CallsStore(store.db, store.deviceId).insert(
      { source: 'detected', direction: 'out', startMs: T9, endMs, wrapEndMs: endMs, answered: true, talkMs: endMs - T9, holdMs: 0, wrapMs: 0 },
      'UTC',
      endMs,
      { detectedBy: 'zoom' },
    );
    expect(await refusal('calls.review', { uuid, action: 'merge', into: uuid })).toMatchObject({ status: 422, code: 'call-review-self' });
    expect((await dispatch(handlers, 'calls.review', { uuid, action: 'confirm' })).status).toBe(200);
    expect(await refusal('calls.review', { uuid, action: 'dismiss' })).toMatchObject({
      status: 409,
      code: 'call-review-done',
      params: { uuid },
      error: `Call ${uuid} was already reviewed (confirm). Reviews are final; \`stint calls list\` shows it as it stands.`,
    });
  });

  it('work settings: one the team’s policy sets', async () => {
    // As the pusher stores the policy it pulled: the week start and the overtime rules are the team's.
    store.db.prepare("INSERT INTO meta (key, value) VALUES ('sync_policy', ?)").run(JSON.stringify({ version: 1, teamId: 1, policy: DEFAULT_POLICY }));
    expect(await refusal('settings.set', { weekStart: 'wed' })).toMatchObject({
      status: 422,
      code: 'settings-set-by-team',
      params: { settings: 'weekStart' },
      error: "weekStart is set by your team's policy on the server; ask your manager to change it.",
    });
  });

  it('enrolling: not a server address, a code the server does not know', async () => {
    expect(await refusal('sync.enroll', { server: 'my manager', code: 'ABC' })).toMatchObject({
      status: 422,
      code: 'sync-bad-address',
      params: { server: 'my manager' },
    });
    // The server answers as a Stint server refusing the code.
    const refusing = createHandlers({
      store,
      dbPath: path.join(dir, 'stint.db'),
      clock: new FakeClock(T9),
      recorder: null,
      tokenCipher: null,
      syncHttp: { request: () => Promise.resolve({ status: 400, body: { error: 'unknown-code', message: 'no such code' } }) },
    });
    const r = await dispatch(refusing, 'sync.enroll', { server: 'https://stint.example.com', code: 'WRONG' });
    expect(r.body).toMatchObject({
      ok: false,
      code: 'sync-problem',
      params: { problem: 'unknown-code', detail: '' },
      error: 'This enrollment code is not known to the server. Check it for typos, or ask your manager for a new one.',
    });
  });

  it('session actions: nothing to stop, nothing to resume, already working', async () => {
    expect(await refusal('session.act', { action: 'stop' })).toMatchObject({
      status: 422,
      code: 'session-not-running',
      params: { action: 'stop' },
      error: 'No session is running, so there is nothing to stop. Start one with `stint session start`.',
    });
    expect((await dispatch(handlers, 'session.act', { action: 'start' })).status).toBe(200);
    expect(await refusal('session.act', { action: 'start' })).toMatchObject({ code: 'session-already-running', params: { action: 'start' } });
    expect(await refusal('session.act', { action: 'resume' })).toMatchObject({ code: 'session-not-on-break' });
  });
});
