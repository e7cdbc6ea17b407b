import { bucketKind, siteOf, type AwBucketKind } from '../../../shared/activitywatch/aw-buckets';
import { canonicalJson, type AwEvent } from '../../../shared/activitywatch/aw-event';
import { mergeAwHeartbeat } from '../../../shared/activitywatch/aw-heartbeat';
import type { AwStore } from '../store/aw-store';
import type { FlushParticipant } from '../store/store';
import { awEventUuid } from './aw-uuids';

interface BufferedEvent extends AwEvent {
  bucketId: string;
  hostname: string;
  kind: AwBucketKind;
  uuid: string;
  /** canonicalJson(data), computed once. */
  dataKey: string;
  /** Changed since the last write. */
  dirty: boolean;
  /** The id a write gave it, until the write's transaction commits. */
  staged?: number;
}

/**
 * Heartbeats from ActivityWatch watchers, merged in memory by ActivityWatch's rule and written with the
 * recorder's flush (once a second), so a watcher's heartbeat costs no write of its own. The last event of
 * each bucket stays here; events a merge can no longer reach wait for the next write.
 */
export class AwHeartbeatBuffer implements FlushParticipant {
  private readonly last = new Map<string, BufferedEvent>();
  private closed: BufferedEvent[] = [];
  private written: BufferedEvent[] = [];

  constructor(private readonly aw: AwStore) {}

  /** Folds a heartbeat into the bucket's last event; answers the resulting event. */
  heartbeat(bucket: { id: string; type: string; hostname: string }, heartbeat: AwEvent, pulsetimeMs: number): AwEvent {
    const last = this.lastOf(bucket);
    const dataKey = canonicalJson(heartbeat.data);
    const { merged, event } = mergeAwHeartbeat(last, heartbeat, pulsetimeMs, last === null ? undefined : { last: last.dataKey, heartbeat: dataKey });
    if (merged && last !== null) {
      if (event.endMs !== last.endMs) {
        last.endMs = event.endMs;
        last.dirty = true;
      }
      return publicEvent(last);
    }
    if (last !== null && last.dirty) this.closed.push(last);
    const fresh: BufferedEvent = {
      ...heartbeat,
      bucketId: bucket.id,
      hostname: bucket.hostname,
      kind: bucketKind(bucket.type),
      uuid: awEventUuid(bucket.hostname, bucket.id, heartbeat.startMs, dataKey),
      dataKey,
      dirty: true,
    };
    this.last.set(bucket.id, fresh);
    return publicEvent(fresh);
  }

  /** True while something waits for a write. */
  get pending(): boolean {
    return this.closed.length > 0 || [...this.last.values()].some((e) => e.dirty);
  }

  write(): void {
    this.written = [];
    for (const event of [...this.closed, ...this.last.values()]) {
      if (!event.dirty) continue;
      let id = event.id ?? event.staged;
      if (id === undefined) {
        id = this.aw.insertEvent(event.bucketId, event.uuid, event) ?? this.aw.eventIdOf(event.uuid) ?? undefined;
        if (id === undefined) continue;
        event.staged = id;
      }
      this.aw.setEventEnd(id, event.endMs);
      if (event.kind === 'web' && typeof event.data.url === 'string') {
        this.aw.upsertWebVisit(id, event.hostname, event.startMs, event.endMs, event.data.url, siteOf(event.data.url));
      }
      this.written.push(event);
    }
  }

  committed(): void {
    for (const event of this.written) {
      if (event.staged !== undefined) event.id = event.staged;
      delete event.staged;
      event.dirty = false;
    }
    this.written = [];
    this.closed = this.closed.filter((e) => e.dirty);
  }

  /** A write that rolled back: ids it gave are void. */
  rolledBack(): void {
    for (const event of this.written) delete event.staged;
    this.written = [];
  }

  /** The bucket's events changed behind the buffer (deleted, inserted, imported): read its last event again next time. */
  forget(bucketId: string): void {
    this.last.delete(bucketId);
    this.closed = this.closed.filter((e) => e.bucketId !== bucketId);
  }

  /** Every bucket may have changed (an import): read last events again; call after a write. */
  forgetAll(): void {
    this.last.clear();
    this.closed = [];
  }

  /** The url of the browser watcher's current tab on this host, if a web bucket's last event reaches `atMs` within `withinMs`. */
  currentTab(atMs: number, withinMs: number): string | null {
    let best: BufferedEvent | null = null;
    for (const event of this.last.values()) {
      if (event.kind !== 'web' || typeof event.data.url !== 'string') continue;
      if (event.endMs + withinMs < atMs || event.startMs > atMs) continue;
      if (best === null || event.endMs > best.endMs) best = event;
    }
    return best === null ? null : (best.data.url as string);
  }

  private lastOf(bucket: { id: string; type: string; hostname: string }): BufferedEvent | null {
    const cached = this.last.get(bucket.id);
    if (cached !== undefined) return cached;
    const stored = this.aw.lastEvent(bucket.id);
    if (stored === null) return null;
    const event: BufferedEvent = {
      ...stored,
      bucketId: bucket.id,
      hostname: bucket.hostname,
      kind: bucketKind(bucket.type),
      dataKey: canonicalJson(stored.data),
      dirty: false,
    };
    this.last.set(bucket.id, event);
    return event;
  }
}

function publicEvent(event: BufferedEvent): AwEvent {
  return { ...(event.id === undefined ? {} : { id: event.id }), startMs: event.startMs, endMs: event.endMs, data: event.data };
}
