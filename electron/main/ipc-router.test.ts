import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract';
import { UserError } from '../../shared/user-error';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../preload/ipc-channels';
import { isTrustedSender, windowEventSender, type EventWindow } from './ipc-router';
import { routerFixture, type RouterFixture } from './testing/stand-ins';

const APP_PAGE = 'app://stint/index.html';

let f: RouterFixture;
afterEach(() => f.close());

describe('the IPC router: sender check', () => {
  let calls: string[];
  beforeEach(() => {
    calls = [];
    f = routerFixture((base) => ({
      'status.get': (input) => {
        calls.push('status.get');
        return base['status.get'](input);
      },
    }));
  });

  it('registers one invoke handler on the request channel', () => {
    expect(f.ipc.calls).toEqual([`handle ${REQUEST_CHANNEL}`]);
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a local file', 'file:///home/rep/evil.html'],
    ['another app:// host', 'app://other/index.html'],
    ['a look-alike host', 'app://stint.evil.example/'],
    ['app://stint with a port', 'app://stint:8080/'],
    ['app://stint with credentials', 'app://user:pw@stint/'],
    ['the local HTTP views', 'http://127.0.0.1:23600/'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['an empty URL', ''],
  ])('refuses a request from %s before looking at it', async (_what, url) => {
    const answer = await f.ipc.invoke(REQUEST_CHANNEL, url, 'status.get', {});
    expect(answer).toEqual({ ok: false, error: 'Requests are accepted from Stint’s own pages only.' });
    expect(calls).toEqual([]);
    expect(f.logged.at(-1)).toContain('refused an IPC request');
  });

  it('refuses a request whose frame is gone', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, null, 'status.get', {})).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
    expect(f.logged.at(-1)).toContain('a frame that is gone');
  });

  it('answers the app’s own frames, whatever the page or route', async () => {
    for (const url of [APP_PAGE, 'app://stint/', 'app://stint/?window=popover', 'app://stint/timesheet#week']) {
      expect(await f.ipc.invoke(REQUEST_CHANNEL, url, 'status.get', {})).toMatchObject({ ok: true, data: { today: { date: '2026-03-02' } } });
    }
    expect(calls).toHaveLength(4);
  });

  it('tells trusted senders apart by URL alone', () => {
    expect(isTrustedSender('app://stint/index.html')).toBe(true);
    expect(isTrustedSender('APP://stint/')).toBe(true);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('app:stint')).toBe(false);
  });
});

describe('the IPC router: unknown requests and validation', () => {
  beforeEach(() => {
    f = routerFixture();
  });

  it('refuses an unknown request by name', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'shell.openExternal', { url: 'https://evil.example' })).toEqual({
      ok: false,
      error: 'No such request: shell.openExternal.',
    });
    // Names of Object.prototype are not requests either.
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'constructor', {})).toMatchObject({ ok: false, error: 'No such request: constructor.' });
  });

  it('refuses a request name that is not a string', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, { name: 'status.get' }, {})).toEqual({ ok: false, error: 'The request name must be a string.' });
  });

  it('refuses input that does not fit the contract, naming the field, before any handler runs', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'session.act', { action: 'dance' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid input for session\.act: action: /),
    });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'time.add', { kind: 'work', startMs: -5, endMs: 10, reason: ' ' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/startMs: .*; reason: give a reason/),
    });
    // Strict schemas: no extra keys smuggled in.
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'status.get', { sql: 'DROP TABLE sessions' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('Invalid input for status.get'),
    });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'status.get', undefined)).toMatchObject({ ok: false });
    const sessions = f.store.db.prepare('SELECT count(*) FROM sessions').pluck().get();
    expect(sessions).toBe(1);
    expect(f.published).toEqual([]);
  });
});

describe('the IPC router: dispatch', () => {
  beforeEach(() => {
    f = routerFixture();
  });

  it('runs the handler and answers { ok: true, data }', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'rules.test', { app: 'Google-chrome', title: 'Pipeline - Salesforce' })).toMatchObject({
      ok: true,
      data: { rating: expect.any(String) },
    });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'idle.pending', {})).toEqual({
      ok: true,
      data: [{ uuid: 'idle-seeded', startMs: expect.any(Number), endMs: expect.any(Number), open: false }],
    });
  });

  it('applies defaults from the schema before the handler sees the input', async () => {
    const answer = (await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'timesheet.get', { from: '2026-03-02', to: '2026-03-02' })) as {
      ok: boolean;
      data: { totals: { workedSeconds: number } };
    };
    expect(answer.ok).toBe(true);
    expect(answer.data.totals.workedSeconds).toBe(3 * 3600);
  });

  it('publishes what changed after a request that changes data, and nothing after a read', async () => {
    await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'status.get', {});
    expect(f.published).toEqual([]);
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'session.act', { action: 'start' })).toEqual({ ok: true, data: { state: 'working' } });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'idle.resolve', { idleUuid: 'idle-seeded', choice: 'break' })).toEqual({
      ok: true,
      data: { choice: 'break' },
    });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'calls.act', { action: 'start', direction: 'in' })).toMatchObject({
      ok: true,
      data: { state: { status: 'talking' } },
    });
    expect(f.published).toEqual<ApiEvent[]>([
      { type: 'changed', what: 'sessions' },
      { type: 'changed', what: 'idle' },
      { type: 'changed', what: 'calls' },
    ]);
  });

  it('lets the main process make the same requests without a frame, validated all the same', async () => {
    expect(await f.router.call('session.act', { action: 'start' })).toEqual({ ok: true, data: { state: 'working' } });
    expect(f.published).toEqual([{ type: 'changed', what: 'sessions' }]);
    // @ts-expect-error: a wrong action, as a bug in the tray could send it
    expect(await f.router.call('session.act', { action: 'nap' })).toMatchObject({ ok: false, error: expect.stringContaining('Invalid input') });
  });

  it('removes its handler on close', () => {
    f.router.close();
    expect(f.ipc.handlers.size).toBe(0);
    expect(f.ipc.calls.at(-1)).toBe(`removeHandler ${REQUEST_CHANNEL}`);
  });
});

describe('the IPC router: handler errors', () => {
  beforeEach(() => {
    f = routerFixture(() => ({
      'rules.list': () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /home/rep/.local/share/stint/stint.db');
      },
      'rules.remove': () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")),
      'rules.rate': () => {
        throw 'a thrown string';
      },
    }));
  });

  it('passes a UserError’s message through as it is, with the code the views word it from', async () => {
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'session.act', { action: 'resume' })).toEqual({
      ok: false,
      error: 'No session is running, so there is nothing to resume. Start one with `stint session start`.',
      code: 'session-not-running',
      params: { action: 'resume' },
    });
    expect(await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'idle.resolve', { idleUuid: 'nope', choice: 'work' })).toEqual({
      ok: false,
      error: 'No idle stretch nope.',
      code: 'idle-not-found',
      params: {},
    });
    expect(f.logged).toEqual([]);
    expect(f.published).toEqual([]);
  });

  it('answers any other error with only a failure id, which the log line has with the details', async () => {
    const answers = [
      await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'rules.list', {}),
      await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'rules.remove', { id: 'r1' }),
      await f.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'rules.rate', { category: 'Work', rating: 'productive' }),
    ];
    const ids = answers.map((answer) => {
      expect(answer).toEqual({ ok: false, error: expect.stringMatching(/^Internal error \(id [0-9a-f]{8}\)\.$/) });
      return /id ([0-9a-f]{8})/.exec((answer as { error: string }).error)![1]!;
    });
    expect(new Set(ids).size).toBe(3);
    expect(f.logged).toHaveLength(3);
    expect(f.logged[0]).toContain(`request rules.list failed (id ${ids[0]}): Error: SQLITE_CORRUPT`);
    expect(f.logged[1]).toContain(`(id ${ids[1]}): TypeError: Cannot read properties of undefined (reading 'id')`);
    expect(f.logged[2]).toContain(`(id ${ids[2]}): a thrown string`);
    expect(JSON.stringify(answers)).not.toContain('SQLITE');
    expect(f.published).toEqual([]);
  });

  it('keeps UserError apart from other errors by class, not by message', async () => {
    const fixture = routerFixture(() => ({ 'rules.list': () => Promise.reject(new UserError('Rules are locked by your admin.')) }));
    try {
      expect(await fixture.ipc.invoke(REQUEST_CHANNEL, APP_PAGE, 'rules.list', {})).toEqual({ ok: false, error: 'Rules are locked by your admin.' });
    } finally {
      fixture.close();
    }
  });
});

describe('events to windows', () => {
  beforeEach(() => {
    f = routerFixture();
  });

  function fakeWindow(url: string, destroyed = false) {
    const sent: unknown[][] = [];
    const window: EventWindow = {
      isDestroyed: () => destroyed,
      webContents: { isDestroyed: () => destroyed, getURL: () => url, send: (...args: unknown[]) => void sent.push(args) },
    };
    return { window, sent };
  }

  it('sends each event on the event channel to every live window showing an app:// page, and to no other', () => {
    const main = fakeWindow('app://stint/');
    const popover = fakeWindow('app://stint/?window=popover');
    const navigated = fakeWindow('https://evil.example/');
    const closed = fakeWindow('app://stint/', true);
    const send = windowEventSender(() => [main.window, popover.window, navigated.window, closed.window]);
    const event: ApiEvent = { type: 'changed', what: 'rules' };
    send(event);
    expect(main.sent).toEqual([[EVENT_CHANNEL, event]]);
    expect(popover.sent).toEqual([[EVENT_CHANNEL, event]]);
    expect(navigated.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('asks for the windows at each event, so a window opened later gets the next one', () => {
    const windows: EventWindow[] = [];
    const send = windowEventSender(() => windows);
    send({ type: 'changed', what: 'time' });
    const late = fakeWindow('app://stint/');
    windows.push(late.window);
    send({ type: 'changed', what: 'calls' });
    expect(late.sent).toEqual([[EVENT_CHANNEL, { type: 'changed', what: 'calls' }]]);
  });
});
