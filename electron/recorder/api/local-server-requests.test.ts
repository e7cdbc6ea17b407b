import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../shared/api/contract';
import { DAY, H, IDLE_UUID, MIN, T9, rawRequest, startTestServer, type TestServer } from './api-test-fixture';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.stop();
});

async function call(name: string, input: unknown): Promise<{ status: number; body: ApiResult<unknown> }> {
  const res = await fetch(`${t.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as ApiResult<unknown> };
}

/** The data of a request that must succeed. */
async function ok<T>(name: string, input: unknown): Promise<T> {
  const { status, body } = await call(name, input);
  expect(body, `${name} answered ${status}`).toMatchObject({ ok: true });
  expect(status).toBe(200);
  return (body as { ok: true; data: T }).data;
}

async function refused(name: string, input: unknown, status: number): Promise<string> {
  const res = await call(name, input);
  expect(res.status).toBe(status);
  expect(res.body.ok).toBe(false);
  return (res.body as { ok: false; error: string }).error;
}

const timesheet = (input: object = {}) =>
  ok<{ totals: { workedSeconds: number; breakSeconds: number; manualSeconds: number } }>('timesheet.get', { from: DAY, to: DAY, ...input });

describe('the local API: requests', () => {
  it('answers status.get with the seeded day', async () => {
    const status = await ok<{
      recorder: { running: boolean };
      session: unknown;
      today: { date: string; workSeconds: number; idleSeconds: number; topApps: { key: string }[] };
    }>('status.get', {});
    expect(status.recorder.running).toBe(false);
    expect(status.session).toBeNull();
    expect(status.today).toMatchObject({ date: DAY, workSeconds: 3 * 3600, idleSeconds: 1800 });
    expect(status.today.topApps.map((r) => r.key)).toEqual(['Google-chrome', 'Slack']);
  });

  it('takes an empty body as no input', async () => {
    const res = await rawRequest({ port: t.server.port, method: 'POST', path: '/api/status.get', headers: { Authorization: `Bearer ${t.token}` } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { today: { date: DAY } } });
  });

  it('clocks in, takes a break, resumes and clocks out through session.act', async () => {
    expect(await ok('session.act', { action: 'start' })).toEqual({ state: 'working' });
    await t.clock.advance(30 * MIN);
    expect(await ok('session.act', { action: 'break' })).toEqual({ state: 'on-break' });
    await t.clock.advance(15 * MIN);
    expect(await ok('session.act', { action: 'resume' })).toEqual({ state: 'working' });
    await t.clock.advance(45 * MIN);
    expect(await ok('session.act', { action: 'stop' })).toEqual({ state: 'off' });
    const sheet = await timesheet();
    // The seeded 3 h less its 30 min of idle still count as work (unanswered idle is work), plus 75 min now.
    expect(sheet.totals.workedSeconds).toBe(3 * 3600 + 75 * 60);
    expect(sheet.totals.breakSeconds).toBe(15 * 60);
  });

  it('refuses a session action that makes no sense with 422 and the reason', async () => {
    expect(await refused('session.act', { action: 'resume' }, 422)).toBe(
      'No session is running, so there is nothing to resume. Start one with `stint session start`.',
    );
  });

  it('adds manual time that timesheet.get then counts as manual', async () => {
    expect((await timesheet()).totals.manualSeconds).toBe(0);
    const { uuid } = await ok<{ uuid: string }>('time.add', { kind: 'work', startMs: T9 - 2 * H, endMs: T9 - H, reason: 'client breakfast' });
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    const sheet = await timesheet();
    expect(sheet.totals.manualSeconds).toBe(3600);
    expect(sheet.totals.workedSeconds).toBe(4 * 3600);
    const list = await ok<{ uuid: string; manual: boolean; reason: string | null }[]>('time.list', { from: DAY, to: DAY });
    expect(list.find((i) => i.uuid === uuid)).toMatchObject({ manual: true, reason: 'client breakfast' });
  });

  it('turns an idle stretch answered as a break into break time', async () => {
    expect(await ok<{ uuid: string }[]>('idle.pending', {})).toEqual([{ uuid: IDLE_UUID, startMs: T9 + 90 * MIN, endMs: T9 + 2 * H, open: false }]);
    expect((await timesheet()).totals).toMatchObject({ workedSeconds: 3 * 3600, breakSeconds: 0 });
    expect(await ok('idle.resolve', { idleUuid: IDLE_UUID, choice: 'break' })).toEqual({ choice: 'break' });
    expect((await timesheet()).totals).toMatchObject({ workedSeconds: 2.5 * 3600, breakSeconds: 1800 });
    expect(await ok('idle.pending', {})).toEqual([]);
    expect(await refused('idle.resolve', { idleUuid: IDLE_UUID, choice: 'work' }, 409)).toMatch(/already marked as break/);
    expect(await refused('idle.resolve', { idleUuid: 'no-such-idle', choice: 'work' }, 422)).toBe('No idle stretch no-such-idle.');
  });

  it('answers reports and rules requests', async () => {
    const report = await ok<{ activeSeconds: number; rows: { key: string; seconds: number }[] }>('report.timeUse', { from: DAY, to: DAY, by: 'app' });
    expect(report.activeSeconds).toBe(2.5 * 3600);
    expect(report.rows).toEqual([
      expect.objectContaining({ key: 'Google-chrome', seconds: 2 * 3600 }),
      expect.objectContaining({ key: 'Slack', seconds: 1800 }),
    ]);
    const timeline = await ok<{ activity: unknown[]; idle: unknown[]; sessions: unknown[] }>('timeline.get', { date: DAY });
    expect([timeline.activity.length > 0, timeline.idle.length, timeline.sessions.length]).toEqual([true, 1, 1]);
    const rule = await ok<{ id: string; category: string }>('rules.add', {
      category: 'Sales > CRM > Salesforce > Pipeline',
      app: 'Google-chrome',
      title: 'Pipeline review',
    });
    expect(await ok('rules.test', { app: 'Google-chrome', title: 'Pipeline review - Salesforce' })).toMatchObject({
      category: 'Sales > CRM > Salesforce > Pipeline',
    });
    const { rules } = await ok<{ rules: { id: string }[] }>('rules.list', {});
    expect(rules.map((r) => r.id)).toContain(rule.id);
  });

  it('answers report.sales with lead response in business hours when asked, and refuses hours that make no sense', async () => {
    const plain = await ok<{ leadResponse: { businessHours: unknown } }>('report.sales', { from: DAY, to: DAY });
    expect(plain.leadResponse.businessHours).toBeNull();
    const withHours = await ok<{ leadResponse: { businessHours: { leads: number } | null } }>('report.sales', {
      from: DAY,
      to: DAY,
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    expect(withHours.leadResponse.businessHours).toMatchObject({ leads: 0, contacted: 0 });
    expect(await refused('report.sales', { from: DAY, to: DAY, businessHours: { start: '17:00', end: '09:00' } }, 400)).toBe(
      'Invalid input for report.sales: businessHours.end: closing (09:00) must be after opening (17:00)',
    );
    expect(await refused('report.sales', { from: DAY, to: DAY, businessHours: { start: '9am', end: '17:00' } }, 400)).toBe(
      'Invalid input for report.sales: businessHours.start: a time as HH:mm, 00:00 to 24:00',
    );
    expect(await refused('report.sales', { from: DAY, to: DAY, businessHours: { start: '25:00', end: '26:00' } }, 400)).toMatch(
      /^Invalid input for report\.sales: businessHours\.start: a time as HH:mm, 00:00 to 24:00; businessHours\.end: /,
    );
  });

  it('says which field is wrong when the input does not fit the contract (400)', async () => {
    expect(await refused('time.add', { kind: 'work', startMs: 'nine', endMs: T9, reason: 'x' }, 400)).toBe(
      'Invalid input for time.add: startMs: Invalid input: expected number, received string',
    );
    expect(await refused('time.add', { kind: 'work', startMs: T9, endMs: T9 + H, reason: '   ' }, 400)).toBe(
      'Invalid input for time.add: reason: give a reason',
    );
    const both = await refused('time.add', { kind: 'overtime', startMs: -1, endMs: T9 }, 400);
    expect(both).toMatch(/^Invalid input for time\.add: kind: .*; startMs: .*; reason: /);
    expect(await refused('session.act', { action: 'dance' }, 400)).toMatch(
      /^Invalid input for session\.act: action: Invalid option: expected one of "start"\|"stop"\|"break"\|"resume"$/,
    );
    expect(await refused('status.get', { verbose: true }, 400)).toBe('Invalid input for status.get: verbose: not a field of this request');
    expect(await refused('timesheet.get', { from: '2 March', to: DAY }, 400)).toBe('Invalid input for timesheet.get: from: a real date as YYYY-MM-DD');
    expect(await refused('timesheet.get', { from: DAY, to: DAY, rounding: { minutes: 7, mode: 'up' } }, 400)).toMatch(
      /^Invalid input for timesheet\.get: rounding\.minutes: /,
    );
    expect(await refused('status.get', [], 400)).toBe('Invalid input for status.get: input: Invalid input: expected object, received array');
  });

  it('refuses times outside 1970–2100 (400 naming the field) and entries longer than a day (422 with the length)', async () => {
    const WORDS = 'a time from 1970 to the end of 2100, in milliseconds since 1970';
    expect(await refused('time.add', { kind: 'work', startMs: T9, endMs: 8.64e15, reason: 'typo' }, 400)).toBe(`Invalid input for time.add: endMs: ${WORDS}`);
    expect(await refused('time.add', { kind: 'work', startMs: -8.64e15, endMs: T9, reason: 'typo' }, 400)).toBe(
      `Invalid input for time.add: startMs: ${WORDS}`,
    );
    expect(await refused('time.edit', { uuid: 'work-1', endMs: Date.UTC(2101, 0, 1), reason: 'typo' }, 400)).toBe(
      `Invalid input for time.edit: endMs: ${WORDS}`,
    );
    // An end in 2062 typed for 2026 was once "Added 315584:00:00".
    expect(await refused('time.add', { kind: 'work', startMs: T9, endMs: Date.UTC(2062, 2, 2, 9), reason: 'typo' }, 422)).toBe(
      'An entry is at most 24 hours, and this one is 315576:00:00; check the dates, or enter each day on its own.',
    );
    expect(await refused('time.edit', { uuid: 'work-1', endMs: T9 + 24 * H + 1000, reason: 'stayed' }, 422)).toBe(
      'An entry is at most 24 hours, and this one is 24:00:01; check the dates, or enter each day on its own.',
    );
    expect(await ok('time.add', { kind: 'work', startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2025, 0, 2), reason: 'a whole day' })).toMatchObject({
      uuid: expect.any(String),
    });
    expect(t.logged).toEqual([]);
  });

  it('refuses dates that do not exist, unknown zones and ranges that run backwards with 400 naming the field', async () => {
    for (const name of ['timesheet.get', 'report.timeUse', 'calls.list', 'time.list', 'report.calls', 'report.sales']) {
      const by = name === 'report.timeUse' ? { by: 'app' } : {};
      expect(await refused(name, { from: '2026-02-30', to: DAY, ...by }, 400)).toBe(`Invalid input for ${name}: from: a real date as YYYY-MM-DD`);
      expect(await refused(name, { from: DAY, to: '0000-00-00', ...by }, 400)).toBe(`Invalid input for ${name}: to: a real date as YYYY-MM-DD`);
      expect(await refused(name, { from: DAY, to: DAY, timeZone: 'Mars/Olympus', ...by }, 400)).toBe(
        `Invalid input for ${name}: timeZone: an IANA time zone such as Europe/Berlin`,
      );
      expect(await refused(name, { from: DAY, to: '2026-03-01', ...by }, 400)).toBe(
        `Invalid input for ${name}: to: the range ends (2026-03-01) before it starts (2026-03-02)`,
      );
      expect(await refused(name, { from: '1990-01-01', to: '2026-03-01', ...by }, 400)).toBe(
        `Invalid input for ${name}: to: a range is at most 3700 days for ${name}: ask for a shorter range`,
      );
      // The whole calendar was once a valid request, and one of them stopped the recorder for minutes.
      expect(await refused(name, { from: '0000-01-01', to: '9999-12-31', ...by }, 400)).toBe(
        `Invalid input for ${name}: from: a date from 1970-01-01 to 2100-12-31; to: a date from 1970-01-01 to 2100-12-31`,
      );
      expect(await refused(name, { from: '1969-12-31', to: '1970-01-01', ...by }, 400)).toBe(
        `Invalid input for ${name}: from: a date from 1970-01-01 to 2100-12-31`,
      );
    }
    expect(await refused('timeline.get', { date: '2101-01-01' }, 400)).toBe('Invalid input for timeline.get: date: a date from 1970-01-01 to 2100-12-31');
    expect(await refused('timeline.get', { date: '2026-13-01' }, 400)).toBe('Invalid input for timeline.get: date: a real date as YYYY-MM-DD');
    expect(t.logged).toEqual([]);
  });

  it('answers a refused call action with 422, the English message and the refusal code the views translate', async () => {
    const res = await call('calls.act', { action: 'hold' });
    expect(res).toEqual({
      status: 422,
      body: {
        ok: false,
        code: 'no-call',
        error:
          'No call is in progress, so there is nothing to put on hold. Start one with `stint calls start --direction in` or `stint calls start --direction out`.',
      },
    });
  });

  it('refuses bodies that are not JSON (400)', async () => {
    const res = await rawRequest({
      port: t.server.port,
      method: 'POST',
      path: '/api/status.get',
      headers: { Authorization: `Bearer ${t.token}` },
      body: '{"action":',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: expect.stringMatching(/^The request body is not valid JSON: /) });
  });

  it('refuses bodies over 64 KB (413), declared or streamed', async () => {
    const big = JSON.stringify({ app: 'x', title: 'y'.repeat(70 * 1024) });
    const declared = await rawRequest({
      port: t.server.port,
      method: 'POST',
      path: '/api/rules.test',
      headers: { Authorization: `Bearer ${t.token}` },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ ok: false, error: 'The request body is larger than 64 KB.' });
    const streamed = await rawRequest({
      port: t.server.port,
      method: 'POST',
      path: '/api/rules.test',
      headers: { Authorization: `Bearer ${t.token}` },
      body: big,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    // Just under the limit is read and validated (the title is longer than rules.test allows).
    const fits = await call('rules.test', { app: 'x', title: 'y'.repeat(60 * 1024) });
    expect(fits.status).toBe(400);
  });

  it('logs one line, no stack, when a client closes the connection in the middle of a body', async () => {
    const socket = connect(t.server.port, '127.0.0.1');
    await once(socket, 'connect');
    // With "Expect: 100-continue" the server answers "100 Continue" once it is handling the request.
    socket.write(
      `POST /api/rules.test HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nAuthorization: Bearer ${t.token}\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`,
    );
    const [continued] = (await once(socket, 'data')) as [Buffer];
    expect(continued.toString()).toMatch(/^HTTP\/1\.1 100 Continue/);
    socket.write('{"app":');
    socket.destroy();
    await vi.waitFor(() => expect(t.logged).toHaveLength(1));
    expect(t.logged).toEqual(['stint: local server on POST /api/rules.test: the client closed the connection before sending the whole request']);
  });

  it('answers 404 for an unknown request and 405 for a wrong method', async () => {
    expect(await refused('status.set', {}, 404)).toBe('No such request: status.set.');
    const get = await fetch(`${t.origin}/api/status.get`, { headers: { Authorization: `Bearer ${t.token}` } });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const post = await fetch(`${t.origin}/api/events`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
  });
});

describe('the local API: a bug in a handler', () => {
  let broken: TestServer;
  beforeEach(async () => {
    broken = await startTestServer({
      override: () => ({
        'rules.list': () => {
          throw new TypeError("Cannot read properties of undefined (reading 'id')");
        },
      }),
    });
  });
  afterEach(async () => {
    await broken.stop();
  });

  it('answers 500 with only "Internal error" and an id, and logs that id with the stack', async () => {
    const res = await fetch(`${broken.origin}/api/rules.list`, { method: 'POST', headers: { Authorization: `Bearer ${broken.token}` }, body: '{}' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { ok: false; error: string };
    expect(body).toEqual({ ok: false, error: expect.stringMatching(/^Internal error \(id [0-9a-f]{8}\)\.$/) });
    const id = /id ([0-9a-f]{8})/.exec(body.error)![1]!;
    expect(broken.logged).toHaveLength(1);
    expect(broken.logged[0]).toMatch(
      new RegExp(`^stint: request rules\\.list failed \\(id ${id}\\): TypeError: Cannot read properties of undefined \\(reading 'id'\\)\\n\\s+at `),
    );
  });
});
