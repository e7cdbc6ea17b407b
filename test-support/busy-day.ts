import { randomUUID } from 'node:crypto';
import type { ActivityWrite } from '../electron/recorder/store/store';
import type { Store } from '../electron/recorder/store/store';

/**
 * Writes `spans` closed activity spans of `spanMs` each, back to back from `startMs`, over a few hundred
 * distinct windows: a day heavy enough that one report over it takes a while (the load tests and bench).
 */
export function seedBusyDay(store: Store, startMs: number, spans: number, spanMs = 200): void {
  const runId = `busy-${randomUUID()}`;
  store.startRun(runId, 1, startMs);
  const batch = 10_000;
  for (let first = 0; first < spans; first += batch) {
    const activity: ActivityWrite[] = [];
    for (let i = first; i < Math.min(spans, first + batch); i++) {
      activity.push({
        uuid: randomUUID(),
        startMs: startMs + i * spanMs,
        endMs: startMs + (i + 1) * spanMs,
        timeZone: 'UTC',
        utcOffsetMin: 0,
        app: ['Google-chrome', 'Slack', 'Thunderbird', 'Code'][i % 4]!,
        title: `Opportunity ${i % 397} | Salesforce`,
        open: false,
      });
    }
    store.flush({ runId, lastSeenMs: startMs + Math.min(spans, first + batch) * spanMs, activity, idle: [], sessions: [] });
  }
  store.endRun(runId, startMs + spans * spanMs, 'quit');
}
