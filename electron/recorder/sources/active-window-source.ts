/** What the focused window shows: the heartbeat payload. */
export interface WindowInfo {
  /** Application name, e.g. "firefox" or "XTerm"; "" when the window names none. */
  app: string;
  /** Window title as the user sees it; "" when the window has none. */
  title: string;
  /** Page address for browsers that expose it (macOS, Windows via get-windows). */
  url?: string;
}

/** Reads the focused window. One real adapter per platform; tests script it. */
export interface ActiveWindowSource {
  /**
   * The focused window now, or null when nothing has focus (the desktop, a lock screen). Rejects when the
   * window cannot be read, which is not "no window": a DisplayLostError (./source-errors) when the display
   * is gone, any other error when the source failed.
   */
  read(): Promise<WindowInfo | null>;
  close(): Promise<void>;
}
