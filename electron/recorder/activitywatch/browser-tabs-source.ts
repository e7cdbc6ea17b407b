import { isBrowserApp } from '../../../shared/activitywatch/aw-buckets';
import type { Clock } from '../clock/clock';
import type { ActiveWindowSource, WindowInfo } from '../sources/active-window-source';

/** Where the browser watcher's current tab comes from: the heartbeat buffer of the ActivityWatch API. */
export interface CurrentTab {
  currentTab(atMs: number, withinMs: number): string | null;
}

/**
 * The active window with the browser's tab: when a browser has focus and the window source gives no url
 * (X11 shows only the title), the url of the tab the ActivityWatch browser watcher reported last, if it
 * reported within `withinMs`. Sites in the Activity view then come from the browser watcher; the time is
 * still the window's, counted once.
 */
export function withBrowserTabs(source: ActiveWindowSource, tabs: CurrentTab, clock: Clock, withinMs: number): ActiveWindowSource {
  return {
    async read(): Promise<WindowInfo | null> {
      const window = await source.read();
      if (window === null || window.url !== undefined || !isBrowserApp(window.app)) return window;
      const url = tabs.currentTab(clock.now(), withinMs);
      return url === null ? window : { ...window, url };
    },
    close: () => source.close(),
  };
}
