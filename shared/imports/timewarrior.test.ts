import { describe, expect, it } from 'vitest';
import { entryLabel, formatTimewStamp, parseTimewarriorExport, parseTimewStamp, type TimewarriorParse } from './timewarrior';

const json = (value: unknown): string => JSON.stringify(value);
const ok = { start: '20260308T090000Z', end: '20260308T170000Z' };
const EXPECTED_FILE = 'expected the JSON array that `timew export` writes, like [{"id":1,"start":"20260308T090000Z","end":"20260308T170000Z"}]';

function errorsOf(result: TimewarriorParse) {
  if (result.ok) throw new Error(`expected errors, got ${result.sessions.length} sessions`);
  return result.errors;
}

/** The single error message for a file holding just this entry. */
function onlyError(entry: unknown): string {
  const errors = errorsOf(parseTimewarriorExport(json([entry])));
  expect(errors).toHaveLength(1);
  expect(errors[0]!.index).toBe(0);
  return errors[0]!.message;
}

describe('Timewarrior times', () => {
  it('reads and writes the compact UTC form timew export uses', () => {
    expect(parseTimewStamp('20260308T090000Z')).toBe(Date.UTC(2026, 2, 8, 9, 0, 0));
    expect(parseTimewStamp('20280229T235959Z')).toBe(Date.UTC(2028, 1, 29, 23, 59, 59));
    expect(formatTimewStamp(Date.UTC(2026, 2, 8, 9, 0, 0))).toBe('20260308T090000Z');
    expect(formatTimewStamp(Date.UTC(2026, 2, 8, 9, 0, 0, 999))).toBe('20260308T090000Z');
  });

  it('refuses other shapes and impossible calendar values', () => {
    for (const bad of [
      '2026-03-08',
      '2026-03-08T09:00:00Z',
      '20260308T090000',
      '20260308T090000+0100',
      '20260229T090000Z',
      '20261301T090000Z',
      '20260308T240000Z',
      '20260308T096000Z',
      ' 20260308T090000Z',
    ]) {
      expect(parseTimewStamp(bad), bad).toBeNull();
    }
  });

  it('names entries by array position, with the Timewarrior id when there is one', () => {
    expect(entryLabel({ index: 3, id: 5 })).toBe('entry 3 (@5)');
    expect(entryLabel({ index: 0, id: null })).toBe('entry 0');
  });
});

describe('parseTimewarriorExport', () => {
  it('turns a valid export into closed intervals sorted by start, ignoring keys it does not know', () => {
    const text = `\uFEFF${json([
      { id: 2, start: '20260308T090000Z', end: '20260308T120000Z', tags: ['sales', 'calls'], annotation: 'Acme follow-up', uuid: 'x' },
      { id: 3, start: '20260307T140000Z', end: '20260307T150000Z' },
      { start: '20260308T120000Z', end: '20260308T120000Z', tags: [] },
    ])}\n`;
    expect(parseTimewarriorExport(text)).toEqual({
      ok: true,
      warnings: [],
      sessions: [
        {
          index: 1,
          id: 3,
          start: '20260307T140000Z',
          end: '20260307T150000Z',
          startMs: Date.UTC(2026, 2, 7, 14),
          endMs: Date.UTC(2026, 2, 7, 15),
          tags: [],
          annotation: null,
          key: '20260307T140000Z/20260307T150000Z',
        },
        {
          index: 0,
          id: 2,
          start: '20260308T090000Z',
          end: '20260308T120000Z',
          startMs: Date.UTC(2026, 2, 8, 9),
          endMs: Date.UTC(2026, 2, 8, 12),
          tags: ['sales', 'calls'],
          annotation: 'Acme follow-up',
          key: '20260308T090000Z/20260308T120000Z',
        },
        {
          index: 2,
          id: null,
          start: '20260308T120000Z',
          end: '20260308T120000Z',
          startMs: Date.UTC(2026, 2, 8, 12),
          endMs: Date.UTC(2026, 2, 8, 12),
          tags: [],
          annotation: null,
          key: '20260308T120000Z/20260308T120000Z',
        },
      ],
    });
  });

  it('accepts an empty export', () => {
    expect(parseTimewarriorExport('[]')).toEqual({ ok: true, sessions: [], warnings: [] });
    expect(parseTimewarriorExport('[\n]\n')).toEqual({ ok: true, sessions: [], warnings: [] });
  });

  it('skips a still-running interval (no "end") with a warning', () => {
    const result = parseTimewarriorExport(
      json([
        { id: 2, ...ok },
        { id: 1, start: '20260308T180000Z', tags: ['admin'] },
      ]),
    );
    expect(result).toEqual({
      ok: true,
      sessions: [expect.objectContaining({ index: 0, key: '20260308T090000Z/20260308T170000Z' })],
      warnings: [
        {
          index: 1,
          message: 'entry 1 (@1): still running in Timewarrior (it has no "end"), so it was skipped; run `timew stop` and import a new export to add it',
        },
      ],
    });
  });

  it('says what is wrong with each kind of bad entry and what was expected', () => {
    const cases: [unknown, string][] = [
      ['20260308T090000Z', 'entry 0: must be an object like {"start": "20260308T090000Z", "end": "20260308T170000Z"}, got "20260308T090000Z"'],
      [null, 'entry 0: must be an object like {"start": "20260308T090000Z", "end": "20260308T170000Z"}, got null'],
      [[ok.start, ok.end], 'entry 0: must be an object like {"start": "20260308T090000Z", "end": "20260308T170000Z"}, got a list'],
      [{ id: 4, end: ok.end }, 'entry 0 (@4): "start" is missing; expected a UTC time like 20260308T090000Z'],
      [{ id: 4, start: 1772960400, end: ok.end }, 'entry 0 (@4): "start" must be a string like 20260308T090000Z, got 1772960400'],
      [{ id: 4, start: '2026-03-08', end: ok.end }, 'entry 0 (@4): "start" must look like 20260308T090000Z, got "2026-03-08"'],
      [
        { id: 4, start: '20260230T090000Z', end: ok.end },
        'entry 0 (@4): "start" is not a real date and time: "20260230T090000Z" (expected a UTC time like 20260308T090000Z)',
      ],
      [{ id: 4, start: ok.start, end: '20260308T17:00:00Z' }, 'entry 0 (@4): "end" must look like 20260308T090000Z, got "20260308T17:00:00Z"'],
      [{ id: 4, start: ok.start, end: null }, 'entry 0 (@4): "end" must be a string like 20260308T090000Z, got null'],
      [
        { id: 4, start: ok.start, end: '20260308T080000Z' },
        'entry 0 (@4): "end" 20260308T080000Z is before "start" 20260308T090000Z; expected an end at or after the start',
      ],
      [{ id: '4', ...ok }, 'entry 0: "id" must be a whole number like 3, got "4"'],
      [{ id: 1.5, ...ok }, 'entry 0: "id" must be a whole number like 3, got 1.5'],
      [{ ...ok, tags: 'sales' }, 'entry 0: "tags" must be a list of strings like ["sales", "calls"], got "sales"'],
      [{ ...ok, tags: ['sales', 7] }, 'entry 0: "tags" item 1 must be a string like "sales", got 7'],
      [{ ...ok, annotation: { text: 'x' } }, 'entry 0: "annotation" must be a string, got an object'],
    ];
    for (const [entry, message] of cases) expect(onlyError(entry), json(entry)).toBe(message);
  });

  it('refuses an interval longer than 24 hours and a time outside 1970–2100; a day exactly imports', () => {
    expect(onlyError({ start: '20260308T090000Z', end: '20620308T090000Z' })).toBe(
      'entry 0: 20260308T090000Z–20620308T090000Z lasts 315576:00:00, and Stint takes intervals of at most 24 hours; split it in Timewarrior (`timew split`) or fix its times',
    );
    expect(onlyError({ start: '19691231T235959Z', end: '19700101T000001Z' })).toBe(
      'entry 0: "start" "19691231T235959Z" is outside the years Stint takes: expected a time from 1970 to the end of 2100',
    );
    expect(onlyError({ start: '21001231T230000Z', end: '21010101T010000Z' })).toBe(
      'entry 0: "end" "21010101T010000Z" is outside the years Stint takes: expected a time from 1970 to the end of 2100',
    );
    expect(parseTimewarriorExport(json([{ start: '20260308T090000Z', end: '20260309T090000Z' }])).ok).toBe(true);
  });

  it('shortens long values it quotes', () => {
    expect(onlyError({ start: `${'x'.repeat(50)}`, end: ok.end })).toBe(`entry 0: "start" must look like 20260308T090000Z, got "${'x'.repeat(40)}…"`);
  });

  it('reports every problem of every entry at once, in entry order, and returns no sessions', () => {
    const result = parseTimewarriorExport(
      json([
        { id: 4, ...ok },
        { id: 3, start: 'yesterday', end: 5 },
        { id: 2, start: '20260309T090000Z', end: '20260309T100000Z' },
        { id: 1, start: '20260309T100000Z', end: '20260309T093000Z', tags: [1] },
      ]),
    );
    expect(errorsOf(result)).toEqual([
      { index: 1, message: 'entry 1 (@3): "start" must look like 20260308T090000Z, got "yesterday"' },
      { index: 1, message: 'entry 1 (@3): "end" must be a string like 20260308T090000Z, got 5' },
      { index: 3, message: 'entry 3 (@1): "tags" item 0 must be a string like "sales", got 1' },
    ]);
    // The end-before-start check runs once the fields themselves are right.
    expect(errorsOf(parseTimewarriorExport(json([{ start: '20260309T100000Z', end: '20260309T093000Z' }])))).toHaveLength(1);
  });

  it('rejects overlapping intervals, which Timewarrior never records, and accepts touching ones', () => {
    const overlapping = json([
      { id: 3, start: '20260308T090000Z', end: '20260308T120000Z' },
      { id: 2, start: '20260308T120000Z', end: '20260308T130000Z' },
      { id: 1, start: '20260308T110000Z', end: '20260308T113000Z' },
    ]);
    expect(errorsOf(parseTimewarriorExport(overlapping))).toEqual([
      {
        index: 2,
        message:
          'entry 2 (@1): 20260308T110000Z–20260308T113000Z overlaps entry 0 (@3) 20260308T090000Z–20260308T120000Z; ' +
          'Timewarrior never records overlapping time, so expected one to end before the other starts (fix or remove one)',
      },
    ]);
    const touching = parseTimewarriorExport(
      json([
        { start: '20260308T120000Z', end: '20260308T130000Z' },
        { start: '20260308T090000Z', end: '20260308T120000Z' },
      ]),
    );
    expect(touching.ok && touching.sessions.map((s) => s.index)).toEqual([1, 0]);
  });

  it('rejects the same interval twice, empty ones included', () => {
    for (const interval of [ok, { start: ok.start, end: ok.start }]) {
      const errors = errorsOf(parseTimewarriorExport(json([{ start: '20260308T080000Z', end: ok.start }, interval, interval])));
      expect(errors).toEqual([{ index: 2, message: expect.stringMatching(/^entry 2: .* overlaps entry 1 /) }]);
    }
  });

  it('gives a single error for a file that is not a JSON array', () => {
    const cases: [string, RegExp | string][] = [
      ['', `the file is empty; ${EXPECTED_FILE}`],
      ['  \n', `the file is empty; ${EXPECTED_FILE}`],
      ['id,start,end\n1,2026-03-08,2026-03-08\n', /^not JSON \(.+\); expected the JSON array that `timew export` writes/],
      ['[{"start": "20260308T090000Z",', /^not JSON \(.+\); expected/],
      [json({ intervals: [ok] }), `not a list of intervals: got an object; ${EXPECTED_FILE}`],
      ['42', `not a list of intervals: got 42; ${EXPECTED_FILE}`],
      ['null', `not a list of intervals: got null; ${EXPECTED_FILE}`],
    ];
    for (const [text, message] of cases) {
      const errors = errorsOf(parseTimewarriorExport(text));
      expect(errors, text).toEqual([{ index: null, message: typeof message === 'string' ? message : expect.stringMatching(message) }]);
      expect(errors[0]!.message).not.toContain('\n');
    }
  });
});
