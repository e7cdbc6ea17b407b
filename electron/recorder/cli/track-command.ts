import { Option, type Command } from 'commander';
import { DEFAULT_AW_PORT } from '../activitywatch/aw-port';
import { oneOf, port, seconds, type GlobalOptions } from './options';

/**
 * Where `stint track` serves the views and the local API unless told otherwise. Registered with nothing in
 * /etc/services, clear of the ports development tools default to (3000, 5173, 8080, …) and of ActivityWatch's
 * 5600, and below 32768, so it is outside every OS's ephemeral range (Linux 32768–60999, Windows and macOS
 * 49152–65535): an outgoing connection never holds it by chance.
 */
export const DEFAULT_UI_PORT = 23600;

export interface TrackOptions extends GlobalOptions {
  poll: number;
  idleThreshold: number;
  autoSession: boolean;
  windowSource: 'x11' | 'get-windows';
  port: number;
  ui: boolean;
  awPort?: number;
}

export function registerTrack(program: Command): void {
  program
    .command('track')
    .description('record the active window, idle time and work sessions until stopped (Ctrl+C); serves the views on 127.0.0.1')
    .option('--poll <seconds>', 'sampling interval', seconds(0.2, 60), 1)
    .option('--idle-threshold <seconds>', 'no input for this long counts as idle', seconds(10, 24 * 3600), 300)
    .option('--window-source <source>', 'Linux: x11 (one X connection) or get-windows (runs xprop per sample)', oneOf(['x11', 'get-windows'] as const), 'x11')
    .option('--no-auto-session', 'do not start a work session with the first activity; clock in with `stint session start`')
    .option('--port <n>', 'port for the views and the local API on 127.0.0.1 (0: any free port)', port, DEFAULT_UI_PORT)
    .option('--no-ui', 'do not serve the views and the local API')
    .addOption(
      new Option(
        '--aw-port [n]',
        `also serve ActivityWatch's API on 127.0.0.1 (default port ${DEFAULT_AW_PORT}), so its watchers and browser extension feed Stint`,
      )
        .preset(String(DEFAULT_AW_PORT))
        .argParser(port),
    )
    .action(async (_options: TrackOptions, command: Command) => {
      const options = command.optsWithGlobals<TrackOptions>();
      // The recorder, its sources and the server load only when recording starts (cli/track-run.ts).
      const { track } = await import('./track-run');
      await track(options);
    });
}
