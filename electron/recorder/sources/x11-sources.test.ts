import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithout, skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { DisplayLostError } from './source-errors';
import { X11ConnectionLostError } from './x11-connection';
import { openX11Sources, type X11Sources } from './x11-sources';

const ESC = 0x1b;
const concat = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Polls `read` until `done` holds; a short pause between a bounded number of attempts. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, attempts = 300): Promise<T> {
  let value = await read();
  for (let i = 1; i < attempts && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}

/** Polls `probe` every 20 ms until it returns a value; a generous deadline turns a hang into a failure. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('openX11Sources without a server', () => {
  it('names the display and the likely cause when nothing listens there', async () => {
    let n = 4321;
    while (existsSync(`/tmp/.X11-unix/X${n}`)) n++;
    await expect(openX11Sources(`:${n}`)).rejects.toThrow(new RegExp(`^Cannot connect to the X server at :${n} — is DISPLAY set and X running\\?`));
  });

  it('says DISPLAY is unset when there is no display at all', async () => {
    await expect(openX11Sources('')).rejects.toThrow(/Cannot connect to the X server .*DISPLAY is not set/);
  });
});

describe.skipIf(skipWithoutXvfb())('X11 sources under Xvfb + openbox', () => {
  let x: XvfbSession;
  let sources: X11Sources;

  beforeAll(async () => {
    x = await startXvfb();
    sources = await openX11Sources(x.display);
  });

  afterAll(async () => {
    await sources?.close();
    await x?.stop();
  });

  it('reads null before any window was ever active (_NET_ACTIVE_WINDOW missing)', async () => {
    expect(await x.activeWindow()).toBeNull();
    expect(await sources.activeWindow.read()).toBeNull();
  });

  it('follows the active window as it switches between two windows', async () => {
    const a = await x.openWindow({ netWmName: 'Inbox — Gmail', wmClass: ['mail', 'Mail'] });
    const b = await x.openWindow({ netWmName: 'Opportunity 42 | Salesforce', wmClass: ['crm', 'Crm'] });
    expect(await sources.activeWindow.read()).toEqual({ app: 'Crm', title: 'Opportunity 42 | Salesforce' });
    await x.activate(a);
    expect(await sources.activeWindow.read()).toEqual({ app: 'Mail', title: 'Inbox — Gmail' });
    await x.activate(b);
    expect(await sources.activeWindow.read()).toEqual({ app: 'Crm', title: 'Opportunity 42 | Salesforce' });
    await x.activate(a);
    expect(await sources.activeWindow.read()).toEqual({ app: 'Mail', title: 'Inbox — Gmail' });
    await x.destroyWindow(a);
    await x.destroyWindow(b);
  });

  it('passes titles through exactly: non-ASCII, emoji, quotes and backslashes', async () => {
    const titles = ['Café – 会议 📞', `He said "call me" — it's 'urgent'`, 'C:\\Users\\rep\\deals.xlsx \\n not a newline', 'Ünïcödé ✓ 🇫🇷 ﷽'];
    for (const title of titles) {
      const w = await x.openWindow({ netWmName: title });
      expect((await sources.activeWindow.read())?.title).toBe(title);
      await x.destroyWindow(w);
    }
  });

  it('sees a title change of the active window on the next read', async () => {
    const w = await x.openWindow({ netWmName: 'Call with ACME' });
    expect((await sources.activeWindow.read())?.title).toBe('Call with ACME');
    expect((await sources.activeWindow.read())?.title).toBe('Call with ACME');
    await x.setNetWmName(w, 'Call with ACME (on hold) ⏸');
    expect((await sources.activeWindow.read())?.title).toBe('Call with ACME (on hold) ⏸');
    await x.destroyWindow(w);
  });

  it('reads a legacy WM_NAME of type STRING as Latin-1', async () => {
    const w = await x.openWindow({ wmName: 'Résumé - naïve façade ©' });
    expect(await sources.activeWindow.read()).toEqual({ app: 'StintTest', title: 'Résumé - naïve façade ©' });
    await x.destroyWindow(w);
  });

  it('reads a legacy WM_NAME of type COMPOUND_TEXT (Latin-1, UTF-8 and GB 2312 segments)', async () => {
    const bytes = concat(
      [0x43, 0x61, 0x66, 0xe9, 0x20], // "Café " in the initial ISO 8859-1 state
      [ESC, 0x25, 0x47],
      '– 会议 📞',
      [ESC, 0x25, 0x40], // UTF-8 segment
      ' / ',
      [ESC, 0x24, 0x29, 0x41, 0xbb, 0xe1], // GB 2312 in GR: 会
      [ESC, 0x2d, 0x41],
      ' "ok" \\ ',
    );
    const w = await x.openWindow({ wmName: { type: 'COMPOUND_TEXT', bytes } });
    expect((await sources.activeWindow.read())?.title).toBe('Café – 会议 📞 / 会 "ok" \\ ');
    await x.destroyWindow(w);
  });

  it('reads WM_NAME of type UTF8_STRING, and prefers _NET_WM_NAME when both exist', async () => {
    const w1 = await x.openWindow({ wmName: { type: 'UTF8_STRING', bytes: Buffer.from('Pipeline ✓', 'utf8') } });
    expect((await sources.activeWindow.read())?.title).toBe('Pipeline ✓');
    await x.destroyWindow(w1);
    const w2 = await x.openWindow({ netWmName: 'Net name 会', wmName: 'legacy name' });
    expect((await sources.activeWindow.read())?.title).toBe('Net name 会');
    await x.destroyWindow(w2);
  });

  it('works for windows without _NET_WM_PID, without WM_CLASS, or with only the instance', async () => {
    const noPidNoClass = await x.openWindow({ netWmName: 'bare window', wmClass: null });
    expect(await sources.activeWindow.read()).toEqual({ app: '', title: 'bare window' });
    await x.destroyWindow(noPidNoClass);

    const instanceOnly = await x.openWindow({ netWmName: 'instance only', wmClass: ['dialer', ''] });
    expect(await sources.activeWindow.read()).toEqual({ app: 'dialer', title: 'instance only' });
    await x.destroyWindow(instanceOnly);

    const untitled = await x.openWindow({ wmClass: ['x', 'Untitled'] });
    expect(await sources.activeWindow.read()).toEqual({ app: 'Untitled', title: '' });
    await x.destroyWindow(untitled);
  });

  it('falls back to /proc/<_NET_WM_PID>/comm when WM_CLASS is missing', async () => {
    const comm = readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
    const w = await x.openWindow({ netWmName: 'pid only', wmClass: null, pid: process.pid });
    expect(await sources.activeWindow.read()).toEqual({ app: comm, title: 'pid only' });
    await x.destroyWindow(w);
  });

  it.skipIf(skipWithout('xterm'))('reads a real client: xterm', async () => {
    const w = await x.openXterm('rep@crm: ~/calls "today"');
    expect(await sources.activeWindow.read()).toEqual({ app: 'XTerm', title: 'rep@crm: ~/calls "today"' });
    await x.destroyWindow(w);
  });

  it('serves concurrent reads consistently', async () => {
    const w = await x.openWindow({ netWmName: 'concurrent' });
    const reads = await Promise.all(Array.from({ length: 8 }, () => sources.activeWindow.read()));
    expect(reads).toEqual(Array.from({ length: 8 }, () => ({ app: 'StintTest', title: 'concurrent' })));
    await x.destroyWindow(w);
  });

  it('returns null, not an error, for a window that is gone, and keeps working afterwards', async () => {
    const a = await x.openWindow({ netWmName: 'survivor' });
    const b = await x.openWindow({ netWmName: 'doomed' });
    expect((await sources.activeWindow.read())?.title).toBe('doomed');

    // Destroyed while active: whatever the WM does next, a read never fails.
    await x.destroyWindow(b);
    const right = await sources.activeWindow.read();
    expect(right === null || right.title === 'survivor').toBe(true);
    await x.activate(a); // and let the WM settle

    // _NET_ACTIVE_WINDOW naming a window that no longer exists (the race, made deterministic): BadWindow.
    // The ghost is never mapped, so the window manager does not react to it.
    const ghost = await x.openWindow({ netWmName: 'ghost', map: false });
    await x.destroyWindow(ghost);
    await x.setActiveWindowProperty(ghost);
    expect(await sources.activeWindow.read()).toBeNull();
    expect(await sources.activeWindow.read()).toBeNull();

    // The connection is not wedged: both sources still answer.
    expect(await sources.idle.idleMs()).toBeGreaterThanOrEqual(0);
    await x.setActiveWindowProperty(a);
    expect((await sources.activeWindow.read())?.title).toBe('survivor');
    const c = await x.openWindow({ netWmName: 'next' });
    expect((await sources.activeWindow.read())?.title).toBe('next');
    await x.destroyWindow(c);
    await x.destroyWindow(a);
  });

  it('reads null when _NET_ACTIVE_WINDOW is None', async () => {
    const w = await x.openWindow({ netWmName: 'soon none' });
    expect((await sources.activeWindow.read())?.title).toBe('soon none');
    await x.setActiveWindowProperty(0);
    expect(await sources.activeWindow.read()).toBeNull();
    await x.destroyWindow(w);
  });

  it('reads null once the last window is closed', async () => {
    const w = await x.openWindow({ netWmName: 'last one' });
    expect((await sources.activeWindow.read())?.title).toBe('last one');
    await x.destroyWindow(w);
    // Openbox leaves _NET_ACTIVE_WINDOW naming the destroyed window, or clears it: null either way.
    expect(await sources.activeWindow.read()).toBeNull();
  });

  it('reports idle time that grows without input and drops after input', async () => {
    const first = await sources.idle.idleMs();
    const grown = await pollUntil(
      () => sources.idle.idleMs(),
      (ms) => ms > first,
    );
    expect(grown).toBeGreaterThan(first);
    await x.simulateInput();
    const after = await pollUntil(
      () => sources.idle.idleMs(),
      (ms) => ms < grown,
    );
    expect(after).toBeLessThan(grown);
  });
});

describe.skipIf(skipWithoutXvfb())('X11 sources on a server without a window manager', () => {
  let x: XvfbSession;
  let sources: X11Sources;

  beforeAll(async () => {
    x = await startXvfb({ windowManager: false });
    sources = await openX11Sources(x.display);
  });

  afterAll(async () => {
    await sources?.close();
    await x?.stop();
  });

  it('reads null: there is no _NET_ACTIVE_WINDOW without an EWMH window manager', async () => {
    await x.openWindow({ netWmName: 'unmanaged' });
    expect(await sources.activeWindow.read()).toBeNull();
  });

  it('still reads idle time', async () => {
    expect(await sources.idle.idleMs()).toBeGreaterThanOrEqual(0);
  });

  it('uses this server’s own atoms even when another server was used in the same process', async () => {
    // The other server's _NET_ACTIVE_WINDOW atom id would name something else here.
    const other = await startXvfb({ windowManager: false });
    try {
      const otherSources = await openX11Sources(other.display);
      await other.conn.atom('SOMETHING_ONLY_ON_THE_OTHER_SERVER_1');
      await other.conn.atom('SOMETHING_ONLY_ON_THE_OTHER_SERVER_2');
      const w = await x.openWindow({ netWmName: 'mine' });
      await x.setActiveWindowProperty(w);
      expect(await sources.activeWindow.read()).toEqual({ app: 'StintTest', title: 'mine' });
      expect(await otherSources.activeWindow.read()).toBeNull();
      await otherSources.close();
    } finally {
      await other.stop();
    }
  });

  it('rejects reads once the server is gone instead of hanging, and closes cleanly', async () => {
    const doomed = await startXvfb({ windowManager: false });
    const s = await openX11Sources(doomed.display);
    expect(await s.idle.idleMs()).toBeGreaterThanOrEqual(0);
    await doomed.stop();
    await expect(
      pollUntil(
        () =>
          s.activeWindow.read().then(
            () => 'ok',
            (e: unknown) => e,
          ),
        (v) => v !== 'ok',
      ),
    ).resolves.toBeInstanceOf(X11ConnectionLostError);
    await expect(s.idle.idleMs()).rejects.toBeInstanceOf(X11ConnectionLostError);
    await s.close();
    await expect(s.activeWindow.read()).rejects.toThrow(/closed/);
  });

  it('reports a lost server as DisplayLostError and reconnects once a server is back on the same display', async () => {
    const first = await startXvfb({ windowManager: false });
    const s = await openX11Sources(first.display, { backoff: { firstMs: 50, maxMs: 400 } });
    let second: XvfbSession | null = null;
    try {
      expect(await s.idle.idleMs()).toBeGreaterThanOrEqual(0);
      await first.stop();
      const lost = await until('the loss to be seen', () =>
        s.idle.idleMs().then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect(lost).toBeInstanceOf(DisplayLostError);
      // Failing is not "no window": the read rejects, it does not answer null.
      await expect(s.activeWindow.read()).rejects.toBeInstanceOf(DisplayLostError);

      second = await startXvfb({ windowManager: false, display: first.display });
      const w = await second.openWindow({ netWmName: 'after the restart' });
      await second.setActiveWindowProperty(w);
      const read = await until('a read from the new server', () =>
        s.activeWindow.read().then(
          (v) => v ?? undefined,
          () => undefined,
        ),
      );
      expect(read).toEqual({ app: 'StintTest', title: 'after the restart' });
      expect(await s.idle.idleMs()).toBeGreaterThanOrEqual(0);
    } finally {
      await s.close();
      await second?.stop();
      await first.stop();
    }
  });
});
