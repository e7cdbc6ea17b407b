import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utf16, utf8 } from '../../../shared/imports/fixtures/encode';
import { formatTimewStamp } from '../../../shared/imports/timewarrior';
import { runCli } from '../../../test-support/run-cli';
import { Store } from '../store/store';
import { timewarriorUuid } from '../store/timewarrior-import';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-import-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  id?: number;
  start: string;
  end?: string;
  tags?: string[];
  annotation?: string;
}

function exportFile(name: string, entries: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof entries === 'string' || entries instanceof Uint8Array ? entries : JSON.stringify(entries, null, 1));
  return file;
}

/** 2026-03-08 is the day New York moves to daylight saving time (UTC−5 before, UTC−4 after). */
const WEEK: Entry[] = [
  { id: 3, start: '20260307T140000Z', end: '20260307T220000Z', tags: ['sales'] }, // 09:00–17:00 EST
  { id: 2, start: '20260309T130000Z', end: '20260309T170000Z', annotation: 'calls' }, // 09:00–13:00 EDT
  { id: 1, start: '20260309T173000Z', end: '20260309T210000Z' }, // 13:30–17:00 EDT
];

function sessionRows() {
  const store = Store.open(db, { mustExist: true });
  try {
    return store.db
      .prepare('SELECT uuid, kind, start_ms, end_ms, tz, utc_offset_min, start_reason, end_reason, open, run_id FROM sessions ORDER BY start_ms')
      .all() as {
      uuid: string;
      kind: string;
      start_ms: number;
      end_ms: number;
      tz: string;
      utc_offset_min: number;
      start_reason: string;
      end_reason: string | null;
      open: number;
      run_id: string | null;
    }[];
  } finally {
    store.close();
  }
}

function counts(): { sessions: number; outbox: number } {
  const store = Store.open(db, { mustExist: true });
  try {
    return {
      sessions: store.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number,
      outbox: store.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    };
  } finally {
    store.close();
  }
}

const importArgs = (file: string, ...more: string[]) => ['import', 'timewarrior', file, '--db', db, ...more];

describe('uuids of imported intervals', () => {
  it('depend on start and end only', () => {
    const a = timewarriorUuid({ key: '20260308T090000Z/20260308T170000Z' });
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(timewarriorUuid({ key: '20260308T090000Z/20260308T170000Z' })).toBe(a);
    expect(timewarriorUuid({ key: '20260308T090000Z/20260308T170001Z' })).not.toBe(a);
  });
});

describe('stint import timewarrior', () => {
  it('imports closed intervals as closed work sessions in the given zone, with the offset in force at each', () => {
    const r = runCli(importArgs(exportFile('week.json', WEEK), '--tz', 'America/New_York'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3 imported, 0 already present (15:30:00 of work, in America/New_York).\n');
    const rows = sessionRows();
    expect(rows).toEqual([
      expect.objectContaining({ start_ms: Date.UTC(2026, 2, 7, 14), end_ms: Date.UTC(2026, 2, 7, 22), utc_offset_min: -300 }),
      expect.objectContaining({ start_ms: Date.UTC(2026, 2, 9, 13), end_ms: Date.UTC(2026, 2, 9, 17), utc_offset_min: -240 }),
      expect.objectContaining({ start_ms: Date.UTC(2026, 2, 9, 17, 30), end_ms: Date.UTC(2026, 2, 9, 21), utc_offset_min: -240 }),
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'work', tz: 'America/New_York', start_reason: 'import:timewarrior', end_reason: 'import', open: 0, run_id: null });
    }
    expect(rows.map((row) => row.uuid)).toEqual([
      timewarriorUuid({ key: '20260307T140000Z/20260307T220000Z' }),
      timewarriorUuid({ key: '20260309T130000Z/20260309T170000Z' }),
      timewarriorUuid({ key: '20260309T173000Z/20260309T210000Z' }),
    ]);
    expect(counts()).toEqual({ sessions: 3, outbox: 3 });
  });

  it('records in this computer’s zone without --tz', () => {
    const r = runCli(importArgs(exportFile('week.json', WEEK)), { TZ: 'Europe/Berlin' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('in Europe/Berlin');
    expect(sessionRows().map((row) => [row.tz, row.utc_offset_min])).toEqual([
      ['Europe/Berlin', 60],
      ['Europe/Berlin', 60],
      ['Europe/Berlin', 60],
    ]);
  });

  it('adds nothing twice: the same file again, in another zone, or inside a later export', () => {
    const file = exportFile('week.json', WEEK);
    expect(runCli(importArgs(file, '--tz', 'America/New_York')).code).toBe(0);
    const before = sessionRows();

    const again = runCli(importArgs(file, '--tz', 'America/New_York'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('0 imported, 3 already present.\n');
    expect(runCli(importArgs(file, '--tz', 'Asia/Tokyo')).stdout).toBe('0 imported, 3 already present.\n');
    expect(sessionRows()).toEqual(before);

    // A later export: the same intervals (renumbered, retagged) plus a new one.
    const later = [...WEEK.map((e) => ({ ...e, id: (e.id ?? 0) + 1, tags: ['retagged'] })), { id: 1, start: '20260310T130000Z', end: '20260310T140000Z' }];
    const more = runCli(importArgs(exportFile('later.json', later), '--tz', 'America/New_York'));
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toBe('1 imported, 3 already present (1:00:00 of work, in America/New_York).\n');
    expect(counts()).toEqual({ sessions: 4, outbox: 4 });
  });

  it('writes nothing when any entry is bad, and lists every problem', () => {
    expect(runCli(importArgs(exportFile('week.json', WEEK), '--tz', 'America/New_York')).code).toBe(0);
    const before = counts();
    const bad = [
      { id: 4, start: '20260310T130000Z', end: '20260310T140000Z' }, // fine on its own
      { id: 3, start: '2026-03-11', end: '20260311T140000Z' },
      { id: 2, start: '20260312T140000Z', end: '20260312T130000Z' },
      { id: 1, start: '20260313T130000Z', end: '20260313T140000Z', tags: 'sales' },
    ];
    const file = exportFile('bad.json', bad);
    const r = runCli(importArgs(file, '--tz', 'America/New_York'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `stint: Cannot import ${file}: 3 problems in 3 entries; nothing was imported.`,
        '  entry 1 (@3): "start" must look like 20260308T090000Z, got "2026-03-11"',
        '  entry 2 (@2): "end" 20260312T130000Z is before "start" 20260312T140000Z; expected an end at or after the start',
        '  entry 3 (@1): "tags" must be a list of strings like ["sales", "calls"], got "sales"',
        '',
      ].join('\n'),
    );
    expect(counts()).toEqual(before);
  });

  it('shows the first 20 problems and counts the rest', () => {
    const entries = Array.from({ length: 25 }, (_, i) => ({ id: 25 - i, start: `2026-03-${String(i + 1).padStart(2, '0')}`, end: '20260401T000000Z' }));
    const file = exportFile('many.json', entries);
    const r = runCli(importArgs(file));
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`stint: Cannot import ${file}: 25 problems in 25 entries; nothing was imported.`);
    expect(lines.slice(1, 21)).toEqual(
      entries.slice(0, 20).map((e, i) => `  entry ${i} (@${e.id}): "start" must look like 20260308T090000Z, got "${e.start}"`),
    );
    expect(lines.slice(21)).toEqual(['  and 5 more']);
    // A bad file never creates the database.
    expect(existsSync(db)).toBe(false);
  });

  it('refuses intervals that overlap each other or a session already in the database', () => {
    const overlapping = exportFile('overlap.json', [
      { id: 2, start: '20260309T130000Z', end: '20260309T170000Z' },
      { id: 1, start: '20260309T160000Z', end: '20260309T180000Z' },
    ]);
    const r = runCli(importArgs(overlapping));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  entry 1 (@1): 20260309T160000Z–20260309T180000Z overlaps entry 0 (@2) 20260309T130000Z–20260309T170000Z;');

    // A session clocked in the same morning, and an edited interval imported before: both already hold that time.
    const store = Store.open(db);
    const base = { kind: 'work' as const, timeZone: 'America/New_York', utcOffsetMin: -240, open: false };
    store.writeSessions([
      { ...base, uuid: 'clocked', startMs: Date.UTC(2026, 2, 9, 12), endMs: Date.UTC(2026, 2, 9, 13, 30), startReason: 'clock-in', endReason: 'clock-out' },
    ]);
    store.close();
    const before = counts();
    const clash = exportFile('clash.json', WEEK);
    const c = runCli(importArgs(clash, '--tz', 'America/New_York'));
    expect(c.code).toBe(1);
    expect(c.stderr).toBe(
      [
        `stint: Cannot import ${clash}: 1 problem in 1 entry; nothing was imported.`,
        '  entry 1 (@2): 20260309T130000Z–20260309T170000Z overlaps a work session already in this database, 20260309T120000Z–20260309T133000Z (clock-in); ' +
          'sessions never overlap, so leave this entry out of the export and import again',
        '',
      ].join('\n'),
    );
    expect(counts()).toEqual(before);

    // Without the clashing entry the rest imports, next to the clocked session.
    const rest = runCli(importArgs(exportFile('rest.json', [WEEK[0], WEEK[2]]), '--tz', 'America/New_York'));
    expect(rest.stdout).toBe('2 imported, 0 already present (11:30:00 of work, in America/New_York).\n');
    expect(counts().sessions).toBe(before.sessions + 2);

    // The same interval edited in Timewarrior since (a later end) is a new interval over imported time.
    const edited = exportFile('edited.json', [{ ...WEEK[0], end: '20260307T230000Z' }]);
    expect(runCli(importArgs(edited)).stderr).toContain(
      '  entry 0 (@3): 20260307T140000Z–20260307T230000Z overlaps a work session already in this database, 20260307T140000Z–20260307T220000Z (import:timewarrior);',
    );
  });

  it('refuses an interval over a session that is still open', () => {
    expect(runCli(['session', 'start', '--db', db]).code).toBe(0);
    const now = Date.now();
    const span = { start: formatTimewStamp(now - 3600_000), end: formatTimewStamp(now + 3600_000) };
    const r = runCli(importArgs(exportFile('now.json', [span])));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`entry 0: ${span.start}–${span.end} overlaps a work session already in this database, \\d{8}T\\d{6}Z–now \\(still open\\) \\(clock-in\\);`),
    );
    expect(counts().sessions).toBe(1);
  });

  it('skips a still-running interval with a warning', () => {
    const file = exportFile('running.json', [...WEEK, { id: 0, start: '20260310T130000Z', tags: ['sales'] }]);
    const r = runCli(importArgs(file, '--tz', 'America/New_York'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3 imported, 0 already present (15:30:00 of work, in America/New_York).\n');
    expect(r.stderr).toBe(
      'stint: warning: entry 3 (@0): still running in Timewarrior (it has no "end"), so it was skipped; run `timew stop` and import a new export to add it\n',
    );
    expect(counts().sessions).toBe(3);
  });

  it('imports an empty export as nothing', () => {
    const r = runCli(importArgs(exportFile('empty.json', [])));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('0 imported, 0 already present.\n');
  });

  it('reads an export saved as UTF-16 (as a Windows shell redirect writes it) or with a UTF-8 byte-order mark', () => {
    const text = JSON.stringify(WEEK);
    const files = [
      exportFile('le.json', utf16(text, 'le')),
      exportFile('be.json', utf16(text, 'be')),
      exportFile('bare-le.json', utf16(text, 'le', false)),
      exportFile('bom8.json', utf8(text, true)),
    ];
    expect(runCli(importArgs(files[0]!, '--tz', 'America/New_York')).stdout).toBe('3 imported, 0 already present (15:30:00 of work, in America/New_York).\n');
    for (const file of files.slice(1)) expect(runCli(importArgs(file, '--tz', 'America/New_York')).stdout).toBe('0 imported, 3 already present.\n');
    const latin1 = exportFile('latin1.json', Uint8Array.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]));
    expect(runCli(importArgs(latin1)).stderr).toBe(
      `stint: Cannot import ${latin1}: the file is not valid UTF-8 (bad byte 0xe9 at byte 2). Save or export it as UTF-8 (or UTF-16 with a byte-order mark) and import again.\n`,
    );
  });

  it('says in one line when the file is missing, unreadable or not a Timewarrior export', () => {
    const missing = join(dir, 'nothing.json');
    expect(runCli(importArgs(missing))).toEqual({
      code: 1,
      stdout: '',
      stderr: `stint: Cannot read ${missing}: there is no such file. Pass the file that \`timew export > FILE\` wrote.\n`,
    });
    expect(runCli(importArgs(dir)).stderr).toBe(`stint: Cannot read ${dir}: it is a folder. Pass the file that \`timew export > FILE\` wrote.\n`);
    const csv = exportFile('export.csv', 'id,start,end\n1,20260308T090000Z,20260308T170000Z\n');
    const notJson = runCli(importArgs(csv));
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(
      new RegExp(`^stint: Cannot import ${csv}: not JSON \\(.+\\); expected the JSON array that \`timew export\` writes, like \\[.+\\]\\n$`),
    );
    const object = exportFile('object.json', { start: '20260308T090000Z', end: '20260308T170000Z' });
    expect(runCli(importArgs(object)).stderr).toBe(
      `stint: Cannot import ${object}: not a list of intervals: got an object; expected the JSON array that \`timew export\` writes, like [{"id":1,"start":"20260308T090000Z","end":"20260308T170000Z"}]\n`,
    );
    expect(runCli(importArgs(object, '--tz', 'Mars/Olympus')).stderr).toMatch(/Unknown time zone "Mars\/Olympus"/);
    expect(existsSync(db)).toBe(false);
  });

  it('is listed in help', () => {
    expect(runCli(['--help']).stdout).toContain('import');
    expect(runCli(['import', '--help']).stdout).toContain('timewarrior');
    expect(runCli(['import', 'timewarrior', '--help']).stdout).toContain('--tz <zone>');
  });

  it('shows the imported time as work in the time-use report', () => {
    expect(runCli(importArgs(exportFile('week.json', WEEK), '--tz', 'America/New_York')).code).toBe(0);
    const report = (from: string, to: string) => {
      const r = runCli(['report', 'time-use', '--from', from, '--to', to, '--tz', 'America/New_York', '--json', '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { workSeconds: number; breakSeconds: number; activeSeconds: number };
    };
    expect(report('2026-03-07', '2026-03-09')).toMatchObject({ workSeconds: 15.5 * 3600, breakSeconds: 0, activeSeconds: 0 });
    expect(report('2026-03-07', '2026-03-07').workSeconds).toBe(8 * 3600);
    expect(report('2026-03-08', '2026-03-08').workSeconds).toBe(0);
    expect(report('2026-03-09', '2026-03-09').workSeconds).toBe(7.5 * 3600);
  });
});
