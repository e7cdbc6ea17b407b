import { z } from 'zod';
import {
  awBucketInputSchema,
  awEventInputSchema,
  awTimestampSchema,
  bucketIdSchema,
  canonicalJson,
  eventFromInput,
  toBucketJson,
  toEventJson,
  type AwBucket,
} from '../../../shared/activitywatch/aw-event';
import { siteOf, bucketKind } from '../../../shared/activitywatch/aw-buckets';
import type { Clock } from '../clock/clock';
import { AwStore } from '../store/aw-store';
import type { Store } from '../store/store';
import { AwHeartbeatBuffer } from './aw-heartbeats';
import { awEventUuid } from './aw-uuids';

/** An answer of the ActivityWatch API: a status and a JSON body (ActivityWatch's shapes; errors as {message}). */
export type AwAnswer = { status: number; body: unknown };

const ok = (body: unknown): AwAnswer => ({ status: 200, body });
const refuse = (status: number, message: string): AwAnswer => ({ status, body: { message } });

/** Query strings are flat: each parameter once. */
const rangeQuery = z
  .object({
    start: awTimestampSchema.optional(),
    end: awTimestampSchema.optional(),
    limit: z
      .string()
      .regex(/^-?\d+$/, 'limit must be a whole number')
      .transform(Number)
      .optional(),
  })
  .strict();
const heartbeatQuery = z.object({ pulsetime: z.string().regex(/^\d+(\.\d+)?$/, 'pulsetime must be a number of seconds, 0 or more') }).strict();
const deleteQuery = z.object({ force: z.string().optional() }).strict();
const eventListSchema = z.union([awEventInputSchema, z.array(awEventInputSchema).max(10_000, 'send at most 10,000 events at once')]);

export interface AwApiOptions {
  store: Store;
  clock: Clock;
  hostname: string;
  version: string;
}

/**
 * The subset of ActivityWatch's REST API its watchers and client library use, over Stint's store: buckets,
 * events, heartbeats (merged by ActivityWatch's rule, buffered until the recorder's flush), exports.
 * Transport-free: the listener (aw-server.ts) parses paths and bodies and calls these.
 */
export class AwApi {
  readonly heartbeats: AwHeartbeatBuffer;
  private readonly aw: AwStore;
  /** Buckets by id, so a heartbeat costs no read; emptied whenever buckets change. */
  private readonly bucketCache = new Map<string, AwBucket>();

  constructor(private readonly options: AwApiOptions) {
    this.aw = new AwStore(options.store.db, options.store.deviceId);
    this.heartbeats = new AwHeartbeatBuffer(this.aw);
  }

  /** Writes buffered heartbeats now, so a read sees them (the recorder's flush does the same every second). */
  flushNow(): void {
    if (!this.heartbeats.pending) return;
    try {
      this.options.store.db.transaction(() => this.heartbeats.write()).immediate();
      this.heartbeats.committed();
    } catch (error) {
      this.heartbeats.rolledBack();
      throw error;
    }
  }

  info(): AwAnswer {
    return ok({ hostname: this.options.hostname, version: `stint-${this.options.version}`, testing: false, device_id: this.options.store.deviceId });
  }

  buckets(): AwAnswer {
    this.flushNow();
    const all: Record<string, unknown> = {};
    for (const { bucket, lastUpdatedMs } of this.aw.buckets()) all[bucket.id] = toBucketJson(bucket, lastUpdatedMs);
    return ok(all);
  }

  bucket(rawId: string): AwAnswer {
    const id = bucketIdSchema.safeParse(rawId);
    if (!id.success) return refuse(400, `Bad bucket id: ${id.error.issues[0]?.message}`);
    const bucket = this.aw.bucket(id.data);
    return bucket === null ? noBucket(id.data) : ok(toBucketJson(bucket));
  }

  /** 200 when made; 304 when a bucket of that id exists (ActivityWatch's client library expects it). */
  createBucket(rawId: string, body: unknown): AwAnswer {
    const id = bucketIdSchema.safeParse(rawId);
    if (!id.success) return refuse(400, `Bad bucket id: ${id.error.issues[0]?.message}`);
    const input = awBucketInputSchema.safeParse(body);
    if (!input.success) return refuse(400, `Bad bucket: ${describe(input.error)}`);
    if (this.aw.bucket(id.data) !== null) return { status: 304, body: null };
    const hostname = input.data.hostname === '!local' ? this.options.hostname : input.data.hostname;
    const bucket: AwBucket = {
      id: id.data,
      name: input.data.name ?? null,
      type: input.data.type,
      client: input.data.client,
      hostname,
      createdMs: input.data.created ?? this.options.clock.now(),
      data: input.data.data ?? {},
    };
    this.bucketCache.clear();
    return this.aw.createBucket(bucket) ? ok(null) : { status: 304, body: null };
  }

  deleteBucket(rawId: string, query: URLSearchParams): AwAnswer {
    const id = bucketIdSchema.safeParse(rawId);
    if (!id.success) return refuse(400, `Bad bucket id: ${id.error.issues[0]?.message}`);
    const q = deleteQuery.safeParse(Object.fromEntries(query));
    if (!q.success) return refuse(400, describe(q.error));
    if (q.data.force !== '1') return refuse(401, 'Deleting a bucket deletes its events: add ?force=1 to confirm.');
    this.flushNow();
    this.heartbeats.forget(id.data);
    this.bucketCache.clear();
    return this.aw.deleteBucket(id.data) ? ok(null) : noBucket(id.data);
  }

  events(rawId: string, query: URLSearchParams): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const q = rangeQuery.safeParse(Object.fromEntries(query));
    if (!q.success) return refuse(400, describe(q.error));
    if (q.data.limit !== undefined && q.data.limit < -1) return refuse(400, 'limit must be -1 (no limit) or more');
    this.flushNow();
    const limit = q.data.limit === undefined || q.data.limit === -1 ? undefined : q.data.limit;
    const events = this.aw.events(found.bucket.id, {
      ...(q.data.start === undefined ? {} : { startMs: q.data.start }),
      ...(q.data.end === undefined ? {} : { endMs: q.data.end }),
      ...(limit === undefined ? {} : { limit }),
    });
    return ok(events.map(toEventJson));
  }

  count(rawId: string, query: URLSearchParams): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const q = rangeQuery.omit({ limit: true }).safeParse(Object.fromEntries(query));
    if (!q.success) return refuse(400, describe(q.error));
    this.flushNow();
    return ok(
      this.aw.countEvents(found.bucket.id, {
        ...(q.data.start === undefined ? {} : { startMs: q.data.start }),
        ...(q.data.end === undefined ? {} : { endMs: q.data.end }),
      }),
    );
  }

  event(rawId: string, rawEventId: string): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const eventId = eventIdOf(rawEventId);
    if (eventId === null) return refuse(400, `Bad event id "${rawEventId}": it is a whole number.`);
    this.flushNow();
    const event = this.aw.event(found.bucket.id, eventId);
    return event === null ? refuse(404, `There is no event ${eventId} in bucket ${found.bucket.id}.`) : ok(toEventJson(event));
  }

  deleteEvent(rawId: string, rawEventId: string): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const eventId = eventIdOf(rawEventId);
    if (eventId === null) return refuse(400, `Bad event id "${rawEventId}": it is a whole number.`);
    this.flushNow();
    this.heartbeats.forget(found.bucket.id);
    return this.aw.deleteEvent(found.bucket.id, eventId) ? ok(null) : refuse(404, `There is no event ${eventId} in bucket ${found.bucket.id}.`);
  }

  /** Stores new events; an event carrying an id would replace a stored one, which Stint never does. */
  insertEvents(rawId: string, body: unknown): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const parsed = eventListSchema.safeParse(body);
    if (!parsed.success) return refuse(400, `Bad events: ${describe(parsed.error)}`);
    const inputs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const withId = inputs.findIndex((e) => e.id !== undefined && e.id !== null);
    if (withId !== -1) {
      return refuse(
        400,
        `Event ${withId} has an id: posting it would replace a stored event, and Stint keeps events as they were recorded. Send new events without "id".`,
      );
    }
    this.flushNow();
    this.heartbeats.forget(found.bucket.id);
    const bucket = found.bucket;
    const stored = this.options.store.db
      .transaction(() =>
        inputs.map((input) => {
          const event = eventFromInput(input);
          const uuid = awEventUuid(bucket.hostname, bucket.id, event.startMs, canonicalJson(event.data));
          const id = this.aw.insertEvent(bucket.id, uuid, event) ?? this.aw.eventIdOf(uuid);
          if (id !== null && bucketKind(bucket.type) === 'web' && typeof event.data.url === 'string') {
            this.aw.upsertWebVisit(id, bucket.hostname, event.startMs, event.endMs, event.data.url, siteOf(event.data.url));
          }
          return { ...event, ...(id === null ? {} : { id }) };
        }),
      )
      .immediate();
    return ok(stored.map(toEventJson));
  }

  heartbeat(rawId: string, query: URLSearchParams, body: unknown): AwAnswer {
    const found = this.find(rawId);
    if ('status' in found) return found;
    const q = heartbeatQuery.safeParse(Object.fromEntries(query));
    if (!q.success) return refuse(400, `A heartbeat needs ?pulsetime=SECONDS: ${describe(q.error)}`);
    const input = awEventInputSchema.safeParse(body);
    if (!input.success) return refuse(400, `Bad heartbeat: ${describe(input.error)}`);
    const event = this.heartbeats.heartbeat(found.bucket, eventFromInput(input.data), Math.round(Number(q.data.pulsetime) * 1000));
    return ok(toEventJson(event));
  }

  /** Buckets were made or removed behind the API (an import on another connection). */
  bucketsChanged(): void {
    this.bucketCache.clear();
    this.heartbeats.forgetAll();
  }

  private find(rawId: string): { bucket: AwBucket } | AwAnswer {
    const cached = this.bucketCache.get(rawId);
    if (cached !== undefined) return { bucket: cached };
    const id = bucketIdSchema.safeParse(rawId);
    if (!id.success) return refuse(400, `Bad bucket id: ${id.error.issues[0]?.message}`);
    const bucket = this.aw.bucket(id.data);
    if (bucket === null) return noBucket(id.data);
    if (this.bucketCache.size > 1000) this.bucketCache.clear();
    this.bucketCache.set(id.data, bucket);
    return { bucket };
  }
}

function noBucket(id: string): AwAnswer {
  return refuse(404, `There is no bucket "${id}". Create it first with POST /api/0/buckets/${id}.`);
}

function eventIdOf(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
