import type { Options as GetWindowsOptions, Result as GetWindowsResult } from 'get-windows';
import type { ActiveWindowSource, WindowInfo } from './active-window-source';

type ActiveWindowFn = (options?: GetWindowsOptions) => Promise<GetWindowsResult | undefined>;

/** Maps a get-windows result to the heartbeat payload: owner.name → app, title, url (macOS browsers). */
export function windowInfoFromGetWindows(result: GetWindowsResult | undefined | null): WindowInfo | null {
  if (!result) return null;
  const info: WindowInfo = { app: result.owner?.name ?? '', title: result.title ?? '' };
  if (result.platform === 'macos' && typeof result.url === 'string' && result.url !== '') info.url = result.url;
  return info;
}

/**
 * The active window through the `get-windows` package (formerly `active-win`): the real adapter on macOS
 * and Windows. On Linux it runs xprop and xwininfo for every read (and needs _NET_WM_PID), so there it only
 * serves as the benchmark baseline for the X11 source. The package is imported when the source is created,
 * never at module load.
 */
export class GetWindowsSource implements ActiveWindowSource {
  private readonly activeWindow: ActiveWindowFn;
  private readonly options: Partial<GetWindowsOptions>;
  private closed = false;

  private constructor(activeWindow: ActiveWindowFn, options: Partial<GetWindowsOptions>) {
    this.activeWindow = activeWindow;
    this.options = options;
  }

  /**
   * `options` go to get-windows as they are: on macOS `accessibilityPermission: false` skips the
   * accessibility prompt (and the url), `screenRecordingPermission: false` the screen-recording prompt
   * (and the title).
   */
  static async create(options: Partial<GetWindowsOptions> = {}): Promise<GetWindowsSource> {
    const mod = await import('get-windows');
    return new GetWindowsSource(mod.activeWindow, options);
  }

  async read(): Promise<WindowInfo | null> {
    if (this.closed) throw new Error('GetWindowsSource is closed');
    // get-windows declares its options with every field required; an empty object means "its defaults".
    const result = await this.activeWindow(this.options as GetWindowsOptions);
    return windowInfoFromGetWindows(result);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
