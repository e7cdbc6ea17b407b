import { canonicalJson, type AwEvent } from './aw-event';

/**
 * ActivityWatch's heartbeat rule, which its watchers and its server agree on; kept apart from the
 * recorder's own merging (shared/recording/heartbeat-merge.ts), which differs on purpose: the recorder
 * cuts spans at an hour and lets a switch end the previous span at the sample that saw it.
 *
 * A heartbeat extends the last event of its bucket when the data are the same and it starts inside
 * [last.start, last.end + pulsetime]: the merged event runs from last.start to the later of the two ends.
 * Otherwise it becomes a new event, and the previous one is left as it is (not stretched to meet it).
 */
export function mergeAwHeartbeat(
  last: AwEvent | null,
  heartbeat: AwEvent,
  pulsetimeMs: number,
  /** The canonical data of each, when the caller keeps them (canonicalJson): spares computing them again. */
  keys?: { last: string; heartbeat: string },
): { merged: boolean; event: AwEvent } {
  if (last === null) return { merged: false, event: heartbeat };
  if (keys === undefined ? !sameData(last, heartbeat) : keys.last !== keys.heartbeat) return { merged: false, event: heartbeat };
  if (heartbeat.startMs < last.startMs || heartbeat.startMs > last.endMs + pulsetimeMs) return { merged: false, event: heartbeat };
  return { merged: true, event: { ...last, endMs: Math.max(last.endMs, heartbeat.endMs) } };
}

export function sameData(a: Pick<AwEvent, 'data'>, b: Pick<AwEvent, 'data'>): boolean {
  return canonicalJson(a.data) === canonicalJson(b.data);
}
