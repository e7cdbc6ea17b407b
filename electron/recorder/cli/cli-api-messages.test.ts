import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestInput, RequestName } from '../../../shared/api/contract';
import { runCli } from '../../../test-support/run-cli';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';

/**
 * The same mistake made in a view (a request to the API) and on the command line gets the same message:
 * the CLI sends the request through the same dispatch and prints the API's words.
 */
describe('the CLI and the API refuse the same mistake in the same words', () => {
  let dir: string;
  let db: string;
  let store: Store;
  let handlers: ApiHandlers;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stint-cli-api-'));
    db = join(dir, 'stint.db');
    store = Store.open(db);
    handlers = createHandlers({ store, dbPath: db, clock: new FakeClock(Date.UTC(2026, 2, 2, 12), 'UTC'), recorder: null });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The API's refusal of the request, as a view receives it. */
  async function apiError<N extends RequestName>(name: N, input: RequestInput<N>): Promise<string> {
    const result = await dispatch(handlers, name, input);
    // A person's mistake: bad input (400, named field) or a request that makes no sense now (404, 409, 422).
    expect([400, 404, 409, 422], JSON.stringify(result.body)).toContain(result.status);
    if (result.body.ok) throw new Error(`${name} was accepted`);
    return result.body.error;
  }

  function cliError(args: string[]): string {
    const r = runCli([...args, '--db', db]);
    expect(r.code, r.stdout).toBe(1);
    return r.stderr;
  }

  it('for corrections: an unknown id, and an edit of a session still running', async () => {
    expect(cliError(['time', 'remove', 'no-such-entry', '--reason', 'typo'])).toBe(
      `stint: ${await apiError('time.remove', { uuid: 'no-such-entry', reason: 'typo' })}\n`,
    );
    expect(runCli(['session', 'start', '--db', db]).code).toBe(0);
    const running = store.openSession();
    expect(running).not.toBeNull();
    const uuid = running!.uuid;
    const endMs = Date.UTC(2026, 2, 2, 17);
    const message = await apiError('time.edit', { uuid, endMs, reason: 'left at five' });
    expect(message).toMatch(/still running/);
    expect(cliError(['time', 'edit', uuid, '--end', '2026-03-02T17:00Z', '--reason', 'left at five'])).toBe(`stint: ${message}\n`);
    expect(runCli(['session', 'stop', '--db', db]).code).toBe(0);
  });

  it('for reports and the timesheet: a range that runs backwards', async () => {
    const range = { from: '2026-03-03', to: '2026-03-02', timeZone: 'UTC' };
    const flags = ['--from', range.from, '--to', range.to, '--tz', range.timeZone];
    const cases: [string[], string][] = [
      [['report', 'time-use', ...flags], await apiError('report.timeUse', { ...range, by: 'app' })],
      [['report', 'calls', ...flags], await apiError('report.calls', range)],
      [['report', 'sales', ...flags], await apiError('report.sales', range)],
      [['timesheet', ...flags], await apiError('timesheet.get', range)],
      [['time', 'list', ...flags], await apiError('time.list', range)],
      [['calls', 'list', ...flags], await apiError('calls.list', range)],
    ];
    for (const [args, message] of cases) expect(cliError(args), args.join(' ')).toBe(`stint: ${message}\n`);
  });

  it('for bounds: the whole calendar as a range, a manual entry of 36 years, a time outside 1970–2100', async () => {
    const calendar = { from: '0000-01-01', to: '9999-12-31', timeZone: 'UTC' };
    expect(cliError(['report', 'calls', '--from', calendar.from, '--to', calendar.to, '--tz', 'UTC', '--by', 'day'])).toBe(
      `stint: ${await apiError('report.calls', { ...calendar, byDay: true })}\n`,
    );
    const decade = { from: '2000-01-01', to: '2026-01-01', timeZone: 'UTC' };
    const tooLong = await apiError('report.timeUse', { ...decade, by: 'app' });
    expect(tooLong).toBe('Invalid input for report.timeUse: to: a range is at most 3700 days for report.timeUse: ask for a shorter range');
    expect(cliError(['report', 'time-use', '--from', decade.from, '--to', decade.to, '--tz', 'UTC'])).toBe(`stint: ${tooLong}\n`);
    // An end in 2062 typed for 2026 was once "Added 315584:00:00".
    const startMs = Date.UTC(2026, 2, 2, 9);
    const endMs = Date.UTC(2062, 2, 2, 9);
    const entry = await apiError('time.add', { kind: 'work', startMs, endMs, reason: 'typo' });
    expect(entry).toMatch(/^An entry is at most 24 hours/);
    expect(cliError(['time', 'add', '--start', '2026-03-02T09:00Z', '--end', '2062-03-02T09:00Z', '--reason', 'typo'])).toBe(`stint: ${entry}\n`);
    expect(cliError(['time', 'add', '--start', '-271821-04-20T00:00Z', '--end', '2026-03-02T09:00Z', '--reason', 'typo'])).toBe(
      'stint: --start "-271821-04-20T00:00Z" is outside the years Stint takes: expected a time from 1970 to the end of 2100.\n',
    );
  });

  it('for rules and calls: unknown ids and actions that make no sense now', async () => {
    const cases: [string[], string][] = [
      [['rules', 'remove', 'no-such-rule'], await apiError('rules.remove', { id: 'no-such-rule' })],
      [['rules', 'enable', 'no-such-rule'], await apiError('rules.enable', { id: 'no-such-rule' })],
      [['rules', 'rate', '>', 'productive'], await apiError('rules.rate', { category: '>', rating: 'productive' })],
      [['calls', 'hold'], await apiError('calls.act', { action: 'hold' })],
      [['calls', 'review', 'no-such-call', 'dismiss'], await apiError('calls.review', { uuid: 'no-such-call', action: 'dismiss' })],
    ];
    for (const [args, message] of cases) expect(cliError(args), args.join(' ')).toBe(`stint: ${message}\n`);
  });
});
