import { MAX_SPAN_MS } from '../recording/records';

export interface UrlSpan {
  startMs: number;
  endMs: number;
  url: string;
}
export interface Segment {
  startMs: number;
  endMs: number;
  url: string | null;
}

/**
 * Cuts a browser window's span [startMs, endMs) at the browser watcher's tab visits: each part carries the
 * url of the visit covering it (the one that began first when visits overlap), or null where no visit does.
 * The parts tile the span exactly, so the window's time is counted once whatever the tabs say. Parts are
 * then cut at the store's longest span so range reports stay exact; zero-length parts are dropped.
 */
export function segmentByVisits(startMs: number, endMs: number, visits: readonly UrlSpan[]): Segment[] {
  const parts: Segment[] = [];
  const push = (s: number, e: number, url: string | null) => {
    if (e <= s) return;
    const last = parts.at(-1);
    if (last !== undefined && last.endMs === s && last.url === url) last.endMs = e;
    else parts.push({ startMs: s, endMs: e, url });
  };
  let t = startMs;
  for (const v of [...visits].sort((a, b) => a.startMs - b.startMs)) {
    const s = Math.max(v.startMs, startMs);
    const e = Math.min(v.endMs, endMs);
    if (e <= t) continue;
    if (s > t) push(t, s, null);
    push(Math.max(s, t), e, v.url);
    t = e;
  }
  push(t, endMs, null);
  return parts.flatMap((p) => cutSegment(p));
}

function cutSegment(segment: Segment): Segment[] {
  const out: Segment[] = [];
  for (let s = segment.startMs; s < segment.endMs; s += MAX_SPAN_MS)
    out.push({ startMs: s, endMs: Math.min(segment.endMs, s + MAX_SPAN_MS), url: segment.url });
  return out;
}

/** Idle from an afk event, cut at the store's longest span. */
export function cutSpan(startMs: number, endMs: number): { startMs: number; endMs: number }[] {
  return cutSegment({ startMs, endMs, url: null }).map(({ startMs: s, endMs: e }) => ({ startMs: s, endMs: e }));
}

/**
 * Re-merges spans for an export: consecutive spans with the same key that touch (one ends where the next
 * begins) become one, which undoes the store's cutting at its longest span. `key` says what must be equal.
 */
export function* remerge<T extends { startMs: number; endMs: number }>(spans: Iterable<T>, key: (span: T) => string): Generator<T> {
  let open: T | null = null;
  let openKey = '';
  for (const span of spans) {
    const k = key(span);
    if (open !== null && k === openKey && span.startMs === open.endMs) {
      open = Object.assign({}, open, { endMs: span.endMs });
      continue;
    }
    if (open !== null) yield open;
    open = span;
    openKey = k;
  }
  if (open !== null) yield open;
}

/** Parts of [startMs, endMs) not covered by `holes` (sorted by start, each may overlap the next). */
export function subtract(startMs: number, endMs: number, holes: readonly { startMs: number; endMs: number }[]): { startMs: number; endMs: number }[] {
  const out: { startMs: number; endMs: number }[] = [];
  let t = startMs;
  for (const h of holes) {
    if (h.endMs <= t) continue;
    if (h.startMs >= endMs) break;
    if (h.startMs > t) out.push({ startMs: t, endMs: h.startMs });
    t = Math.max(t, h.endMs);
  }
  if (t < endMs) out.push({ startMs: t, endMs });
  return out;
}
