import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { openServerDb } from './db/open';

const BIN = fileURLToPath(new URL('../bin/stint-server.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'stint-srv-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, ...options.env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

it('--help lists the commands', () => {
  const help = run(['--help']);
  expect(help.code).toBe(0);
  for (const command of ['serve', 'admin', 'report', 'backup']) expect(help.stdout).toContain(command);
  expect(run(['serve', '--help']).stdout).toMatch(/--db <file\|url>[\s\S]*--host[\s\S]*--port/);
});

it('keeps its SQLite file in the data folder by default, and STINT_SERVER_DB or --db elsewhere', () => {
  const added = run(['admin', 'create-user', '--email', 'Boss@Example.com', '--name', 'Boss', '--role', 'admin', '--password-stdin'], {
    input: 'a long enough password\n',
  });
  expect(added).toMatchObject({ code: 0, stdout: 'Added admin boss@example.com.\n' });
  expect(existsSync(join(home, '.local', 'share', 'stint', 'stint-server.db'))).toBe(true);
  const again = run(['admin', 'create-user', '--email', 'boss@example.com', '--name', 'Boss', '--role', 'admin']);
  expect(again).toMatchObject({ code: 1, stderr: 'stint-server: A user with the email boss@example.com already exists.\n' });
  const short = run(['admin', 'create-user', '--email', 'x@example.com', '--name', 'X', '--role', 'rep', '--password-stdin'], { input: 'short\n' });
  expect(short).toMatchObject({ code: 1, stderr: 'stint-server: The password needs at least 12 characters.\n' });

  const elsewhere = join(home, 'other.db');
  expect(
    run(['admin', 'create-user', '--email', 'rep@example.com', '--name', 'Rep', '--role', 'rep', '--team', 'East'], { env: { STINT_SERVER_DB: elsewhere } })
      .code,
  ).toBe(0);
  expect(existsSync(elsewhere)).toBe(true);
});

it('prints a one-time enrollment code, and says what to do for an unknown user', () => {
  const db = join(home, 'other.db');
  const code = run(['admin', 'enrollment-code', '--email', 'rep@example.com', '--db', db]);
  expect(code.code).toBe(0);
  expect(code.stdout).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\nEnrolls one device of rep@example.com until /);
  const unknown = run(['admin', 'enrollment-code', '--email', 'nobody@example.com', '--db', db]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('stint-server admin create-user --email nobody@example.com');
});

it('reports hours per rep and day, as text and JSON', () => {
  const db = join(home, 'other.db');
  const json = run(['report', 'hours', '--from', '2026-03-02', '--to', '2026-03-03', '--team', 'East', '--json', '--db', db]);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    from: '2026-03-02',
    to: '2026-03-03',
    reps: [
      {
        email: 'rep@example.com',
        name: 'Rep',
        team: 'East',
        days: ['2026-03-02', '2026-03-03'].map((date) => ({ date, workedSeconds: 0, breakSeconds: 0, manualSeconds: 0 })),
      },
    ],
  });
  const text = run(['report', 'hours', '--from', '2026-03-02', '--to', '2026-03-02', '--db', db]);
  expect(text.stdout).toBe('rep\tdate\tworked\tbreak\tmanual\nrep@example.com\t2026-03-02\t0:00:00\t0:00:00\t0:00:00\n');
  expect(run(['report', 'hours', '--from', '2026-03-32', '--to', '2026-04-01', '--db', db])).toMatchObject({
    code: 1,
    stderr: 'stint-server: --from 2026-03-32: give a date as YYYY-MM-DD.\n',
  });
});

it('backs up the SQLite database to a file that opens with the same users', async () => {
  const db = join(home, 'other.db');
  const out = join(home, 'backup.db');
  expect(run(['backup', '--out', out, '--db', db])).toMatchObject({ code: 0, stdout: `Backed up ${db} to ${out}.\n` });
  const copy = await openServerDb(out);
  try {
    expect((await copy.db.selectFrom('users').select('email').execute()).map((u) => u.email)).toEqual(['rep@example.com']);
  } finally {
    await copy.close();
  }
});
