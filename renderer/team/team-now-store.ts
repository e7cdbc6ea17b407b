/**
 * Team now's data: the rows from /api/team/now, kept live by the server's event stream. A `status` event
 * replaces only the rows whose status changed (so React re-renders only those); a `records` event (a rep's
 * device pushed) refetches the figures, at most once per REFETCH_MIN_MS. The server's clock is tracked so
 * "online" and call durations do not depend on this computer's clock.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { RECORDS_EVENT_SCHEMA, STATUS_EVENT_SCHEMA, TEAM_NOW_SCHEMA, type TeamNowRow } from '../../shared/team/team-api';
import type { TeamClient } from './team-client';
import type { Show, SortDir, SortKey } from './team-now-rows';

export const REFETCH_MIN_MS = 5_000;

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface TeamNowState {
  rows: TeamNowRow[] | null;
  error: string | null;
  connection: 'connecting' | 'live' | 'reconnecting';
  /** Server time − this computer's time, ms. */
  offsetMs: number;
  updatedMs: number | null;
  text: string;
  show: Show;
  sort: SortKey;
  dir: SortDir;
  load(): Promise<void>;
  /** Opens the event stream; returns the close. */
  connect(): () => void;
  setText(text: string): void;
  setShow(show: Show): void;
  /** Sorts by key; the same key again flips the direction. */
  sortBy(key: SortKey): void;
}

export type TeamNowStore = StoreApi<TeamNowState>;

export interface TeamNowEnv {
  client: TeamClient;
  openEvents(url: string): EventSourceLike;
  now(): number;
  /** For the performance figures of the e2e test: marks when an update arrives. */
  mark?(name: string): void;
}

export function createTeamNowStore(env: TeamNowEnv): TeamNowStore {
  let lastFetchMs = -Infinity;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const store = createStore<TeamNowState>()((set, get) => ({
    rows: null,
    error: null,
    connection: 'connecting',
    offsetMs: 0,
    updatedMs: null,
    text: '',
    show: 'all',
    sort: 'state',
    dir: 'asc',
    async load() {
      lastFetchMs = env.now();
      try {
        const now = await env.client.get('/api/team/now', TEAM_NOW_SCHEMA);
        env.mark?.('team-now:update');
        set({ rows: now.rows, error: null, offsetMs: now.nowMs - env.now(), updatedMs: now.nowMs });
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
      }
    },
    connect() {
      const source = env.openEvents('/api/team/events');
      const refetchSoon = () => {
        if (pending) return;
        const wait = Math.max(0, lastFetchMs + REFETCH_MIN_MS - env.now());
        pending = setTimeout(() => {
          pending = null;
          void get().load();
        }, wait);
      };
      source.onopen = () => {
        // After a reconnect, what changed meanwhile was missed: read it all again.
        if (get().connection === 'reconnecting') refetchSoon();
        set({ connection: 'live' });
      };
      source.onerror = () => set({ connection: 'reconnecting' });
      source.addEventListener('status', (event) => {
        const parsed = STATUS_EVENT_SCHEMA.safeParse(JSON.parse(event.data));
        const rows = get().rows;
        if (!parsed.success || !rows) return;
        env.mark?.('team-now:update');
        const byUser = new Map(parsed.data.statuses.map((s) => [s.userId, s]));
        let unknown = false;
        const known = new Set(rows.map((r) => r.userId));
        for (const id of byUser.keys()) if (!known.has(id)) unknown = true;
        const next = rows.map((r) => {
          const s = byUser.get(r.userId);
          if (!s || (r.status && r.status.receivedMs > s.receivedMs)) return r;
          return { ...r, status: { deviceId: s.deviceId, receivedMs: s.receivedMs, status: s.status } };
        });
        set({ rows: next, offsetMs: parsed.data.nowMs - env.now(), updatedMs: parsed.data.nowMs });
        if (unknown) refetchSoon();
      });
      source.addEventListener('records', (event) => {
        if (RECORDS_EVENT_SCHEMA.safeParse(JSON.parse(event.data)).success) refetchSoon();
      });
      source.addEventListener('tick', () => set({ connection: 'live' }));
      return () => {
        source.close();
        if (pending) clearTimeout(pending);
        pending = null;
      };
    },
    setText: (text) => set({ text }),
    setShow: (show) => set({ show }),
    sortBy: (key) =>
      set((s) => (s.sort === key ? { dir: s.dir === 'asc' ? 'desc' : 'asc' } : { sort: key, dir: key === 'rep' || key === 'state' ? 'asc' : 'desc' })),
  }));
  return store;
}
