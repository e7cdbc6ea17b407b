import type { ScreenSaverExtension, ScreenSaverInfo } from 'x11';
import type { IdleSource } from './idle-source';
import type { X11Connection } from './x11-connection';

/**
 * Milliseconds since the last keyboard or mouse input, from the MIT-SCREEN-SAVER extension's QueryInfo
 * (`ms-since-user-input`), over an existing X connection. node-x11 4.2.2 ships the extension
 * (lib/ext/screen-saver.js); one QueryInfo is one round trip and spawns nothing.
 */
export class X11IdleSource implements IdleSource {
  private readonly conn: X11Connection;
  private readonly saver: ScreenSaverExtension;
  private readonly release: () => Promise<void>;
  private closed = false;

  private constructor(conn: X11Connection, saver: ScreenSaverExtension, release: () => Promise<void>) {
    this.conn = conn;
    this.saver = saver;
    this.release = release;
  }

  /** Rejects when the server lacks MIT-SCREEN-SAVER. `release` is called by close(). */
  static async create(conn: X11Connection, release: () => Promise<void> = () => conn.close()): Promise<X11IdleSource> {
    const saver = await new Promise<ScreenSaverExtension>((resolve, reject) => {
      conn.client.require('screen-saver', (err, ext) => {
        if (err) reject(new Error(`The X server at ${conn.display} has no MIT-SCREEN-SAVER extension: ${err.message}`));
        else resolve(ext);
      });
    });
    return new X11IdleSource(conn, saver, release);
  }

  async idleMs(): Promise<number> {
    if (this.closed) throw new Error('X11IdleSource is closed');
    const info = await this.conn.request<ScreenSaverInfo>('ScreenSaverQueryInfo', (cb) => this.saver.QueryInfo(this.conn.root, cb));
    return info.idle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}
