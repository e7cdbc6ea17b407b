import type { Status } from '../../shared/api/results';
import { IDLE, type CallMachineState } from '../../shared/calls';
import { advanceStatus, shouldReadStatus } from './live-status';
import type { Requester } from './notifications';

export interface StatusFeedOptions {
  /** The API, answered by the recorder host. */
  request: Requester;
  now: () => number;
  /** Whether a window of the app is showing (the views want a fresh status every second). */
  viewsVisible: () => boolean;
  /** Each status as read: to the views (a `status` event) and the clock-out reminder. */
  onStatus: (status: Status) => void;
  /** Draws the tray: the last status moved on to `nowMs`, and the call. */
  render: (status: Status | null, calls: CallMachineState, nowMs: number) => void;
  log: (message: string) => void;
}

export interface StatusFeed {
  /** Once a second: draws the tray at once, and starts a status read when one is due and none is on its way. */
  tick(): void;
  /** Something changed (a request, a recorder event): read at the next tick. */
  markDirty(): void;
}

/**
 * What the tray shows, fed from the recorder host. The tray is drawn on every tick from the last status,
 * its timer moved on by the clock, and never waits for a read: while the host is busy (a year-long report
 * in the Reports view) the tray keeps counting, and the next read starts only once the last is answered.
 */
export function createStatusFeed(options: StatusFeedOptions): StatusFeed {
  let status: Status | null = null;
  let readAtMs: number | null = null;
  let calls: CallMachineState = IDLE;
  let dirty = true;
  let reading = false;

  const render = () => {
    const now = options.now();
    options.render(status && readAtMs !== null ? advanceStatus(status, readAtMs, now) : null, calls, now);
  };

  async function read(): Promise<void> {
    const now = options.now();
    const [read, call] = await Promise.all([options.request('status.get', {}), options.request('calls.state', {})]);
    if (read.ok) {
      status = read.data;
      readAtMs = now;
      options.onStatus(read.data);
    }
    if (call.ok) calls = call.data.state;
  }

  return {
    tick() {
      if (!reading && shouldReadStatus({ nowMs: options.now(), lastReadMs: readAtMs, viewsVisible: options.viewsVisible(), dirty })) {
        dirty = false;
        reading = true;
        read()
          .catch((error: unknown) => options.log(`stint: live status failed: ${String(error)}`))
          .finally(() => {
            reading = false;
            render();
          });
      }
      render();
    },
    markDirty() {
      dirty = true;
    },
  };
}
