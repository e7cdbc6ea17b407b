import type { ActiveWindowSource } from './active-window-source';
import { GetWindowsSource } from './get-windows-source';
import type { IdleSource } from './idle-source';
import { openX11Sources } from './x11-sources';

export interface PlatformSources {
  activeWindow: ActiveWindowSource;
  idle: IdleSource;
  /** Which adapter serves the active window. */
  kind: 'x11' | 'get-windows';
  /**
   * False when `idle` is the stand-in that always reports 0 (see openPlatformSources): callers should tell
   * the user that idle time is not detected.
   */
  idleSupported: boolean;
  close(): Promise<void>;
}

export interface PlatformSourcesOptions {
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** Default process.env; DISPLAY is read from it. */
  env?: NodeJS.ProcessEnv;
  /**
   * An idle source from outside the recorder, e.g. Electron's powerMonitor wrapped by electron/main. Used
   * instead of the platform's own when given; it is closed with the sources.
   */
  idle?: IdleSource;
  /**
   * Linux only: read the active window with get-windows (which runs xprop and xwininfo per sample) while
   * idle still comes over the X connection. For comparisons and as a fallback; x11 is the default.
   */
  windowSource?: 'x11' | 'get-windows';
}

/**
 * Idle time where plain Node cannot read it (macOS and Windows without an injected source): a stand-in that
 * always reports 0 ms, i.e. the user is never idle. Chosen over an error so that `stint track` still
 * records windows headless on those systems; `idleSupported: false` says idle detection is off. In the
 * desktop app electron/main passes powerMonitor's idle time in `options.idle` instead.
 */
export class NeverIdleSource implements IdleSource {
  async idleMs(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
}

/**
 * Opens the sources for this machine:
 * - Linux with DISPLAY set: one X connection serving both the active window (no process per sample) and
 *   idle time (MIT-SCREEN-SAVER). Under Wayland this sees the XWayland windows only.
 * - Linux without DISPLAY: rejects ("Cannot connect to the X server … is DISPLAY set and X running?").
 * - macOS, Windows and anything else: get-windows for the active window; idle from `options.idle`, else
 *   NeverIdleSource (see there).
 */
export async function openPlatformSources(options: PlatformSourcesOptions = {}): Promise<PlatformSources> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const injectedIdle = options.idle;

  if (platform === 'linux') {
    const x = await openX11Sources(env.DISPLAY ?? '');
    if (options.windowSource === 'get-windows') {
      await x.activeWindow.close();
      const activeWindow = await GetWindowsSource.create();
      const idle = injectedIdle ?? x.idle;
      return {
        activeWindow,
        idle,
        kind: 'get-windows',
        idleSupported: true,
        close: async () => {
          await Promise.all([activeWindow.close(), idle.close(), x.close()]);
        },
      };
    }
    if (injectedIdle) {
      // The X connection stays open for the active window; the X idle source is not used.
      await x.idle.close();
    }
    const idle = injectedIdle ?? x.idle;
    return {
      activeWindow: x.activeWindow,
      idle,
      kind: 'x11',
      idleSupported: true,
      close: async () => {
        await Promise.all([x.activeWindow.close(), idle.close()]);
      },
    };
  }

  const activeWindow = await GetWindowsSource.create();
  const idle = injectedIdle ?? new NeverIdleSource();
  return {
    activeWindow,
    idle,
    kind: 'get-windows',
    idleSupported: injectedIdle !== undefined,
    close: async () => {
      await Promise.all([activeWindow.close(), idle.close()]);
    },
  };
}
