import type { Command } from 'commander';
import { UserError } from '../../../shared/user-error';
import { systemClock } from '../clock/system-clock';
import { Recorder } from '../recorder';
import { openPlatformSources } from '../sources/platform-sources';
import { acquireLock } from '../store/recorder-lock';
import { Store } from '../store/store';
import { formatEvent } from './format-event';
import { dbPathFrom, oneOf, seconds, type GlobalOptions } from './options';

interface TrackOptions extends GlobalOptions {
  poll: number;
  idleThreshold: number;
  autoSession: boolean;
  windowSource: 'x11' | 'get-windows';
}

export function registerTrack(program: Command): void {
  program
    .command('track')
    .description('record the active window, idle time and work sessions until stopped (Ctrl+C)')
    .option('--poll <seconds>', 'sampling interval', seconds(0.2, 60), 1)
    .option('--idle-threshold <seconds>', 'no input for this long counts as idle', seconds(10, 24 * 3600), 300)
    .option('--window-source <source>', 'Linux: x11 (one X connection) or get-windows (runs xprop per sample)', oneOf(['x11', 'get-windows'] as const), 'x11')
    .option('--no-auto-session', 'do not start a work session with the first activity; clock in with `stint session start`')
    .action(async (_options: TrackOptions, command: Command) => {
      const options = command.optsWithGlobals<TrackOptions>();
      await track(options);
    });
}

async function track(options: TrackOptions): Promise<void> {
  const dbPath = dbPathFrom(options);
  const store = Store.open(dbPath);
  const sources = await openPlatformSources({ windowSource: options.windowSource }).catch((error: unknown) => {
    store.close();
    throw error instanceof UserError ? error : new UserError(`Cannot read the active window: ${(error as Error).message}`);
  });
  const zone = systemClock.timeZone();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const recorder = new Recorder(
    { clock: systemClock, store, activeWindow: sources.activeWindow, idle: sources.idle, onEvent: (event) => log(formatEvent(event, zone)) },
    { pollMs: options.poll * 1000, idleThresholdMs: options.idleThreshold * 1000, autoSession: options.autoSession },
  );
  let release: () => void;
  try {
    release = acquireLock(dbPath, { pid: process.pid, runId: recorder.runId });
  } catch (error) {
    await sources.close();
    store.close();
    throw error;
  }
  // Signal handlers go in before the first line is printed: whoever reads the log may signal at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      void recorder
        .stop(signal === 'SIGHUP' ? 'hangup' : 'quit')
        .finally(async () => {
          await sources.close().catch(() => undefined);
          store.close();
          release();
          resolve();
        });
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  });
  log(`Recording into ${dbPath} every ${options.poll} s (idle after ${options.idleThreshold} s). Ctrl+C stops.`);
  recorder.start();
  await stopped;
}
