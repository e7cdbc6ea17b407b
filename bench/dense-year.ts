import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { WindowData } from '../shared/recording/records';
import { utcOffsetMinutes } from '../shared/recording/zone-offset';
import { ActivityTrack } from '../electron/recorder/activity-track';
import type { IdleWrite, SessionWrite, Store } from '../electron/recorder/store/store';

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same year. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Soylent',
  'Wonka',
  'Cyberdyne',
  'Tyrell',
  'Aperture',
];
const PEOPLE = ['Ana Silva', 'Wei Zhang', 'John Smith', 'Priya Patel', 'Lukas Müller', 'Sofia Rossi', 'Kenji Sato', 'Olivia Brown'];

/** A sales rep's window mix: weights roughly as a rep spends the day, titles drawn from a realistic pool. */
const WINDOWS: { weight: number; make: (r: () => number) => WindowData }[] = [
  {
    weight: 22,
    make: (r) => ({ app: 'Google-chrome', title: `Opportunity: ${pick(ACCOUNTS, r)} - Q${1 + Math.floor(r() * 4)} Renewal | Salesforce - Google Chrome` }),
  },
  { weight: 8, make: (r) => ({ app: 'Google-chrome', title: `${pick(PEOPLE, r)} | Contact | HubSpot - Google Chrome` }) },
  {
    weight: 16,
    make: (r) => ({
      app: 'Google-chrome',
      title: `Re: ${pick(ACCOUNTS, r)} proposal - ${pick(PEOPLE, r).split(' ')[0]!.toLowerCase()}@stint.example - Gmail - Google Chrome`,
    }),
  },
  { weight: 10, make: () => ({ app: 'zoom', title: 'Zoom Meeting' }) },
  { weight: 6, make: (r) => ({ app: 'Aircall', title: `Call with ${pick(PEOPLE, r)}` }) },
  { weight: 10, make: (r) => ({ app: 'Slack', title: `${pick(['#sales', '#deals', '#general', '#support'], r)} - Stint - Slack` }) },
  { weight: 6, make: (r) => ({ app: 'Google-chrome', title: `${pick(PEOPLE, r)} | Sales Navigator - Google Chrome` }) },
  { weight: 6, make: (r) => ({ app: 'libreoffice-calc', title: `${pick(ACCOUNTS, r)} pricing.xlsx - LibreOffice Calc` }) },
  { weight: 4, make: () => ({ app: 'Google-chrome', title: 'Calendar - Week of the quarter - Google Chrome' }) },
  {
    weight: 4,
    make: (r) => ({ app: 'Google-chrome', title: `${pick(['Funny cats', 'Lo-fi beats', 'Match highlights', 'Cooking'], r)} - YouTube - Google Chrome` }),
  },
  { weight: 3, make: (r) => ({ app: 'Google-chrome', title: `${pick(['r/sales', 'r/programming', 'r/news'], r)} - Reddit - Google Chrome` }) },
  { weight: 3, make: () => ({ app: 'org.gnome.Nautilus', title: 'Downloads' }) },
  { weight: 2, make: () => ({ app: '', title: '' }) },
];
const TOTAL_WEIGHT = WINDOWS.reduce((s, w) => s + w.weight, 0);

function pick<T>(list: readonly T[], r: () => number): T {
  return list[Math.floor(r() * list.length)]!;
}
function pickWindow(r: () => number): WindowData {
  let x = r() * TOTAL_WEIGHT;
  for (const w of WINDOWS) {
    x -= w.weight;
    if (x < 0) return w.make(r);
  }
  return WINDOWS[0]!.make(r);
}

export interface DenseYearOptions {
  year: number;
  timeZone: string;
  seed?: number;
  /** Only the first this many calendar days of the year (tests); the whole year when absent. */
  days?: number;
  /** Called with the fraction done, for progress output. */
  onProgress?: (done: number) => void;
}

export interface DenseYearStats {
  /** Samples taken: one a second from the start of each stretch of work to its end, both included. */
  heartbeats: number;
  /**
   * Seconds of activity they make: n samples a second apart span n − 1 seconds (a sample is an instant),
   * so this is heartbeats minus one per stretch (two stretches a workday, either side of lunch).
   */
  activitySeconds: number;
  activitySpans: number;
  idleSpans: number;
  sessions: number;
  days: number;
}

/**
 * Writes a dense year of one rep's work through the recorder's own write path: 1-second heartbeats
 * folded by ActivityTrack, flushed in batches. Weekdays 08:30–17:30 ± jitter with a lunch break,
 * idle stretches, and a window switch every 45 s on average.
 */
export function generateDenseYear(store: Store, options: DenseYearOptions): DenseYearStats {
  const r = prng(options.seed ?? 42);
  const zone = options.timeZone;
  const runId = randomUUID();
  const start = DateTime.fromObject({ year: options.year, month: 1, day: 1 }, { zone });
  store.startRun(runId, 0, start.toMillis());
  const stats: DenseYearStats = { heartbeats: 0, activitySeconds: 0, activitySpans: 0, idleSpans: 0, sessions: 0, days: 0 };
  const track = new ActivityTrack(1000);
  let idle: IdleWrite[] = [];
  let sessions: SessionWrite[] = [];
  const flush = (lastSeenMs: number) => {
    // The store never keeps a span that ends where it began; nor does the count.
    const activity = track.pending().filter((a) => !a.open && a.endMs > a.startMs);
    stats.activitySpans += activity.length;
    stats.idleSpans += idle.length;
    stats.sessions += sessions.length;
    store.flush({ runId, lastSeenMs, activity, idle, sessions });
    track.flushed();
    idle = [];
    sessions = [];
  };
  const span = (startMs: number, endMs: number) => ({
    uuid: randomUUID(),
    startMs,
    endMs,
    timeZone: zone,
    utcOffsetMin: utcOffsetMinutes(startMs, zone),
    open: false,
  });

  for (let day = start; day.year === options.year && (options.days === undefined || day.ordinal <= options.days); day = day.plus({ days: 1 })) {
    options.onProgress?.(day.ordinal / 365);
    if (day.weekday > 5 || r() < 0.04) continue; // weekends and the odd day off
    stats.days++;
    const begin = day.set({ hour: 8, minute: 30 }).toMillis() + Math.floor(r() * 40 - 20) * 60_000;
    const lunch = day.set({ hour: 12 }).toMillis() + Math.floor(r() * 60) * 60_000;
    const lunchEnd = lunch + (30 + Math.floor(r() * 30)) * 60_000;
    const end = day.set({ hour: 17, minute: 30 }).toMillis() + Math.floor(r() * 60 - 20) * 60_000;
    const idleStart = begin + Math.floor(r() * 3 * 3600) * 1000;
    const idleEnd = idleStart + (5 + Math.floor(r() * 20)) * 60_000;
    sessions.push({ ...span(begin, lunch), kind: 'work', startReason: 'first-activity', endReason: 'break' });
    sessions.push({ ...span(lunch, lunchEnd), kind: 'break', startReason: 'break', endReason: 'resume' });
    sessions.push({ ...span(lunchEnd, end), kind: 'work', startReason: 'resume', endReason: 'quit' });
    idle.push(span(idleStart, idleEnd));

    let window = pickWindow(r);
    let switchAt = begin;
    // Two stretches of work, [begin, lunch] and [lunchEnd, end], sampled at both ends as the sessions are
    // bounded: the activity of a stretch then spans exactly its session (a sample is an instant; before,
    // the morning stopped one sample short of lunch, so worked time exceeded activity by 1 s a workday).
    for (const [from, to] of [
      [begin, lunch],
      [lunchEnd, end],
    ] as const) {
      for (let t = from; t <= to; t += 1000) {
        // The closing sample keeps the window: a switch at it would be a span that ends where it begins.
        if (t >= switchAt && t < to) {
          window = pickWindow(r);
          switchAt = t + Math.ceil(-Math.log(1 - r()) * 45) * 1000;
        }
        track.push(t, window, zone);
        stats.heartbeats++;
      }
      track.close(to);
      stats.activitySeconds += (to - from) / 1000;
    }
    flush(end);
  }
  store.endRun(runId, Date.now(), 'generated');
  return stats;
}
