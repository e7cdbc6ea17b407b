import { z } from 'zod';
import { INSTANT_BOUNDS_WORDS, isInstantInBounds, MAX_ENTRY_MS } from '../bounds';
import { formatDuration } from '../format-duration';
import { decodeText } from './text';

/**
 * Timewarrior's `timew export`: a JSON array of intervals
 * `{"id": 3, "start": "20260308T090000Z", "end": "20260308T170000Z", "tags": ["sales"], "annotation": "…"}`,
 * times in UTC. Each closed interval becomes one closed work session; the importer adds the zone, the
 * offset and the uuid (Timewarrior data carries no zone).
 *
 * Decisions, all or nothing like every Stint import (DESIGN §5):
 * - An entry without "end" is still running in Timewarrior (`timew start` without `timew stop`). It is
 *   skipped with a warning, not an error: exporting while tracking is normal, and once stopped the same
 *   interval imports on the next run (its identity is start and end, so nothing is counted twice).
 * - Overlapping entries are rejected. Timewarrior never records overlapping time and Stint's work
 *   sessions never overlap either, so an overlap means the file was edited or merged by hand.
 *   Intervals that only touch (one ends when the next starts) are fine; two identical intervals overlap.
 * - "end" equal to "start" (an empty interval) is accepted; "end" before "start" is rejected, and so are an
 *   interval longer than 24 hours and a time outside 1970–2100 (shared/bounds.ts): typos, not work.
 * - "id" is optional and only names the entry in messages (`@3`, as `timew` commands take it); "tags"
 *   and "annotation" are validated and returned but Stint's sessions do not keep them. Unknown keys are
 *   ignored, so a newer Timewarrior that adds fields still imports.
 * - Errors name the entry by its position in the array, counting from 0 (`entry 3` is the fourth).
 * - The file is read as bytes: UTF-8 (a BOM is dropped) or UTF-16 LE/BE, with or without a BOM
 *   (PowerShell's `timew export > FILE` writes UTF-16 LE); other bytes are refused as not UTF-8.
 */

/** How `timew export` writes a time. */
export const TIMEW_STAMP_EXAMPLE = '20260308T090000Z';
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const EXPECTED_FILE = 'expected the JSON array that `timew export` writes, like [{"id":1,"start":"20260308T090000Z","end":"20260308T170000Z"}]';

/** One closed Timewarrior interval, checked. */
export interface TimewarriorInterval {
  /** Position in the exported array, from 0. */
  index: number;
  /** Timewarrior's id at export time (`@id`), when the export has one. */
  id: number | null;
  /** The times as written, e.g. 20260308T090000Z. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  tags: string[];
  annotation: string | null;
  /** What identifies the interval across exports: `start/end`. The importer derives its uuid from this. */
  key: string;
}

/** A problem with one entry (`index` is its array position) or with the whole file (`index` null). */
export interface TimewarriorProblem {
  index: number | null;
  message: string;
}

export type TimewarriorParse = { ok: true; sessions: TimewarriorInterval[]; warnings: TimewarriorProblem[] } | { ok: false; errors: TimewarriorProblem[] };

/** Milliseconds since the epoch for a `timew export` time, or null when it is not one (shape or calendar). */
export function parseTimewStamp(value: string): number | null {
  const m = STAMP.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  const same =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  return same ? ms : null;
}

/** A UTC instant the way `timew export` writes it. */
export function formatTimewStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** How messages name an entry: `entry 3` or, when the export has ids, `entry 3 (@5)`. */
export function entryLabel(entry: { index: number; id: number | null }): string {
  return `entry ${entry.index}${entry.id === null ? '' : ` (@${entry.id})`}`;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function stampField(field: 'start' | 'end') {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `"${field}" is missing; expected a UTC time like ${TIMEW_STAMP_EXAMPLE}`
          : `"${field}" must be a string like ${TIMEW_STAMP_EXAMPLE}, got ${shown(issue.input)}`,
    })
    .transform((value, ctx) => {
      const ms = parseTimewStamp(value);
      if (ms !== null && isInstantInBounds(ms)) return { stamp: value, ms };
      if (ms !== null) {
        ctx.addIssue({ code: 'custom', message: `"${field}" ${shown(value)} is outside the years Stint takes: expected ${INSTANT_BOUNDS_WORDS}` });
        return z.NEVER;
      }
      ctx.addIssue({
        code: 'custom',
        message: STAMP.test(value)
          ? `"${field}" is not a real date and time: ${shown(value)} (expected a UTC time like ${TIMEW_STAMP_EXAMPLE})`
          : `"${field}" must look like ${TIMEW_STAMP_EXAMPLE}, got ${shown(value)}`,
      });
      return z.NEVER;
    });
}

const entrySchema = z
  .object(
    {
      id: z.int({ error: (issue) => `"id" must be a whole number like 3, got ${shown(issue.input)}` }).optional(),
      start: stampField('start'),
      end: stampField('end').optional(),
      tags: z
        .array(z.string({ error: (issue) => `must be a string like "sales", got ${shown(issue.input)}` }), {
          error: (issue) => `"tags" must be a list of strings like ["sales", "calls"], got ${shown(issue.input)}`,
        })
        .optional(),
      annotation: z.string({ error: (issue) => `"annotation" must be a string, got ${shown(issue.input)}` }).optional(),
    },
    {
      error: (issue) => `must be an object like {"start": "${TIMEW_STAMP_EXAMPLE}", "end": "20260308T170000Z"}, got ${shown(issue.input)}`,
    },
  )
  .superRefine((entry, ctx) => {
    if (entry.end !== undefined && entry.end.ms < entry.start.ms) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `"end" ${entry.end.stamp} is before "start" ${entry.start.stamp}; expected an end at or after the start`,
      });
    } else if (entry.end !== undefined && entry.end.ms - entry.start.ms > MAX_ENTRY_MS) {
      const length = formatDuration((entry.end.ms - entry.start.ms) / 1000);
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `${entry.start.stamp}–${entry.end.stamp} lasts ${length}, and Stint takes intervals of at most 24 hours; split it in Timewarrior (\`timew split\`) or fix its times`,
      });
    }
  });

function issueMessage(issue: z.core.$ZodIssue): string {
  const [field, item] = issue.path;
  return field === 'tags' && typeof item === 'number' ? `"tags" item ${item} ${issue.message}` : issue.message;
}

/** The id of a raw entry, if it has a usable one: to name entries in messages even when they are broken. */
function rawId(entry: unknown): number | null {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return null;
  return Number.isInteger(entry.id) ? (entry.id as number) : null;
}

function fileError(message: string): TimewarriorParse {
  return { ok: false, errors: [{ index: null, message }] };
}

/** Checks a `timew export` file's text and turns it into closed intervals, or says everything wrong with it. */
export function parseTimewarriorExport(input: string | Uint8Array): TimewarriorParse {
  // The bytes of a file: UTF-8, or UTF-16 as Windows shells write a redirected `timew export`.
  const decoded = decodeText(input);
  if (!decoded.ok) return { ok: false, errors: decoded.errors.map((e) => ({ index: null, message: e.message.replace(/^The file/, 'the file') })) };
  const body = decoded.text;
  if (body.trim() === '') return fileError(`the file is empty; ${EXPECTED_FILE}`);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ');
    return fileError(`not JSON (${reason}); ${EXPECTED_FILE}`);
  }
  if (!Array.isArray(data)) return fileError(`not a list of intervals: got ${shown(data)}; ${EXPECTED_FILE}`);

  const errors: TimewarriorProblem[] = [];
  const warnings: TimewarriorProblem[] = [];
  const closed: TimewarriorInterval[] = [];
  data.forEach((raw: unknown, index) => {
    const label = entryLabel({ index, id: rawId(raw) });
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ index, message: `${label}: ${issueMessage(issue)}` });
      return;
    }
    const entry = parsed.data;
    if (entry.end === undefined) {
      warnings.push({
        index,
        message: `${label}: still running in Timewarrior (it has no "end"), so it was skipped; run \`timew stop\` and import a new export to add it`,
      });
      return;
    }
    closed.push({
      index,
      id: entry.id ?? null,
      start: entry.start.stamp,
      end: entry.end.stamp,
      startMs: entry.start.ms,
      endMs: entry.end.ms,
      tags: entry.tags ?? [],
      annotation: entry.annotation ?? null,
      key: `${entry.start.stamp}/${entry.end.stamp}`,
    });
  });

  const sessions = [...closed].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.index - b.index);
  let latest: TimewarriorInterval | undefined;
  sessions.forEach((cur, i) => {
    const prev = sessions[i - 1];
    // Sorted by start then end, so a repeat of an interval sits right after it; anything else that
    // overlaps also overlaps the interval that reaches furthest so far.
    const other = prev !== undefined && prev.key === cur.key ? prev : latest !== undefined && cur.startMs < latest.endMs ? latest : undefined;
    if (other !== undefined) {
      errors.push({
        index: cur.index,
        message:
          `${entryLabel(cur)}: ${cur.start}–${cur.end} overlaps ${entryLabel(other)} ${other.start}–${other.end}; ` +
          'Timewarrior never records overlapping time, so expected one to end before the other starts (fix or remove one)',
      });
    }
    if (latest === undefined || cur.endMs > latest.endMs) latest = cur;
  });

  if (errors.length > 0) {
    // Entry order, overlaps after the field problems of the same entry (Array.prototype.sort is stable).
    return { ok: false, errors: errors.sort((a, b) => (a.index ?? -1) - (b.index ?? -1)) };
  }
  return { ok: true, sessions, warnings };
}
