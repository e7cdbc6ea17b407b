import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract';
// The transport is tested against the real recorder server; only this test reaches into electron/.
// eslint-disable-next-line no-restricted-imports
import { DAY, T9, fetchEventChannel, startTestServer, type TestServer } from '../../electron/recorder/api/api-test-fixture';
import { HttpTransport, type OpenEventChannel } from './http-transport';

let t: TestServer;
const transports: { close(): void }[] = [];
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const x of transports.splice(0)) x.close();
  await t.stop();
});

/** A transport on the real server, its event stream read over fetch (Node has no EventSource). */
function transport(options: ConstructorParameters<typeof HttpTransport>[0] = {}): HttpTransport {
  return new HttpTransport({ baseUrl: t.origin, token: t.token, openEventChannel: fetchEventChannel, ...options });
}

/** Events a subscription receives; next() waits for the first matching one at or after `from`. */
function collect(x: HttpTransport) {
  const events: ApiEvent[] = [];
  const waiters: { match: (e: ApiEvent) => boolean; resolve: (e: ApiEvent) => void }[] = [];
  const unsubscribe = x.subscribe((event) => {
    events.push(event);
    for (const w of waiters.splice(0))
      if (w.match(event)) w.resolve(event);
      else waiters.push(w);
  });
  const next = (match: (e: ApiEvent) => boolean, from = 0) =>
    new Promise<ApiEvent>((resolve) => {
      const seen = events.slice(from).find(match);
      if (seen) resolve(seen);
      else waiters.push({ match, resolve });
    });
  transports.push({ close: unsubscribe });
  return { events, next, unsubscribe };
}

describe('HttpTransport: requests', () => {
  it('posts a request with the token and returns the result', async () => {
    const result = await transport().request('status.get', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.today.date).toBe(DAY);
    const added = await transport().request('time.add', { kind: 'work', startMs: T9 - 3_600_000, endMs: T9, reason: 'early call' });
    expect(added).toMatchObject({ ok: true, data: { uuid: expect.any(String) } });
    const sheet = await transport().request('timesheet.get', { from: DAY, to: DAY });
    expect(sheet.ok && sheet.data.totals.manualSeconds).toBe(3600);
  });

  it('returns the server’s message when a request is refused, with the code and params the views word it from', async () => {
    expect(await transport().request('session.act', { action: 'resume' })).toEqual({
      ok: false,
      error: 'No session is running, so there is nothing to resume. Start one with `stint session start`.',
      code: 'session-not-running',
      params: { action: 'resume' },
    });
    const invalid = await transport().request('time.add', { kind: 'work', startMs: -5, endMs: T9, reason: 'x' });
    expect(invalid).toEqual({ ok: false, error: 'Invalid input for time.add: startMs: a time from 1970 to the end of 2100, in milliseconds since 1970' });
    const notSignedIn = {
      ok: false,
      error: 'Not signed in. Run `stint open` to sign this browser in; programs send the API token as `Authorization: Bearer`.',
    };
    expect(await transport({ token: 'not-the-token' }).request('status.get', {})).toEqual(notSignedIn);
    // Without a token it is a browser's transport: only a signed-in browser's cookie lets it in.
    expect(await new HttpTransport({ baseUrl: t.origin }).request('status.get', {})).toEqual(notSignedIn);
  });

  it('says the recorder cannot be reached when nothing answers', async () => {
    const origin = t.origin;
    await t.server.close();
    expect(await new HttpTransport({ baseUrl: origin, token: t.token }).request('status.get', {})).toEqual({
      ok: false,
      error: `Cannot reach the Stint recorder at ${origin}. Is \`stint track\` running?`,
    });
  });

  it('reports an answer that is not a result', async () => {
    const fakeFetch: typeof fetch = async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    expect(await new HttpTransport({ baseUrl: 'http://127.0.0.1:1/', token: 'x', fetch: fakeFetch }).request('status.get', {})).toEqual({
      ok: false,
      error: 'The Stint recorder at http://127.0.0.1:1 answered 502 Bad Gateway without a result.',
    });
  });

  it('sends the browser’s cookie, and a token only when given one', async () => {
    const sent: RequestInit[] = [];
    const recording: typeof fetch = async (_input, init) => {
      sent.push(init ?? {});
      return Response.json({ ok: true, data: null });
    };
    await new HttpTransport({ baseUrl: t.origin, fetch: recording }).request('status.get', {});
    await new HttpTransport({ baseUrl: t.origin, token: 'tok', fetch: recording }).request('status.get', {});
    expect(sent.map((init) => [init.credentials, init.headers])).toEqual([
      ['same-origin', { 'Content-Type': 'application/json' }],
      ['same-origin', { Authorization: 'Bearer tok', 'Content-Type': 'application/json' }],
    ]);
    expect(() => new HttpTransport()).toThrow('HttpTransport needs baseUrl outside a browser page.');
  });
});

describe('HttpTransport: events', () => {
  it('delivers status, changes and recorder events over one shared stream', async () => {
    const x = transport();
    const a = collect(x);
    const b = collect(x);
    await Promise.all([a.next((e) => e.type === 'status'), b.next((e) => e.type === 'status')]);
    expect(t.server.eventClients).toBe(1);
    const from = a.events.length;
    expect(await x.request('session.act', { action: 'start' })).toEqual({ ok: true, data: { state: 'working' } });
    expect(await a.next((e) => e.type === 'changed', from)).toEqual({ type: 'changed', what: 'sessions' });
    t.emitRecorderEvent({ type: 'session-open', atMs: T9, kind: 'work', reason: 'clock-in' });
    const recorder = { type: 'recorder', event: { type: 'session-open', atMs: T9, kind: 'work', reason: 'clock-in' } };
    expect(await a.next((e) => e.type === 'recorder')).toEqual(recorder);
    expect(await b.next((e) => e.type === 'recorder')).toEqual(recorder);
    a.unsubscribe();
    expect(t.server.eventClients).toBe(1);
    b.unsubscribe();
    b.unsubscribe();
    await vi.waitFor(() => expect(t.server.eventClients).toBe(0));
  });

  it('reconnects when the recorder restarts', async () => {
    const port = t.server.port;
    const pending: (() => void)[] = [];
    const delays: number[] = [];
    const connection: boolean[] = [];
    const x = transport({
      schedule: (fn, ms) => {
        delays.push(ms);
        pending.push(fn);
        return () => undefined;
      },
      onConnectionChange: (connected) => connection.push(connected),
    });
    const sub = collect(x);
    await sub.next((e) => e.type === 'status');
    expect(connection).toEqual([true]);

    await t.stop();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect([delays, connection]).toEqual([[1000], [true, false]]);
    // `stint track` again, same database (same token), same port.
    t = await startTestServer({ port, token: t.token });
    const from = sub.events.length;
    pending.shift()!();
    await sub.next((e) => e.type === 'status', from);
    expect(connection).toEqual([true, false, true]);
    expect(t.server.eventClients).toBe(1);
  });

  it('backs off while the stream keeps failing and stops trying once unsubscribed', async () => {
    const opened: [string, Record<string, string>][] = [];
    const channels: { on: Parameters<OpenEventChannel>[1]; closed: boolean }[] = [];
    const open: OpenEventChannel = (url, on, headers) => {
      opened.push([url, headers]);
      const channel = { on, closed: false };
      channels.push(channel);
      return { close: () => void (channel.closed = true) };
    };
    const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
    const x = new HttpTransport({
      baseUrl: 'http://127.0.0.1:23600',
      token: 'a/b+c',
      openEventChannel: open,
      schedule: (fn, ms) => {
        const timer = { fn, ms, cancelled: false };
        pending.push(timer);
        return () => void (timer.cancelled = true);
      },
    });
    const received: ApiEvent[] = [];
    const unsubscribe = x.subscribe((e) => received.push(e));
    // The token goes in a header, never in the URL.
    expect(opened).toEqual([['http://127.0.0.1:23600/api/events', { Authorization: 'Bearer a/b+c' }]]);

    // An error EventSource recovers from by itself: nothing to do.
    channels[0]!.on.error(false);
    expect(pending).toHaveLength(0);
    // Given up (e.g. the server answered 401): reopen after 1 s, then 2 s, 4 s…
    for (const [attempt, ms] of [1000, 2000, 4000, 8000, 16000, 30000, 30000].entries()) {
      channels[attempt]!.on.error(true);
      expect(channels[attempt]!.closed).toBe(true);
      expect(pending.at(-1)!.ms).toBe(ms);
      pending.at(-1)!.fn();
    }
    // A stale channel's messages are ignored; the current one's arrive; malformed data is dropped.
    channels[0]!.on.message(JSON.stringify({ type: 'changed', what: 'rules' }));
    const live = channels.at(-1)!;
    live.on.open();
    live.on.message('not json');
    live.on.message(JSON.stringify({ type: 'changed', what: 'time' }));
    expect(received).toEqual([{ type: 'changed', what: 'time' }]);
    // After a successful open the back-off starts again from 1 s.
    live.on.error(true);
    expect(pending.at(-1)!.ms).toBe(1000);
    unsubscribe();
    expect(pending.at(-1)!.cancelled).toBe(true);
    expect(channels.every((c) => c.closed)).toBe(true);
  });
});
