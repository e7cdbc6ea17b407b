/*
 * Every request in the contract, fed generated bad and edge input (wrong types, missing and extra fields,
 * dates that do not exist, huge and non-finite numbers, unknown zones, empty and very long strings, nested
 * junk) against the real handlers over a real SQLite file: never a 500, and every 400 names the field.
 * Part of it goes over the real local HTTP server too. Runs are seeded, so a failure reproduces.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestSchemas, type ApiHandlers, type RequestName } from '../../../shared/api/contract';
import { CALL_ACTION_TYPES, CALL_DIRECTIONS, CALL_REVIEW_ACTIONS } from '../../../shared/calls';
import { RATINGS } from '../../../shared/categories';
import { IDLE_CHOICES, SESSION_KINDS } from '../../../shared/recording/records';
import { SESSION_ACTIONS } from '../../../shared/recording/session-machine';
import { TIME_USE_GROUPINGS } from '../../../shared/api/results';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from '../../../shared/timesheet/types';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { DAY, H, IDLE_UUID, T9, seedWorkday, startTestServer, type TestServer } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

/** Values that are right somewhere in the contract, so generated requests also get past validation into the handlers. */
const plausible: unknown[] = [
  DAY,
  '2026-03-01',
  '2026-03-08',
  '2025-03-02',
  '1970-01-01',
  '2036-02-29',
  'UTC',
  'Europe/Berlin',
  'Pacific/Kiritimati',
  'Australia/Lord_Howe',
  '09:00',
  '17:00',
  '24:00',
  '00:00',
  T9,
  T9 + H,
  T9 - H,
  0,
  8.64e15,
  'work-1',
  IDLE_UUID,
  'a1',
  'Sales > CRM',
  'Google-chrome',
  'Pipeline',
  '.*',
  'r1',
  true,
  false,
  [1, 2, 3, 4, 5],
  [7],
  { minutes: 15, mode: 'up' },
  { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  // Import files: an empty Timewarrior export, and a CSV no importer takes (refused with its line).
  { name: 'export.json', base64: Buffer.from('[]').toString('base64') },
  { name: 'report.csv', base64: Buffer.from('Nothing,Useful\n1,2\n').toString('base64') },
  'salesforce-opportunities',
  'salesforce-leads',
  'hubspot-deals',
  'generic',
  ...SESSION_ACTIONS,
  ...SESSION_KINDS,
  ...CALL_ACTION_TYPES,
  ...CALL_DIRECTIONS,
  ...CALL_REVIEW_ACTIONS,
  ...IDLE_CHOICES,
  ...RATINGS,
  ...TIME_USE_GROUPINGS,
  ...OVERTIME_RULES,
  ...WEEK_STARTS,
  ...ROUNDING_MINUTES,
  ...ROUNDING_MODES,
];

/** Values that are wrong nearly everywhere, or sit on an edge. */
const hostile: unknown[] = [
  '2026-02-30',
  '0000-00-00',
  '2026-13-01',
  '20260302',
  '9999-12-31',
  '0001-01-01',
  '+275760-09-13',
  '2026-03-02T00:00:00Z',
  'Mars/Olympus',
  'utc+25',
  '',
  ' ',
  '\u0000',
  'x'.repeat(100_000),
  '日本語'.repeat(1000),
  '(',
  '[z-a]',
  '(a+)+$',
  '__proto__',
  'constructor',
  '25:00',
  '23:60',
  '9am',
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  8.64e15 + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  [],
  {},
  [[[[[]]]]],
  { minutes: 7, mode: 'sideways' },
  { start: '17:00', end: '09:00' },
  { nested: { deeper: [{ junk: true }] } },
];

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...plausible) },
  { weight: 3, arbitrary: fc.constantFrom(...hostile) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

type FieldSchema = { safeParse(v: unknown): { success: boolean } };

/** The object shapes a request takes: one, or one per option of a union of objects (import.crm). */
function shapesOf(name: RequestName): Record<string, FieldSchema>[] {
  const schema: unknown = requestSchemas[name];
  const options: unknown[] = typeof schema === 'object' && schema !== null && 'options' in schema && Array.isArray(schema.options) ? schema.options : [schema];
  return options.flatMap((option) => (typeof option === 'object' && option !== null && 'shape' in option ? [option.shape as Record<string, FieldSchema>] : []));
}

/** Every field any of the request's shapes has. */
function fieldsOf(name: RequestName): string[] {
  return [...new Set(shapesOf(name).flatMap((shape) => Object.keys(shape)))];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Strings shaped like what a field takes but often not one: 2026-02-30, 0000-00-00, 24:60, Mars/Olympus. */
const nearMiss: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(2024, 2025, 2026)), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 99 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
  fc.constantFrom('Mars/Olympus', 'Europe/Atlantis', 'UTC+25', 'Etc/GMT+99', 'europe/berlin', 'America/New York', '../../etc/localtime', 'Z'),
  fc.constantFrom(-1, -0.5, 0.1, 8.64e15 + 1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2),
);

/** Mostly a value this field takes (picked from `plausible` by the field's own schema), else a near miss or anything. */
function fieldValue(schema: FieldSchema): fc.Arbitrary<unknown> {
  const fits = plausible.filter((v) => schema.safeParse(v).success);
  if (fits.length === 0) return fc.oneof(value, nearMiss);
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fits) }, { weight: 3, arbitrary: nearMiss }, { weight: 1, arbitrary: value });
}

/** An input for `name`: mostly an object over its own fields (some missing, some wrong, now and then an extra one), sometimes anything at all. */
function inputFor(name: RequestName): fc.Arbitrary<unknown> {
  const record = fc.oneof(
    ...shapesOf(name).map((shape) => fc.record(Object.fromEntries(Object.entries(shape).map(([f, schema]) => [f, fieldValue(schema)])), { requiredKeys: [] })),
  );
  const withExtra = fc.tuple(record, fc.constantFrom('extra', 'FROM', '__proto__', 'to ', ''), value).map(([r, key, v]) => ({ ...r, [key]: v }));
  const nestedBusinessHours = fc.record({
    from: fc.constantFrom(DAY, '2026-02-30'),
    to: fc.constantFrom(DAY, '2026-03-09'),
    businessHours: fc.record({ start: value, end: value, days: fc.oneof(value, fc.array(value, { maxLength: 9 })) }, { requiredKeys: [] }),
  });
  // Every field given a value it takes, so that enough inputs get past validation into the handlers.
  const fitting = fc.oneof(
    ...shapesOf(name).map((shape) =>
      fc.record(
        Object.fromEntries(
          Object.entries(shape).flatMap(([f, schema]) => {
            const fits = plausible.filter((v) => schema.safeParse(v).success);
            return fits.length === 0 ? [] : [[f, fc.constantFrom(...fits)]];
          }),
        ),
      ),
    ),
  );
  return fc.oneof(
    { weight: 6, arbitrary: record },
    { weight: 2, arbitrary: fitting },
    { weight: 2, arbitrary: withExtra },
    { weight: 1, arbitrary: value },
    ...(name === 'report.sales' ? [{ weight: 2, arbitrary: nestedBusinessHours }] : []),
  );
}

/** A 400 must name, for every problem, the field it is in (`input` for the input as a whole). */
function expectFieldsNamed(name: RequestName, error: string): void {
  const prefix = `Invalid input for ${name}: `;
  expect(error.startsWith(prefix), error).toBe(true);
  const known = new Set([...fieldsOf(name), 'input']);
  for (const problem of error.slice(prefix.length).split('; ')) {
    // An extra key is named as it was given (it may hold any character).
    if (problem.endsWith(': not a field of this request')) continue;
    // The top-level field the problem is in; a nested key (a record's) may hold any character, ':' too.
    const field = /^(\w+)[.:]/.exec(problem)?.[1];
    expect(field, `"${problem}" names no field`).toBeDefined();
    expect(known.has(field!), `"${problem}" names no field of ${name}`).toBe(true);
  }
}

describe('the API under generated bad input', () => {
  let dir: string;
  let store: Store;
  let handlers: ApiHandlers;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-fuzz-'));
    const dbPath = path.join(dir, 'stint.db');
    store = Store.open(dbPath);
    seedWorkday(store);
    handlers = createHandlers({ store, dbPath, clock: new FakeClock(T9 + 4 * H, 'UTC'), recorder: null });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(REQUEST_NAMES)('%s: never a 500, and every 400 names a field', async (name) => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(inputFor(name), async (input) => {
        const result = await dispatch(handlers, name, input);
        statuses.add(result.status);
        expect(result.status, `${name} ${JSON.stringify(input)?.slice(0, 300)} → ${JSON.stringify(result.body).slice(0, 300)}`).not.toBe(500);
        if (result.status === 400) expectFieldsNamed(name, result.body.error);
      }),
      { numRuns: 250, seed: 10 },
    );
    // Generated input is refused and also reaches the handlers, not only the validator.
    if (fieldsOf(name).length > 0) expect(statuses.has(400)).toBe(true);
    expect(statuses.has(200) || statuses.has(422)).toBe(true);
  });

  it('keeps going on the same store after all of it: the seeded day still reads', async () => {
    const result = await dispatch(handlers, 'timeline.get', { date: DAY, timeZone: 'UTC' });
    expect(result.status).toBe(200);
  });
});

describe('the local HTTP server under generated bad input', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('never answers 500 to any request, with bodies as JSON parses them', async () => {
    const anyRequest = fc.constantFrom(...REQUEST_NAMES).chain((name) => fc.tuple(fc.constant(name), inputFor(name)));
    await fc.assert(
      fc.asyncProperty(anyRequest, async ([name, input]) => {
        const body = JSON.stringify(input) ?? '';
        const res = await fetch(`${t.origin}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` }, body });
        const answer = (await res.json()) as { ok: boolean; error?: string };
        expect(res.status, `${name} ${body.slice(0, 300)} → ${JSON.stringify(answer).slice(0, 300)}`).not.toBe(500);
        if (res.status === 400) expectFieldsNamed(name, answer.error!);
      }),
      { numRuns: 200, seed: 10 },
    );
    expect(t.logged).toEqual([]);
  });
});
