import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../../test-support/run-cli';
import { Store } from '../store/store';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-cli-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('stint CLI', () => {
  it('prints help listing every command', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['track', 'session', 'status', 'report']) expect(r.stdout).toContain(command);
    expect(runCli(['report', 'time-use', '--help']).stdout).toContain('--by <key>');
  });

  it('ends quietly when the reader closes the pipe early (stint … | head), and writes whole output to a reader that stays', async () => {
    expect(runCli(['session', 'start', '--db', db]).code).toBe(0);
    const args = [BIN, 'timesheet', '--from', '2025-01-01', '--to', '2025-12-31', '--json', '--db', db];
    const whole = runCli(args.slice(1));
    // More than a pipe holds (64 KiB), so the write meets the closed pipe.
    expect(whole.stdout.length).toBeGreaterThan(100_000);
    expect(JSON.parse(whole.stdout)).toHaveProperty('days');
    const early = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, STINT_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr }));
    });
    expect(early).toEqual({ code: 0, stderr: '' });
  });

  it('rejects bad flags with one line and a non-zero exit, never a stack trace', () => {
    const cases = [
      ['report', 'time-use', '--from', 'someday', '--to', 'today', '--db', db],
      ['report', 'time-use', '--from', 'today', '--to', 'today', '--by', 'planet', '--db', db],
      ['report', 'time-use', '--from', 'today', '--to', 'today', '--tz', 'Mars/Olympus', '--db', db],
      ['track', '--poll', '-1', '--db', db],
      ['session', 'dance', '--db', db],
      ['frobnicate'],
      ['statsu'],
      ['report', 'sales', '--from', 'today'],
      ['report', 'sales', '--from', 'today', '--to', 'today', '--business-days', '9'],
    ];
    for (const args of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/^stint: [^\n]+\n$/);
    }
    expect(runCli(['report', 'sales', '--from', 'today']).stderr).toBe("stint: required option '--to <date>' not specified (run with --help for usage)\n");
  });

  it('refuses --business-days without --business-hours, saying what to add', () => {
    const r = runCli(['report', 'sales', '--from', 'today', '--to', 'today', '--business-days', '1-4', '--db', db]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'stint: --business-days only applies to --business-hours; add --business-hours (e.g. --business-hours 09:00-17:00) or leave --business-days out.\n',
    });
  });

  it('refuses a database that is not Stint’s, and a missing one for reading', () => {
    const other = join(dir, 'crm.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE leads (id INTEGER)');
    raw.close();
    const r = runCli(['status', '--db', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`stint: ${other} is not a Stint database: it holds other data. Pass --db with a Stint database, or a new file name.\n`);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not sqlite at all\n'.repeat(100));
    expect(runCli(['report', 'time-use', '--from', 'today', '--to', 'today', '--db', text]).stderr).toMatch(/^stint: .* is not a Stint database/);
    const missing = runCli(['status', '--db', join(dir, 'nothing.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No Stint database at .*Run `stint track` first/);
  });

  it('clocks in, takes a break, resumes and clocks out without a recorder; refuses what makes no sense', () => {
    expect(runCli(['session', 'resume', '--db', db]).stderr).toMatch(/No session is running/);
    const steps = ['start', 'break', 'resume', 'stop'];
    for (const step of steps) {
      const r = runCli(['session', step], { STINT_DB: db });
      expect(r.code, `${step}: ${r.stderr}`).toBe(0);
    }
    expect(runCli(['session', 'stop', '--db', db]).code).toBe(1);
    const store = Store.open(db);
    const rows = store.db.prepare('SELECT kind, start_reason, end_reason, open FROM sessions ORDER BY start_ms, id').all();
    store.close();
    expect(rows).toEqual([
      { kind: 'work', start_reason: 'clock-in', end_reason: 'break', open: 0 },
      { kind: 'break', start_reason: 'break', end_reason: 'resume', open: 0 },
      { kind: 'work', start_reason: 'resume', end_reason: 'clock-out', open: 0 },
    ]);
  });

  it('reports time use as JSON over seeded activity', () => {
    const store = Store.open(db);
    const t = Date.UTC(2026, 2, 2, 14, 0, 0);
    store.startRun('r', 1, t);
    const base = { timeZone: 'America/New_York', utcOffsetMin: -300, open: false };
    store.flush({
      runId: 'r',
      lastSeenMs: t,
      activity: [
        { ...base, uuid: 'a1', startMs: t, endMs: t + 1800_000, app: 'Google-chrome', title: 'Opportunity: Acme | Salesforce - Google Chrome' },
        { ...base, uuid: 'a2', startMs: t + 1800_000, endMs: t + 2700_000, app: 'Slack', title: '#sales - Slack' },
      ],
      idle: [{ ...base, uuid: 'i1', startMs: t + 2400_000, endMs: t + 2700_000 }],
      sessions: [{ ...base, uuid: 's1', kind: 'work', startMs: t, endMs: t + 2700_000, startReason: 'first-activity', endReason: 'quit' }],
    });
    store.close();
    const r = runCli(['report', 'time-use', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'America/New_York', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      from: '2026-03-02',
      to: '2026-03-02',
      timeZone: 'America/New_York',
      trackedSeconds: 2700,
      activeSeconds: 2400,
      idleSeconds: 300,
      workSeconds: 2700,
    });
    expect(report.rows).toEqual([
      { key: 'Google-chrome', seconds: 1800, rating: 'productive' },
      { key: 'Slack', seconds: 600, rating: 'productive' },
    ]);
    expect(report).toMatchObject({ productiveSeconds: 2400, productivity: 1 });
    const byHour = JSON.parse(
      runCli(['report', 'time-use', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'America/New_York', '--by', 'hour', '--json', '--db', db]).stdout,
    );
    expect(byHour.rows).toEqual([{ key: '09:00', seconds: 2400, rating: 'productive' }]);
    const text = runCli(['report', 'time-use', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'America/New_York', '--db', db]).stdout;
    expect(text).toContain('active 0:40:00');
    expect(text).toMatch(/0:30:00\s+75% \+ Google-chrome/);
    const reversed = runCli(['report', 'time-use', '--from', '2026-03-03', '--to', '2026-03-02', '--db', db]);
    // The API's words, as a view gets them.
    expect(reversed.stderr).toBe('stint: Invalid input for report.timeUse: to: the range ends (2026-03-02) before it starts (2026-03-03)\n');
  });
});
