import { z } from 'zod';
import { EARLIEST_MS, END_MS } from '../bounds';

/**
 * ActivityWatch's data model as it travels over its REST API and in its export files: buckets of events,
 * each event a timestamp (RFC 3339), a duration (float seconds) and a data object. Stint keeps times in
 * UTC milliseconds, so a timestamp's sub-millisecond digits are cut and a duration is rounded to the
 * millisecond; an event read back is the same to the millisecond.
 */

/** A JSON value as ActivityWatch stores it in an event's or a bucket's data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface AwEvent {
  /** The store's id; absent until the event is stored. */
  id?: number;
  startMs: number;
  endMs: number;
  data: JsonObject;
}

/** The wire form of an event: what the API answers and the export writes. */
export interface AwEventJson {
  id?: number;
  timestamp: string;
  duration: number;
  data: JsonObject;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})$/;

/** UTC milliseconds of an RFC 3339 timestamp (digits past the millisecond are cut), or null when it is not one. */
export function parseAwTimestamp(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as [string, string, string, string, string, string, string, string | undefined, string];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 February over to March: a day past the month's end is not a date.
  if (new Date(base).getUTCDate() !== day) return null;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  return base + ms - offsetMin * 60_000;
}

/** RFC 3339 in UTC with milliseconds, as ActivityWatch's own server writes it. */
export function formatAwTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** Float seconds to whole milliseconds. */
export function durationMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

export function toEventJson(event: AwEvent): AwEventJson {
  return {
    ...(event.id === undefined ? {} : { id: event.id }),
    timestamp: formatAwTimestamp(event.startMs),
    duration: (event.endMs - event.startMs) / 1000,
    data: event.data,
  };
}

/**
 * The data as one string with keys sorted at every level: ActivityWatch compares data as maps, so
 * {"a":1,"b":2} and {"b":2,"a":1} are the same data (heartbeats merge, uuids agree).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

/**
 * An object of JSON values. Every input here was parsed from JSON (a request body, an export file), so
 * whatever it holds is a JSON value already: checking that it is an object is the whole check, and it
 * costs nothing per field (a heartbeat is validated thousands of times a second).
 */
export const jsonObjectSchema = z.custom<JsonObject>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'expected an object',
});

/** The longest event Stint takes: ten years. Longer is a broken clock, not activity. */
export const MAX_EVENT_MS = 3660 * 24 * 3_600_000;

export const awTimestampSchema = z.string().transform((text, ctx) => {
  const ms = parseAwTimestamp(text);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is not an RFC 3339 timestamp such as 2024-05-01T09:30:00.000+00:00` });
    return z.NEVER;
  }
  if (ms < EARLIEST_MS || ms >= END_MS) {
    ctx.addIssue({ code: 'custom', message: `${text} is outside 1970–2100` });
    return z.NEVER;
  }
  return ms;
});

/** An event as a client or an export sends it: duration in float seconds, never negative. */
export const awEventInputSchema = z
  .object({
    id: z.number().int().nullable().optional(),
    timestamp: awTimestampSchema,
    duration: z
      .number()
      .min(0, 'a duration cannot be negative')
      .max(MAX_EVENT_MS / 1000, 'a duration longer than ten years is not activity')
      .default(0),
    data: jsonObjectSchema.default({}),
  })
  .loose();
export type AwEventInput = z.output<typeof awEventInputSchema>;

/** The event an input describes, without the id it may carry. */
export function eventFromInput(input: AwEventInput): AwEvent {
  return { startMs: input.timestamp, endMs: input.timestamp + durationMs(input.duration), data: input.data };
}

/** Bucket ids are path segments: printable, no slashes, short. */
export const bucketIdSchema = z
  .string()
  .min(1, 'a bucket id cannot be empty')
  .max(200, 'a bucket id is at most 200 characters')
  .regex(/^[^/\\\s?#%]+$/, 'a bucket id cannot hold spaces, slashes, ?, # or %');

/** A bucket's description, as POST /api/0/buckets/{id} and the export carry it. */
export const awBucketInputSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().max(500).nullable().optional(),
    type: z.string().min(1, 'a bucket needs a type').max(200),
    client: z.string().min(1, 'a bucket needs a client').max(200),
    hostname: z.string().min(1, 'a bucket needs a hostname').max(300),
    created: awTimestampSchema.optional(),
    data: jsonObjectSchema.optional(),
  })
  .loose();
export type AwBucketInput = z.output<typeof awBucketInputSchema>;

export interface AwBucket {
  id: string;
  name: string | null;
  type: string;
  client: string;
  hostname: string;
  createdMs: number;
  data: JsonObject;
}

export interface AwBucketJson {
  id: string;
  name: string | null;
  type: string;
  client: string;
  hostname: string;
  created: string;
  data: JsonObject;
  last_updated?: string;
}

export function toBucketJson(bucket: AwBucket, lastUpdatedMs?: number | null): AwBucketJson {
  return {
    id: bucket.id,
    name: bucket.name,
    type: bucket.type,
    client: bucket.client,
    hostname: bucket.hostname,
    created: formatAwTimestamp(bucket.createdMs),
    data: bucket.data,
    ...(lastUpdatedMs === undefined || lastUpdatedMs === null ? {} : { last_updated: formatAwTimestamp(lastUpdatedMs) }),
  };
}
