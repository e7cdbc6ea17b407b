import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';

const FIXTURE = fileURLToPath(new URL('../activitywatch/fixtures/aw-export.json', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-aw-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Each bucket's events as [timestamp ms, duration ms, data], sorted. */
function events(file: string): Record<string, unknown[]> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { buckets: Record<string, { events: { timestamp: string; duration: number; data: object }[] }> };
  return Object.fromEntries(
    Object.entries(parsed.buckets)
      .filter(([id]) => !id.startsWith('stint-'))
      .map(([id, b]) => [id, b.events.map((e) => JSON.stringify([Date.parse(e.timestamp), Math.round(e.duration * 1000), e.data])).sort()]),
  );
}

describe('stint import activitywatch / stint export activitywatch', () => {
  it('imports, exports and imports again: the same events to the millisecond, nothing added twice', () => {
    const db = join(dir, 'stint.db');
    const first = runCli(['--db', db, 'import', 'activitywatch', FIXTURE, '--tz', 'America/New_York']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^9 events imported .*8 activity and 1 idle records \(in America\/New_York\), 2 web visits, 1 external events\.$/m);
    const again = runCli(['--db', db, 'import', 'activitywatch', FIXTURE]);
    expect(again.stdout).toMatch(/^0 events imported .*9 already present/);

    const out = join(dir, 'export.json');
    const exported = runCli(['--db', db, 'export', 'activitywatch', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Wrote .*export\.json/);

    const other = join(dir, 'other.db');
    expect(runCli(['--db', other, 'import', 'activitywatch', out]).stdout).toMatch(/^9 events imported/);
    const out2 = join(dir, 'export2.json');
    runCli(['--db', other, 'export', 'activitywatch', '--out', out2]);
    expect(events(out2)).toEqual(events(out));
    expect(runCli(['--db', db, 'import', 'activitywatch', out]).stdout).toMatch(/^0 events imported/);

    // The sites reach the time-use report through the browser's activity.
    const report = runCli(['--db', db, 'report', 'time-use', '--from', '2024-05-06', '--to', '2024-05-06', '--by', 'site', '--tz', 'UTC', '--json']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('salesforce.com');
  });

  it('says which line, bucket and event is wrong, and imports nothing', () => {
    const db = join(dir, 'stint.db');
    const bad = join(dir, 'bad.json');
    const text = readFileSync(FIXTURE, 'utf8').replace('"duration": 600.0', '"duration": "ten minutes"');
    writeFileSync(bad, text);
    const result = runCli(['--db', db, 'import', 'activitywatch', bad]);
    expect(result.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('ten minutes')) + 1;
    expect(result.stderr).toBe(
      `stint: Cannot import ${bad}: 1 problem; nothing was imported.\n  line ${line}, bucket "aw-watcher-window_laptop", event 1: duration: Invalid input: expected number, received string\n`,
    );
    expect(runCli(['--db', db, 'import', 'activitywatch', join(dir, 'missing.json')]).stderr).toMatch(/there is no such file/);
    expect(runCli(['--db', db, 'export', 'activitywatch', '--out', join(dir, 'no', 'such', 'dir.json')]).stderr).toMatch(/its folder does not exist/);
  });
});
