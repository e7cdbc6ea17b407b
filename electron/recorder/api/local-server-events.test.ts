import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY, EventLog, H, IDLE_UUID, T9, isChanged, isRecorder, isStatus, startTestServer, type TestServer } from './api-test-fixture';

let t: TestServer;
const logs: EventLog[] = [];
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const log of logs.splice(0)) log.close();
  await t.stop();
});

function listen(): EventLog {
  const log = new EventLog(`${t.origin}/api/events`, { Authorization: `Bearer ${t.token}` });
  logs.push(log);
  return log;
}

async function post(name: string, input: unknown): Promise<void> {
  const res = await fetch(`${t.origin}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` }, body: JSON.stringify(input) });
  expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
  await res.arrayBuffer();
}

describe('the local API: live events', () => {
  it('sends the status on connect and again each second of the injected clock', async () => {
    const log = listen();
    const first = await log.next(isStatus);
    expect(first.status.today.date).toBe(DAY);
    await post('session.act', { action: 'start' });
    const after = log.events.length;
    await t.clock.advance(1000);
    const tick = await log.next((e) => isStatus(e) && e.status.session !== null && e.status.session.seconds === 1, after);
    expect(tick).toMatchObject({ type: 'status', status: { session: { kind: 'work', startMs: T9 + 4 * H, seconds: 1 } } });
    const later = log.events.length;
    await t.clock.advance(1000);
    await log.next((e) => isStatus(e) && e.status.session?.seconds === 2, later);
  });

  it('tells the views what changed after each kind of change, and only after changes', async () => {
    const log = listen();
    await log.next(isStatus);
    const changes: string[] = [];
    const expectChange = async (name: string, input: unknown, what: string) => {
      const from = log.events.length;
      await post(name, input);
      const event = await log.next(isChanged, from);
      changes.push(event.what);
      expect(event.what).toBe(what);
      // The live status follows at once, not a second later.
      await log.next(isStatus, log.events.indexOf(event));
    };
    // Reads change nothing: the next "changed" seen after them is the one from time.add.
    await post('rules.test', { app: 'Slack', title: '#sales' });
    await post('timesheet.get', { from: DAY, to: DAY });
    await expectChange('time.add', { kind: 'work', startMs: T9 - H, endMs: T9, reason: 'prospecting call from home' }, 'time');
    await expectChange('session.act', { action: 'start' }, 'sessions');
    await expectChange('rules.rate', { category: 'Sales', rating: 'productive' }, 'rules');
    await expectChange('idle.resolve', { idleUuid: IDLE_UUID, choice: 'work' }, 'idle');
    expect(log.events.filter(isChanged).map((e) => e.what)).toEqual(['time', 'sessions', 'rules', 'idle']);
    expect(changes).toEqual(['time', 'sessions', 'rules', 'idle']);
  });

  it('sends no change after a refused request', async () => {
    const log = listen();
    await log.next(isStatus);
    const from = log.events.length;
    const res = await fetch(`${t.origin}/api/session.act`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` }, body: '{"action":"resume"}' });
    expect(res.status).toBe(422);
    await post('time.add', { kind: 'break', startMs: T9 - H, endMs: T9, reason: 'lunch' });
    expect((await log.next(isChanged, from)).what).toBe('time');
  });

  it('forwards recorder events as they happen, to every client', async () => {
    const a = listen();
    const b = listen();
    await Promise.all([a.next(isStatus), b.next(isStatus)]);
    expect(t.server.eventClients).toBe(2);
    t.emitRecorderEvent({ type: 'focus', atMs: T9 + 4 * H, app: 'Slack', title: '#deals' });
    t.emitRecorderEvent({ type: 'idle-start', atMs: T9 + 4 * H + 5000, sinceMs: T9 + 4 * H });
    for (const log of [a, b]) {
      await log.next((e) => isRecorder(e) && e.event.type === 'idle-start');
      expect(log.events.filter(isRecorder).map((e) => e.event)).toEqual([
        { type: 'focus', atMs: T9 + 4 * H, app: 'Slack', title: '#deals' },
        { type: 'idle-start', atMs: T9 + 4 * H + 5000, sinceMs: T9 + 4 * H },
      ]);
    }
  });

  it('forgets clients that leave and stops the status ticker when none is left', async () => {
    const a = listen();
    const b = listen();
    await Promise.all([a.next(isStatus), b.next(isStatus)]);
    a.close();
    await vi.waitFor(() => expect(t.server.eventClients).toBe(1));
    const from = b.events.length;
    await t.clock.advance(1000);
    await b.next(isStatus, from);
    b.close();
    await vi.waitFor(() => expect(t.server.eventClients).toBe(0));
    const reads = t.statusReads();
    await t.clock.advance(10_000);
    expect(t.statusReads()).toBe(reads);
  });

  it('ends the streams when the server closes', async () => {
    const log = listen();
    await log.next(isStatus);
    await t.server.close();
    await vi.waitFor(() => expect(log.closed).toBe(true));
    expect(t.server.eventClients).toBe(0);
  });
});

describe('the local API: live status that fails', () => {
  it('logs the failure and keeps the stream going', async () => {
    const failing = await startTestServer({
      override: () => ({
        'status.get': () => {
          throw new Error('database disk image is malformed');
        },
      }),
    });
    const log = new EventLog(`${failing.origin}/api/events`, { Authorization: `Bearer ${failing.token}` });
    try {
      await vi.waitFor(() => expect(failing.logged).toHaveLength(1));
      expect(failing.logged[0]).toMatch(/^stint: live status failed: Error: database disk image is malformed\n/);
      await failing.clock.advance(1000);
      expect(failing.logged).toHaveLength(2);
      failing.emitRecorderEvent({ type: 'error', atMs: T9, message: 'cannot read the window' });
      expect(await log.next(isRecorder)).toEqual({ type: 'recorder', event: { type: 'error', atMs: T9, message: 'cannot read the window' } });
      expect(log.events.some(isStatus)).toBe(false);
    } finally {
      log.close();
      await failing.stop();
    }
  });
});
