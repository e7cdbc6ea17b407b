import { STINT_CLIENT } from '../../../shared/activitywatch/aw-buckets';
import { toBucketJson, toEventJson, type AwBucket, type AwEvent, type JsonObject } from '../../../shared/activitywatch/aw-event';
import { remerge, subtract } from '../../../shared/activitywatch/aw-derive';
import { AwStore } from '../store/aw-store';
import type { Store } from '../store/store';

export interface AwExportOptions {
  /** This computer's name, for the buckets of Stint's own recording. */
  hostname: string;
  nowMs: number;
  /** Only this bucket (GET /api/0/buckets/{id}/export); default every bucket and Stint's own recording. */
  bucketId?: string;
}

/** A bucket of the export: its description and its events, oldest first, produced as they are written. */
interface ExportBucket {
  bucket: AwBucket;
  events: () => Iterable<AwEvent>;
}

/**
 * ActivityWatch's export format ({"buckets": {"<id>": {…, "events": [...]}}}) as a stream of text
 * pieces, so an export of any size takes bounded memory. Buckets that came from ActivityWatch (an import,
 * or its watchers feeding `stint track --aw-port`) are written as they are stored; Stint's own recording
 * becomes a currentwindow bucket (the spans cut at the store's longest span merged back) and an afkstatus
 * bucket (idle as "afk", the rest of each work session or break as "not-afk"), named for this device so
 * that importing the file back into this database adds nothing.
 */
export function* exportActivityWatch(store: Store, options: AwExportOptions): Generator<string> {
  const aw = new AwStore(store.db, store.deviceId);
  const buckets: ExportBucket[] = aw.buckets().map(({ bucket }) => ({ bucket, events: () => aw.eventsOldestFirst(bucket.id) }));
  buckets.push(...ownBuckets(aw, store.deviceId, options));
  const chosen = options.bucketId === undefined ? buckets : buckets.filter((b) => b.bucket.id === options.bucketId);
  yield '{"buckets":{';
  let firstBucket = true;
  for (const { bucket, events } of chosen) {
    const head = JSON.stringify(toBucketJson(bucket));
    yield `${firstBucket ? '' : ','}${JSON.stringify(bucket.id)}:${head.slice(0, -1)},"events":[`;
    firstBucket = false;
    let first = true;
    let batch: string[] = [];
    for (const event of events()) {
      batch.push(JSON.stringify(toEventJson(event)));
      if (batch.length >= 1000) {
        yield (first ? '' : ',') + batch.join(',');
        first = false;
        batch = [];
      }
    }
    if (batch.length > 0) yield (first ? '' : ',') + batch.join(',');
    yield ']}';
  }
  yield '}}\n';
}

/** The ids the buckets of this device's own recording have in an export. */
export function ownBucketIds(deviceId: string, hostname: string): { window: string; afk: string } {
  const suffix = `${hostname.replace(/[^A-Za-z0-9._-]/g, '-')}_${deviceId.slice(0, 8)}`;
  return { window: `stint-window_${suffix}`, afk: `stint-afk_${suffix}` };
}

function ownBuckets(aw: AwStore, deviceId: string, options: AwExportOptions): ExportBucket[] {
  const ids = ownBucketIds(deviceId, options.hostname);
  const data: JsonObject = { stint_device_id: deviceId };
  const base = { name: null, client: STINT_CLIENT, hostname: options.hostname, createdMs: options.nowMs, data };
  const window: ExportBucket = {
    bucket: { ...base, id: ids.window, type: 'currentwindow' },
    events: function* () {
      const spans = remerge(aw.recordedActivity(), (s) => `${s.app}\u0000${s.title}\u0000${s.url ?? ''}`);
      for (const s of spans) {
        yield { startMs: s.startMs, endMs: s.endMs, data: { app: s.app, title: s.title, ...(s.url === null ? {} : { url: s.url }) } };
      }
    },
  };
  const afk: ExportBucket = {
    bucket: { ...base, id: ids.afk, type: 'afkstatus' },
    events: () => afkEvents(aw),
  };
  return [window, afk];
}

/** Idle as "afk"; the rest of each recorded session as "not-afk"; oldest first. */
function afkEvents(aw: AwStore): AwEvent[] {
  const idle = [...remerge(aw.recordedIdle(), () => '')];
  const events: AwEvent[] = idle.map((i) => ({ startMs: i.startMs, endMs: i.endMs, data: { status: 'afk' } }));
  for (const session of remerge(aw.recordedSessions(), () => '')) {
    for (const part of subtract(session.startMs, session.endMs, idle)) events.push({ ...part, data: { status: 'not-afk' } });
  }
  return events.sort((a, b) => a.startMs - b.startMs);
}
