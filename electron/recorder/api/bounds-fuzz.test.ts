/*
 * Generated dates, ranges, durations and rule patterns against a recording store, through the API and
 * through the CLI: every request is answered within a generous deadline and never with a 5xx (or, on the
 * command line, an unexpected error), the recorder's heartbeats keep being stored after each one, and the
 * report caches hold only days with records. Issue 11 found one valid request (the whole calendar, by day)
 * that never answered and grew the process to 3.9 GB. Runs are seeded, so a failure reproduces.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiHandlers, RequestName } from '../../../shared/api/contract';
import { END_MS, MAX_CALL_MS, MAX_ENTRY_MS } from '../../../shared/bounds';
import { TIME_USE_GROUPINGS } from '../../../shared/api/results';
import { addDays } from '../../../shared/timesheet';
import { main } from '../cli/main';
import { recorderHarness } from '../testing/recorder-harness';
import { H, T9, seedWorkday } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

/** A failure bound, not a measurement: the 0000–9999 report once ran for minutes. */
const DEADLINE_MS = 10_000;
const DAY_MS = 24 * H;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Dates over the whole four-digit calendar, the edges of 1970–2100, and days that do not exist. */
const date: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0000-01-01', '1969-12-31', '1970-01-01', '2026-03-02', '2100-12-31', '2101-01-01', '9999-12-31', '2026-02-30'),
  fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1965, max: 2105 })), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
);

/** A date Stint takes: a range starts there. */
const boundedDate = fc.integer({ min: 0, max: 47_480 }).map((days) => addDays('1970-01-01', days));

/** Ranges of any two dates, and ranges of a real start and 0 to 5000 days (around each request's longest). */
const range: fc.Arbitrary<{ from: string; to: string }> = fc.oneof(
  fc.record({ from: date, to: date }),
  fc
    .tuple(boundedDate, fc.oneof(fc.integer({ min: -3, max: 5000 }), fc.constantFrom(3698, 3699, 3700)))
    .map(([from, span]) => ({ from, to: addDays(from, span) })),
);

/** Instants over what JSON and Date can hold, and around the edges of 1970–2100. */
const instant: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.integer({ min: -DAY_MS, max: DAY_MS }),
  fc.integer({ min: END_MS - DAY_MS, max: END_MS + DAY_MS }),
  fc.integer({ min: T9 - 400 * DAY_MS, max: T9 + 400 * DAY_MS }),
  fc.constantFrom(8.64e15, -8.64e15, 0, END_MS - 1, END_MS),
);

/** Lengths in milliseconds: negative, around a day, and typos of seconds for milliseconds and worse. */
const duration: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -H, max: 2 * DAY_MS }),
  fc.constantFrom(0, MAX_ENTRY_MS, MAX_ENTRY_MS + 1, 315_584 * H, 99_999_999_999_999_000, Number.MAX_SAFE_INTEGER),
);

/** Rule patterns from a small regular-expression grammar, broken ones and nested quantifiers included. */
const pattern: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('a', 'b', '.', '\\d', '\\w', '\\s', '[a-c]', '[^x]', '(a|b)', '(', ')', '|', '\\', '^', '$'), fc.string({ maxLength: 2 })),
        fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '+?', '{99999}'),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.map(([atom, quantifier]) => atom + quantifier).join('')),
  fc.constantFrom('(a+)+$', '(a|aa)+$', '(.*a){5}', '^(\\w+\\s?)*$', '[z-a]', '(?<n>a)\\k<n>', 'Sales|CRM'),
);

/** Window text the patterns run on; short, since the rule engine's worst cases are another item of issue 11. */
const windowText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 0, max: 20 }).map((n) => `${'a'.repeat(n)}!`),
);

const zone = fc.constantFrom(undefined, 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York');

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A generic call log of one call: a generated start date and talk time (seconds, as the column says). */
const callLog = fc.tuple(date, fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constantFrom(86_400, 86_401, 99_999_999_999_999))).map(([day, talk]) => ({
  name: 'calls.csv',
  base64: base64(`id,start,direction,answered,talk_seconds\nc-${day}-${talk},${day}T09:00:00Z,in,yes,${talk}\n`),
}));

/** A Timewarrior export of one interval: a generated start and length. */
const timewarrior = fc.tuple(instant, duration).map(([startMs, length]) => {
  const stamp = (ms: number) =>
    Math.abs(ms) <= 8.64e15
      ? new Date(ms)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z')
          .replace(/[-:]/g, '')
      : String(ms);
  return { name: 'export.json', base64: base64(JSON.stringify([{ start: stamp(startMs), end: stamp(startMs + length) }])) };
});

type Request = [RequestName, Record<string, unknown>];

const request: fc.Arbitrary<Request> = fc.oneof(
  fc.tuple(range, fc.constantFrom(...TIME_USE_GROUPINGS), zone).map(([r, by, timeZone]): Request => ['report.timeUse', { ...r, by, timeZone }]),
  fc.tuple(range, fc.boolean(), fc.boolean(), zone).map(([r, byDay, byAgent, timeZone]): Request => ['report.calls', { ...r, byDay, byAgent, timeZone }]),
  fc.tuple(range, zone).map(([r, timeZone]): Request => ['report.sales', { ...r, timeZone }]),
  fc.tuple(range, zone).map(([r, timeZone]): Request => ['timesheet.get', { ...r, timeZone }]),
  fc.tuple(range, zone).map(([r, timeZone]): Request => ['time.list', { ...r, timeZone }]),
  fc.tuple(range, zone).map(([r, timeZone]): Request => ['calls.list', { ...r, timeZone }]),
  fc.tuple(date, zone).map(([day, timeZone]): Request => ['timeline.get', { date: day, timeZone }]),
  fc
    .tuple(fc.constantFrom('work', 'break'), instant, duration)
    .map(([kind, startMs, length]): Request => ['time.add', { kind, startMs, endMs: startMs + length, reason: 'fuzz' }]),
  fc
    .tuple(fc.option(instant, { nil: undefined }), fc.option(instant, { nil: undefined }))
    .map(([startMs, endMs]): Request => ['time.edit', { uuid: 'work-1', startMs, endMs, reason: 'fuzz' }]),
  fc.tuple(pattern, pattern).map(([title, app]): Request => ['rules.add', { category: 'Fuzz', title, app }]),
  fc.tuple(windowText, windowText).map(([app, title]): Request => ['rules.test', { app, title }]),
  callLog.map((file): Request => ['import.calls', { file, format: 'generic', timeZone: 'UTC' }]),
  timewarrior.map((file): Request => ['import.timewarrior', { file, timeZone: 'UTC' }]),
);

/** A recorder sampling one window on a fake clock, over a file database with a seeded workday. */
function recordingStore(dir: string) {
  const dbPath = path.join(dir, 'stint.db');
  const h = recorderHarness({ dbPath, startMs: T9 + 4 * H });
  seedWorkday(h.store);
  h.windows.set({ app: 'Fuzz', title: 'the recorder keeps going' });
  h.recorder.start();
  const lastHeartbeat = () => h.store.db.prepare('SELECT max(end_ms) FROM activity').pluck().get() as number;
  /** One second of recording, with input so the rep is never idle: the new sample must be stored. */
  async function expectHeartbeat(after: string): Promise<void> {
    h.idle.input();
    await h.clock.advance(1000);
    expect(lastHeartbeat(), `no heartbeat stored after ${after}`).toBe(h.clock.now());
    expect(h.events.filter((e) => e.type === 'error')).toEqual([]);
  }
  return { ...h, dbPath, expectHeartbeat };
}

/** Caches hold only days with records: every call day stored has a call, every activity day marked has rows. */
function expectCachesOnlyForDaysWithData(db: { prepare(sql: string): { pluck(): { get(): unknown } } }): void {
  const emptyCallDays = db
    .prepare(
      `SELECT count(*) FROM call_day_cache c
       WHERE NOT EXISTS (SELECT 1 FROM call_day_cache d WHERE d.tz = c.tz AND d.date = c.date AND d.cap_ms = c.cap_ms AND d.calls > 0)`,
    )
    .pluck()
    .get();
  expect(emptyCallDays).toBe(0);
  const emptyActivityDays = db
    .prepare('SELECT count(*) FROM activity_day_cached m WHERE NOT EXISTS (SELECT 1 FROM activity_day_cache c WHERE c.day = m.day)')
    .pluck()
    .get();
  expect(emptyActivityDays).toBe(0);
}

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 300);

describe('the API under generated dates, ranges, durations and patterns, while recording', () => {
  let dir: string;
  let h: ReturnType<typeof recordingStore>;
  let handlers: ApiHandlers;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-bounds-fuzz-'));
    h = recordingStore(dir);
    handlers = createHandlers({ store: h.store, dbPath: h.dbPath, clock: h.clock, recorder: h.recorder });
  });
  afterAll(async () => {
    await h.recorder.stop();
    h.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request within the deadline, never with a 5xx, and the heartbeats keep being stored', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ([name, input]) => {
        const started = performance.now();
        const result = await dispatch(handlers, name, input);
        const tookMs = performance.now() - started;
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        expect(result.status, `${name} ${shown(input)} → ${shown(result.body)}`).toBeLessThan(500);
        expect(tookMs, `${name} ${shown(input)} took ${Math.round(tookMs)} ms`).toBeLessThan(DEADLINE_MS);
        await h.expectHeartbeat(`${name} ${shown(input)}`);
      }),
      { numRuns: 300, seed: 11 },
    );
    // The generated input is refused (400, 422) and also accepted, so both paths ran.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
    expectCachesOnlyForDaysWithData(h.store.db);
  });

  it('stores nothing out of bounds: every manual entry lasts at most a day and every call at most a day, all inside 1970–2100', () => {
    const entries = h.store.db.prepare('SELECT start_ms, end_ms FROM corrections WHERE start_ms IS NOT NULL').raw().all() as [number, number][];
    for (const [start, end] of entries) {
      expect(end - start).toBeLessThanOrEqual(MAX_ENTRY_MS);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThan(END_MS);
    }
    const calls = h.store.db.prepare('SELECT start_ms, talk_ms + hold_ms + wrap_ms FROM calls').raw().all() as [number, number][];
    for (const [start, total] of calls) {
      expect(total).toBeLessThanOrEqual(MAX_CALL_MS);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start).toBeLessThan(END_MS);
    }
  });
});

/** Command lines for the same requests: dates, ranges and times as a person types them. */
const typedInstant = fc.oneof(
  instant.filter((ms) => Math.abs(ms) <= 8.64e15).map((ms) => new Date(ms).toISOString()),
  fc.constantFrom(
    '-271821-04-20T00:00Z',
    '+275760-09-13T00:00Z',
    '2062-03-02T09:00',
    '1969-12-31T23:59:59Z',
    '2100-12-31T23:59',
    'tomorrowish',
    '2026-02-30T09:00',
  ),
);
const commandLine: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(range, fc.constantFrom(...TIME_USE_GROUPINGS)).map(([r, by]) => ['report', 'time-use', '--from', r.from, '--to', r.to, '--by', by, '--tz', 'UTC']),
  fc.tuple(range, fc.constantFrom('day', 'agent')).map(([r, by]) => ['report', 'calls', '--from', r.from, '--to', r.to, '--by', by, '--tz', 'UTC']),
  range.map((r) => ['report', 'sales', '--from', r.from, '--to', r.to, '--tz', 'UTC']),
  range.map((r) => ['timesheet', '--from', r.from, '--to', r.to, '--tz', 'UTC']),
  range.map((r) => ['time', 'list', '--from', r.from, '--to', r.to, '--tz', 'UTC']),
  range.map((r) => ['calls', 'list', '--from', r.from, '--to', r.to, '--tz', 'UTC']),
  fc.tuple(typedInstant, typedInstant).map(([start, end]) => ['time', 'add', '--start', start, '--end', end, '--reason', 'fuzz', '--tz', 'UTC']),
  fc.tuple(pattern, windowText).map(([title, app]) => ['rules', 'add', '--category', 'Fuzz', '--title', title, '--app', app]),
  fc.tuple(windowText, windowText).map(([app, title]) => ['rules', 'test', '--app', app, '--title', title]),
);

describe('the CLI under generated dates, ranges, times and patterns, while a recorder runs on the same database', () => {
  let dir: string;
  let h: ReturnType<typeof recordingStore>;
  let stderr: string[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-bounds-cli-fuzz-'));
    h = recordingStore(dir);
  });
  afterAll(async () => {
    await h.recorder.stop();
    h.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers every command within the deadline with a result or the reason, and the heartbeats keep being stored', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(commandLine, async (args) => {
        stderr.length = 0;
        const started = performance.now();
        const code = await main([...args, '--db', h.dbPath]);
        const tookMs = performance.now() - started;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const line = `stint ${args.join(' ')}`;
        // 1 is a person's mistake, said in words; 70 would be a bug ("unexpected error").
        expect(code, `${line} → ${stderr.join('')}`).toBeLessThanOrEqual(1);
        if (code === 1) expect(stderr.join(''), line).toMatch(/^stint: (?!unexpected error)/);
        expect(tookMs, `${line} took ${Math.round(tookMs)} ms`).toBeLessThan(DEADLINE_MS);
        await h.expectHeartbeat(line);
      }),
      { numRuns: 150, seed: 11 },
    );
    expect(codes.get(0)).toBeGreaterThan(0);
    expect(codes.get(1)).toBeGreaterThan(0);
    expectCachesOnlyForDaysWithData(h.store.db);
  });
});
