import type { ActiveWindowSource } from './active-window-source';
import type { IdleSource } from './idle-source';
import { X11ActiveWindowSource } from './x11-active-window-source';
import { X11Connection, type OpenX11ConnectionOptions } from './x11-connection';
import { X11IdleSource } from './x11-idle-source';

export interface X11Sources {
  activeWindow: ActiveWindowSource;
  idle: IdleSource;
  /** The display actually connected to, e.g. ":0". */
  display: string;
  /** Closes both sources and the connection (idempotent). */
  close(): Promise<void>;
}

/**
 * Opens ONE X connection and serves both the active window and the idle time from it. Closing either
 * source alone keeps the connection for the other; the connection closes with the last one, or with close().
 *
 * Rejects with "Cannot connect to the X server at :99 — is DISPLAY set and X running? (…)" when DISPLAY is
 * unset or the server cannot be reached, and with a clear message when it lacks MIT-SCREEN-SAVER.
 */
export async function openX11Sources(display?: string, options: Omit<OpenX11ConnectionOptions, 'display'> = {}): Promise<X11Sources> {
  const conn = await X11Connection.open({ ...options, display: display ?? process.env.DISPLAY });
  let users = 2;
  const release = async (): Promise<void> => {
    users -= 1;
    if (users === 0) await conn.close();
  };
  try {
    const [activeWindow, idle] = await Promise.all([X11ActiveWindowSource.create(conn, release), X11IdleSource.create(conn, release)]);
    return {
      activeWindow,
      idle,
      display: conn.display,
      close: async () => {
        await Promise.all([activeWindow.close(), idle.close()]);
      },
    };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
