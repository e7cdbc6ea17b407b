import { createRequire } from 'node:module';
import type { Transform } from 'node:stream';
import {
  awBucketInputSchema,
  awEventInputSchema,
  canonicalJson,
  eventFromInput,
  type AwBucket,
  type JsonObject,
  type JsonValue,
} from '../../../shared/activitywatch/aw-event';
import { bucketKind, isBrowserApp, siteOf, type AwBucketKind } from '../../../shared/activitywatch/aw-buckets';
import { cutSpan, segmentByVisits } from '../../../shared/activitywatch/aw-derive';
import { utcOffsetMinutes } from '../../../shared/recording/zone-offset';
import { AwStore, type DerivedActivity, type DerivedIdle, type PendingDerivation } from '../store/aw-store';
import type { Store } from '../store/store';
import { awEventUuid, awRecordUuid } from './aw-uuids';
import { ValueBuilder, ValueSkipper, type JsonToken } from './json-tokens';

// stream-json is CommonJS; its parser is a Transform that emits tokens synchronously as it is written to.
const require = createRequire(import.meta.url);
const { parser: makeParser } = require('stream-json/Parser.js') as { parser: (options: Record<string, boolean>) => Transform };

/** Where in the file a problem is: the line (exact for a pretty-printed file), the bucket and the event's index in it. */
export interface AwImportProblem {
  line: number;
  bucket: string | null;
  /** 0-based index of the event in its bucket's events, or null for the bucket or the file itself. */
  event: number | null;
  message: string;
}

export interface AwImportCounts {
  buckets: number;
  /** Events stored for the first time. */
  events: number;
  /** Events whose uuid was stored already (an earlier import, or this database's own recording exported). */
  alreadyPresent: number;
  activity: number;
  idle: number;
  webVisits: number;
  /** Events of buckets that are not window, afk or web: kept as named external activity. */
  external: number;
}
export type AwImportResult = ({ ok: true } & AwImportCounts) | { ok: false; problems: AwImportProblem[]; more: number };

export interface AwImportOptions {
  /** The zone the derived records are recorded in (ActivityWatch keeps UTC only). */
  timeZone: string;
  nowMs: number;
  /** Bytes read so far, after each chunk. */
  onProgress?: (bytes: number) => void;
}

/** Problems kept in full; the rest are counted. */
const MAX_PROBLEMS = 20;
/** Events a bucket may list before its type and hostname (ActivityWatch writes them after): kept in memory until known. */
const MAX_EARLY_EVENTS = 50_000;
/** Writes are cut at newlines so every token's line is known; a line longer than this is cut too. */
const MAX_SLICE = 64 * 1024;

type State = 'root' | 'top' | 'buckets' | 'bucket' | 'events' | 'after';

interface BucketState {
  key: string;
  line: number;
  meta: { [key: string]: JsonValue };
  /** Set once the bucket row exists (or is known to be this database's own recording). */
  ready: { kind: AwBucketKind; hostname: string; own: boolean } | null;
  failed: boolean;
  index: number;
  early: { line: number; index: number; value: JsonValue }[];
}

/**
 * Imports an ActivityWatch export ({"buckets": {"<id>": {…, "events": [...]}}}) read as a stream, so a file
 * of any size takes bounded memory: events are validated and stored as they are parsed, then window and
 * afk events become activity and idle (browser windows get their tab's url from the web visits). All of it
 * is one transaction: a problem anywhere leaves the database as it was.
 */
export async function importActivityWatch(
  store: Store,
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: AwImportOptions,
): Promise<AwImportResult> {
  const importer = new Importer(store, options);
  return importer.run(input);
}

class Importer {
  private readonly aw: AwStore;
  private readonly counts: AwImportCounts = { buckets: 0, events: 0, alreadyPresent: 0, activity: 0, idle: 0, webVisits: 0, external: 0 };
  private readonly problems: AwImportProblem[] = [];
  private more = 0;
  private line = 1;
  private state: State = 'root';
  private value: ValueBuilder | ValueSkipper | null = null;
  private onValue: ((value: JsonValue | null) => void) | null = null;
  private metaKey: string | null = null;
  private bucket: BucketState | null = null;
  private sawBuckets = false;

  constructor(
    private readonly store: Store,
    private readonly options: AwImportOptions,
  ) {
    this.aw = new AwStore(store.db, store.deviceId);
  }

  async run(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<AwImportResult> {
    const db = this.store.db;
    const before = this.aw.maxEventId();
    // Events and records land in uuid-keyed indexes at random places: a bigger page cache for the import
    // keeps more of their pages in memory, then the default again. 16 MB imports a million events as fast as
    // 32 MB did (22,300 against 21,200 events/s) with a peak RSS of 162 MB instead of 204 (`npm run bench aw`).
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -16384');
    db.exec('BEGIN IMMEDIATE');
    let committed = false;
    try {
      await this.parse(input);
      if (this.problems.length === 0) this.derive(before);
      if (this.problems.length > 0) return { ok: false, problems: this.problems, more: this.more };
      db.exec('COMMIT');
      committed = true;
      return { ok: true, ...this.counts };
    } finally {
      if (!committed) {
        if (db.inTransaction) db.exec('ROLLBACK');
        this.aw.forget();
      }
      db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  private async parse(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<void> {
    const parser = makeParser({ packKeys: true, packStrings: true, packNumbers: true, streamKeys: false, streamStrings: false, streamNumbers: false });
    const failure: { syntax: Error | null; line: number } = { syntax: null, line: 1 };
    parser.on('data', (token: JsonToken) => {
      if (failure.syntax === null) this.token(token);
    });
    const failed = (error: Error) => {
      if (failure.syntax !== null) return;
      failure.syntax = error;
      failure.line = this.line;
    };
    parser.on('error', failed);
    const write = (slice: Buffer) =>
      new Promise<void>((resolve) => {
        parser.write(slice, (error) => {
          if (error) failed(error);
          resolve();
        });
      });
    let bytes = 0;
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let at = 0;
      while (at < buffer.length && failure.syntax === null) {
        const newline = buffer.indexOf(10, at);
        const end = newline === -1 ? Math.min(buffer.length, at + MAX_SLICE) : Math.min(newline + 1, at + MAX_SLICE);
        await write(buffer.subarray(at, end));
        if (newline !== -1 && end === newline + 1) this.line += 1;
        at = end;
      }
      bytes += buffer.length;
      this.options.onProgress?.(bytes);
      if (failure.syntax !== null || this.problems.length >= MAX_PROBLEMS) break;
    }
    let ending = false;
    if (failure.syntax === null) {
      ending = true;
      await new Promise<void>((resolve) => parser.end(() => resolve()));
    }
    const error = failure.syntax;
    if (error !== null && ending) {
      this.problem(null, null, 'the file ends early: it was cut off');
      return;
    }
    if (error !== null) {
      this.problem(
        null,
        null,
        `not valid JSON (${error.message.replace(/^Parser (cannot parse input: )?/, '')}); is this the file ActivityWatch exported?`,
        failure.line,
      );
      return;
    }
    if (this.state !== 'after' && this.problems.length === 0) {
      this.problem(null, null, this.sawBuckets ? 'the file ends early: it was cut off' : 'no "buckets" object: is this the file ActivityWatch exported?');
    }
  }

  // ---- the token walk

  private token(token: JsonToken): void {
    if (this.value !== null) {
      this.value.consume(token);
      if (this.value.done) {
        const done = this.value;
        const then = this.onValue;
        this.value = null;
        this.onValue = null;
        then?.(done instanceof ValueBuilder ? done.value : null);
      }
      return;
    }
    switch (this.state) {
      case 'root':
        if (token.name !== 'startObject') {
          this.problem(null, null, 'the file is not an ActivityWatch export: it should be an object with "buckets"');
          this.skip(token);
          this.state = 'after';
          return;
        }
        this.state = 'top';
        return;
      case 'top':
        if (token.name === 'keyValue') {
          this.metaKey = token.value ?? '';
          return;
        }
        if (token.name === 'endObject') {
          this.state = 'after';
          return;
        }
        if (this.metaKey === 'buckets' && token.name === 'startObject') {
          this.sawBuckets = true;
          this.state = 'buckets';
          return;
        }
        if (this.metaKey === 'buckets') this.problem(null, null, '"buckets" should be an object of buckets by id');
        this.skip(token);
        return;
      case 'buckets':
        if (token.name === 'keyValue') {
          this.bucket = { key: token.value ?? '', line: this.line, meta: {}, ready: null, failed: false, index: 0, early: [] };
          return;
        }
        if (token.name === 'endObject') {
          this.state = 'top';
          return;
        }
        if (token.name === 'startObject' && this.bucket !== null) {
          this.state = 'bucket';
          return;
        }
        this.problem(this.bucket?.key ?? null, null, 'a bucket should be an object with id, type, client, hostname and events');
        this.skip(token);
        return;
      case 'bucket':
        if (token.name === 'keyValue') {
          this.metaKey = token.value ?? '';
          return;
        }
        if (token.name === 'endObject') {
          this.endBucket();
          this.state = 'buckets';
          return;
        }
        if (this.metaKey === 'events' && token.name === 'startArray') {
          this.state = 'events';
          return;
        }
        if (this.metaKey === 'events') {
          this.problem(this.bucket?.key ?? null, null, '"events" should be a list of events');
          this.skip(token);
          return;
        }
        this.build(token, (value) => {
          if (this.bucket !== null && this.metaKey !== null && value !== null) this.bucket.meta[this.metaKey] = value;
        });
        return;
      case 'events':
        if (token.name === 'endArray') {
          this.state = 'bucket';
          return;
        }
        {
          const line = this.line;
          this.build(token, (value) => {
            if (value !== null) this.event(line, value);
          });
        }
        return;
      case 'after':
        return;
    }
  }

  private build(token: JsonToken, then: (value: JsonValue | null) => void): void {
    const builder = new ValueBuilder();
    builder.consume(token);
    if (builder.done) then(builder.value);
    else {
      this.value = builder;
      this.onValue = then;
    }
  }

  private skip(token: JsonToken): void {
    const skipper = new ValueSkipper();
    skipper.consume(token);
    if (!skipper.done) this.value = skipper;
  }

  // ---- buckets and events

  /** Creates the bucket once its type and hostname are known; false while they are not. */
  private ensureBucket(final: boolean): boolean {
    const b = this.bucket;
    if (b === null) return false;
    if (b.ready !== null || b.failed) return true;
    if (!final && (b.meta.type === undefined || b.meta.hostname === undefined || b.meta.client === undefined)) return false;
    const parsed = awBucketInputSchema.safeParse(b.meta);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'bucket';
      this.problem(b.key, null, `${field}: ${issue?.message ?? 'invalid'}`, b.line);
      b.failed = true;
      return true;
    }
    const meta = parsed.data;
    const data: JsonObject = meta.data ?? {};
    // This database's own recording, exported and imported back, is here already as activity and idle.
    const own = data.stint_device_id === this.store.deviceId;
    const kind = bucketKind(meta.type);
    if (!own) {
      const existing = this.aw.bucket(b.key);
      if (existing !== null && existing.type !== meta.type) {
        this.problem(b.key, null, `a bucket "${b.key}" of type ${existing.type} is in this database already; this file's is of type ${meta.type}`, b.line);
        b.failed = true;
        return true;
      }
      if (existing === null) {
        const bucket: AwBucket = {
          id: b.key,
          name: meta.name ?? null,
          type: meta.type,
          client: meta.client,
          hostname: meta.hostname,
          createdMs: meta.created ?? this.options.nowMs,
          data,
        };
        this.aw.createBucket(bucket);
        this.counts.buckets += 1;
      }
    }
    b.ready = { kind, hostname: meta.hostname, own };
    return true;
  }

  private event(line: number, value: JsonValue): void {
    const b = this.bucket;
    if (b === null) return;
    const index = b.index++;
    if (!this.ensureBucket(false)) {
      if (b.early.length >= MAX_EARLY_EVENTS) {
        this.problem(b.key, index, `more than ${MAX_EARLY_EVENTS} events come before the bucket's type, client and hostname; put "events" last`, line);
        b.failed = true;
        return;
      }
      b.early.push({ line, index, value });
      return;
    }
    this.storeEvent(line, index, value);
  }

  private endBucket(): void {
    const b = this.bucket;
    if (b === null) return;
    this.ensureBucket(true);
    for (const early of b.early) this.storeEvent(early.line, early.index, early.value);
    b.early = [];
    this.bucket = null;
  }

  private storeEvent(line: number, index: number, value: JsonValue): void {
    const b = this.bucket;
    if (b === null || b.ready === null || b.failed) return;
    const parsed = awEventInputSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'event';
      this.problem(b.key, index, `${field}: ${issue?.message ?? 'invalid'}`, line);
      return;
    }
    // After the first problem nothing is written (it would be rolled back); the rest is only checked.
    if (this.problems.length > 0) return;
    if (b.ready.own) {
      this.counts.alreadyPresent += 1;
      return;
    }
    const event = eventFromInput(parsed.data);
    const uuid = awEventUuid(b.ready.hostname, b.key, event.startMs, canonicalJson(event.data));
    const id = this.aw.insertEvent(b.key, uuid, event);
    if (id === null) {
      this.counts.alreadyPresent += 1;
      return;
    }
    this.counts.events += 1;
    if (b.ready.kind === 'external') this.counts.external += 1;
    if (b.ready.kind === 'web' && typeof event.data.url === 'string') {
      this.aw.upsertWebVisit(id, b.ready.hostname, event.startMs, event.endMs, event.data.url, siteOf(event.data.url));
      this.counts.webVisits += 1;
    }
  }

  // ---- records derived from window and afk events

  private derive(afterId: number): void {
    const zone = this.options.timeZone;
    const offsets = new Map<number, number>();
    const offsetAt = (ms: number) => {
      // Zones change offset on the quarter hour at most: one lookup per quarter hour.
      const slot = Math.floor(ms / 900_000);
      let offset = offsets.get(slot);
      if (offset === undefined) {
        offset = utcOffsetMinutes(ms, zone);
        if (offsets.size > 10_000) offsets.clear();
        offsets.set(slot, offset);
      }
      return offset;
    };
    const lookback = new Map<string, number>();
    let after = afterId;
    for (;;) {
      const page = this.aw.pendingDerivations(after);
      if (page.length === 0) return;
      const activity: DerivedActivity[] = [];
      const idle: DerivedIdle[] = [];
      for (const event of page) {
        if (event.type === 'currentwindow') activity.push(...this.windowRecords(event, zone, offsetAt, lookback));
        else idle.push(...afkRecords(event, zone, offsetAt));
      }
      this.counts.activity += this.aw.insertActivity(activity);
      this.counts.idle += this.aw.insertIdle(idle);
      after = page.at(-1)!.id;
    }
  }

  private windowRecords(event: PendingDerivation, zone: string, offsetAt: (ms: number) => number, lookback: Map<string, number>): DerivedActivity[] {
    const data = JSON.parse(event.data) as JsonObject;
    const app = typeof data.app === 'string' ? data.app : '';
    const title = typeof data.title === 'string' ? data.title : '';
    const ownUrl = typeof data.url === 'string' && data.url !== '' ? data.url : null;
    let visits: { startMs: number; endMs: number; url: string }[] = [];
    if (ownUrl === null && isBrowserApp(app)) {
      let back = lookback.get(event.hostname);
      if (back === undefined) lookback.set(event.hostname, (back = this.aw.longestVisitMs(event.hostname)));
      visits = this.aw.webVisits(event.hostname, event.startMs, event.endMs, back);
    }
    return segmentByVisits(event.startMs, event.endMs, visits).map((part) => ({
      uuid: awRecordUuid(event.uuid, part.startMs),
      startMs: part.startMs,
      endMs: part.endMs,
      timeZone: zone,
      utcOffsetMin: offsetAt(part.startMs),
      app,
      title,
      url: part.url ?? ownUrl,
    }));
  }

  private problem(bucket: string | null, event: number | null, message: string, line = this.line): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.more += 1;
      return;
    }
    this.problems.push({ line, bucket, event, message });
  }
}

function afkRecords(event: PendingDerivation, zone: string, offsetAt: (ms: number) => number): DerivedIdle[] {
  const data = JSON.parse(event.data) as JsonObject;
  if (data.status !== 'afk') return [];
  return cutSpan(event.startMs, event.endMs).map((part) => ({
    uuid: awRecordUuid(event.uuid, part.startMs),
    startMs: part.startMs,
    endMs: part.endMs,
    timeZone: zone,
    utcOffsetMin: offsetAt(part.startMs),
  }));
}
