/**
 * A rep's backlog written straight into a device database, as the recorder and the CLI would have written
 * it: closed work sessions and breaks, idle stretches, window activity, manual time, an edit and a removal,
 * day after day. Deterministic for a seed; `hour` offsets let two devices of one rep work at different times.
 */
import { randomUUID } from 'node:crypto';
import { CorrectionsStore } from '../../electron/recorder/store/corrections-store';
import type { ActivityWrite, IdleWrite, SessionWrite } from '../../electron/recorder/store/store';
import { Store } from '../../electron/recorder/store/store';

const H = 3600_000;
const M = 60_000;
const DAY = 24 * H;

export interface BacklogOptions {
  /** Midnight UTC of the first day. */
  firstDayMs: number;
  days: number;
  /** Activity spans per work hour (a dense rep switches windows often). */
  spansPerHour: number;
  /** The hour (UTC) the working day starts. */
  startHour: number;
  /** Mulberry32 seed. */
  seed: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  { app: 'Google-chrome', title: 'Pipeline | Salesforce' },
  { app: 'Slack', title: 'deals channel' },
  { app: 'zoom', title: 'Zoom Meeting' },
  { app: 'Outlook', title: 'Inbox - Re: proposal for ACME' },
  { app: 'Google-chrome', title: 'LinkedIn Sales Navigator' },
];

/** Writes the backlog; returns how many records it closed (each one queued in the outbox). */
export function seedBacklog(dbPath: string, o: BacklogOptions): number {
  const store = Store.open(dbPath);
  const random = mulberry32(o.seed);
  const corrections = new CorrectionsStore(store.db, store.deviceId);
  let records = 0;
  try {
    const runId = randomUUID();
    store.startRun(runId, 1, o.firstDayMs);
    for (let d = 0; d < o.days; d++) {
      const day = o.firstDayMs + d * DAY;
      const base = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
      // Morning work, a break, afternoon work; lengths vary by the second.
      const start = day + o.startHour * H + Math.floor(random() * 20 * M);
      const morningEnd = start + 3 * H + Math.floor(random() * 3600) * 1000;
      const breakEnd = morningEnd + 30 * M + Math.floor(random() * 600) * 1000;
      const end = breakEnd + 3 * H + Math.floor(random() * 3600) * 1000;
      const sessions: SessionWrite[] = [
        { ...base, uuid: randomUUID(), kind: 'work', startMs: start, endMs: morningEnd, startReason: 'manual', endReason: 'break' },
        { ...base, uuid: randomUUID(), kind: 'break', startMs: morningEnd, endMs: breakEnd, startReason: 'break', endReason: 'resume' },
        { ...base, uuid: randomUUID(), kind: 'work', startMs: breakEnd, endMs: end, startReason: 'resume', endReason: 'manual' },
      ];
      const idle: IdleWrite[] = [{ ...base, uuid: randomUUID(), startMs: start + H, endMs: start + H + 7 * M + Math.floor(random() * 300) * 1000 }];
      const activity: ActivityWrite[] = [];
      const spans = Math.round(((end - start) / H) * o.spansPerHour);
      const step = Math.floor((end - start) / spans);
      for (let i = 0; i < spans; i++) {
        const w = APPS[Math.floor(random() * APPS.length)]!;
        activity.push({ ...base, uuid: randomUUID(), startMs: start + i * step, endMs: start + (i + 1) * step, app: w.app, title: `${w.title} #${i % 7}` });
      }
      store.flush({ runId, lastSeenMs: end, activity, idle, sessions });
      records += sessions.length + idle.length + activity.length;
      // Manual time after hours, and on some days an edit of the afternoon session or a removal of the manual time.
      const manual = corrections.add(
        { kind: 'work', startMs: end + H, endMs: end + H + 20 * M, timeZone: 'UTC', replaces: null, reason: 'call from home' },
        end + 2 * H,
      );
      records += 1;
      if (d % 3 === 0) {
        corrections.edit(sessions[2]!.uuid, { endMs: end - 15 * M }, 'left early', end + 2 * H);
        records += 1;
      }
      if (d % 5 === 0) {
        corrections.remove(manual, 'not work after all', end + 3 * H);
        records += 1;
      }
    }
    store.endRun(runId, o.firstDayMs + o.days * DAY, 'quit');
  } finally {
    store.close();
  }
  return records;
}
