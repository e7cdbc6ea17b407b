import { randomUUID } from 'node:crypto';
import { mergeHeartbeat, sameWindow, type OpenSpan } from '../../shared/recording/heartbeat-merge';
import { pulseTimeMs } from '../../shared/recording/pulse';
import { MAX_SPAN_MS, type WindowData } from '../../shared/recording/records';
import { utcOffsetMinutes } from '../../shared/recording/zone-offset';
import type { ActivityWrite } from './store/store';

interface OpenActivity extends OpenSpan {
  uuid: string;
  timeZone: string;
  utcOffsetMin: number;
  private: boolean;
}

/**
 * Folds window heartbeats into activity spans: the open span grows while the window stays the same and
 * closed spans wait here until the next flush takes them. Used by the recorder and by bulk writers.
 */
export class ActivityTrack {
  private open: OpenActivity | null = null;
  private closed: ActivityWrite[] = [];
  private readonly pulseMs: number;

  constructor(pollMs: number) {
    this.pulseMs = pulseTimeMs(pollMs);
  }

  /** Adds a heartbeat; returns true when it started a new span with another app than before. `isPrivate`: outside a work session. */
  push(timeMs: number, data: WindowData, timeZone: string, isPrivate = false): boolean {
    // A record carries the zone in force when it was made, and whether it was private, so either changing starts a new one.
    if (this.open && (this.open.timeZone !== timeZone || this.open.private !== isPrivate)) this.close(timeMs);
    const current = this.open;
    // The common case, once a second: the same window within the pulse time grows the open span in place,
    // allocating nothing (what mergeHeartbeat would answer, without its result objects).
    if (
      current !== null &&
      timeMs >= current.endMs &&
      timeMs - current.endMs <= this.pulseMs &&
      timeMs - current.startMs < MAX_SPAN_MS &&
      sameWindow(current.data, data)
    ) {
      current.endMs = timeMs;
      return false;
    }
    const merged = mergeHeartbeat(current, timeMs, data, this.pulseMs);
    if (current && !merged.closed) {
      current.endMs = merged.open.endMs;
      return false;
    }
    if (current && merged.closed) this.closed.push(toWrite({ ...current, endMs: merged.closed.endMs }, false));
    this.open = { ...merged.open, uuid: randomUUID(), timeZone, utcOffsetMin: utcOffsetMinutes(timeMs, timeZone), private: isPrivate };
    return !current || current.data.app !== data.app;
  }

  /** Ends the open span, at its last heartbeat or at atMs if that is earlier. */
  close(atMs: number): void {
    if (!this.open) return;
    this.closed.push(toWrite({ ...this.open, endMs: Math.max(this.open.startMs, Math.min(this.open.endMs, atMs)) }, false));
    this.open = null;
  }

  /** What a flush must write: the spans closed since the last flush and the open one as it stands. */
  pending(): ActivityWrite[] {
    return this.open ? [...this.closed, toWrite(this.open, true)] : [...this.closed];
  }

  /** Called after a flush succeeded. */
  flushed(): void {
    this.closed = [];
  }
}

function toWrite(span: OpenActivity, open: boolean): ActivityWrite {
  return {
    uuid: span.uuid,
    startMs: span.startMs,
    endMs: span.endMs,
    timeZone: span.timeZone,
    utcOffsetMin: span.utcOffsetMin,
    app: span.data.app,
    title: span.data.title,
    ...(span.data.url === undefined ? {} : { url: span.data.url }),
    open,
    ...(span.private ? { private: true } : {}),
  };
}
