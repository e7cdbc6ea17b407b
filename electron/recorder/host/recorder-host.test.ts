import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { FakeClock } from '../clock/fake-clock';
import { ScriptedPowerEvents } from '../testing/recorder-harness';
import { ScriptedWindowSource } from '../testing/scripted-sources';
import type { IdleSource } from '../sources/idle-source';
import type { PlatformSources, PlatformSourcesOptions } from '../sources/platform-sources';
import { lockPath } from '../store/recorder-lock';
import { Store } from '../store/store';
import { startRecorderHost, type RecorderHost } from './recorder-host';

const START = Date.UTC(2026, 2, 2, 9, 0, 0);

/** powerMonitor's idle time as the host gets it: seconds since input, set by the test. */
class StandInIdle implements IdleSource {
  seconds = 0;
  closed = false;
  async idleMs(): Promise<number> {
    return this.seconds * 1000;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

describe('the recorder host', () => {
  let dir: string;
  let dbPath: string;
  let clock: FakeClock;
  let power: ScriptedPowerEvents;
  let idle: StandInIdle;
  let windows: ScriptedWindowSource;
  let opened: PlatformSourcesOptions[];
  let sourcesClosed: number;
  let hosts: RecorderHost[];

  const openSources = async (options: PlatformSourcesOptions): Promise<PlatformSources> => {
    opened.push(options);
    return {
      activeWindow: windows,
      idle: options.idle!,
      kind: 'x11',
      idleSupported: true,
      close: async () => {
        sourcesClosed++;
        await options.idle!.close();
      },
    };
  };

  const start = async (extra: { onShutdown?: () => void; openSources?: typeof openSources } = {}) => {
    const host = await startRecorderHost({ dbPath, clock, idle, power, openSources, ...extra });
    hosts.push(host);
    return host;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-host-'));
    dbPath = path.join(dir, 'stint.db');
    clock = new FakeClock(START, 'UTC');
    power = new ScriptedPowerEvents();
    idle = new StandInIdle();
    windows = new ScriptedWindowSource();
    opened = [];
    sourcesClosed = 0;
    hosts = [];
  });
  afterEach(async () => {
    for (const host of hosts) await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records with Electron’s idle time plugged into the platform sources, under the database’s recorder lock', async () => {
    const host = await start();
    expect(opened).toEqual([{ idle }]);
    expect(host.recorder).not.toBeNull();
    expect(host.notRecording).toBeNull();
    expect(existsSync(lockPath(dbPath))).toBe(true);

    const events: RecorderEvent[] = [];
    host.subscribe((event) => events.push(event));
    windows.set({ app: 'Google-chrome', title: 'Pipeline - Salesforce' });
    await clock.advance(3000);
    // The session opens first: windows are recorded only inside it.
    expect(events.map((e) => e.type)).toEqual(['session-open', 'focus']);

    const status = await host.handlers['status.get']({});
    expect(status.recorder).toMatchObject({ running: true, pid: process.pid });
    expect(status.session).toMatchObject({ kind: 'work' });
    expect(status.window).toMatchObject({ app: 'Google-chrome', current: true });

    // Idle comes from the injected source: 10 minutes without input.
    idle.seconds = 600;
    await clock.advance(1000);
    expect(events.at(-1)).toMatchObject({ type: 'idle-start' });
  });

  it('passes suspend and lock to the recorder, which closes the session and reopens it on resume', async () => {
    const host = await start();
    const events: RecorderEvent[] = [];
    host.subscribe((event) => events.push(event));
    windows.set({ app: 'Slack', title: '#sales' });
    await clock.advance(2000);
    power.emit('lock');
    expect(events.slice(-2)).toMatchObject([
      { type: 'session-close', reason: 'lock' },
      { type: 'paused', reason: 'lock' },
    ]);
    clock.suspend(60_000);
    const before = events.length;
    power.emit('unlock');
    await clock.advance(2000);
    const after = events.slice(before);
    expect(after[0]).toMatchObject({ type: 'gap', reason: 'lock' });
    expect(after).toContainEqual(expect.objectContaining({ type: 'session-open', reason: 'resume-after-gap' }));
  });

  it('stops and flushes the recorder once on a system shutdown, then closes everything and says so', async () => {
    const shutdowns: number[] = [];
    const host = await start({ onShutdown: () => shutdowns.push(clock.now()) });
    const events: RecorderEvent[] = [];
    host.subscribe((event) => events.push(event));
    windows.set({ app: 'Google-chrome', title: 'CRM' });
    await clock.advance(5000);
    power.emit('shutdown');
    await clock.advance(0);
    await host.stop();
    expect(events.filter((e) => e.type === 'stopped')).toEqual([{ type: 'stopped', atMs: expect.any(Number), reason: 'shutdown' }]);
    expect(shutdowns).toHaveLength(1);
    expect(existsSync(lockPath(dbPath))).toBe(false);
    expect(host.store.db.open).toBe(false);
    expect(sourcesClosed).toBe(1);
    expect(idle.closed).toBe(true);

    const after = Store.open(dbPath);
    try {
      const session = after.db.prepare('SELECT open, end_reason FROM sessions').get();
      expect(session).toEqual({ open: 0, end_reason: 'shutdown' });
      expect(after.db.prepare('SELECT end_reason FROM runs').pluck().get()).toBe('shutdown');
    } finally {
      after.close();
    }
  });

  it('stops gracefully on quit: every open record is closed and saved; stopping twice is harmless', async () => {
    const host = await start();
    windows.set({ app: 'Slack', title: '#sales' });
    await clock.advance(4000);
    await Promise.all([host.stop('quit'), host.stop('quit')]);
    const after = Store.open(dbPath);
    try {
      expect(after.db.prepare('SELECT count(*) FROM sessions WHERE open = 1').pluck().get()).toBe(0);
      expect(after.db.prepare('SELECT count(*) FROM activity WHERE open = 1').pluck().get()).toBe(0);
      expect(after.db.prepare('SELECT end_reason FROM sessions').pluck().get()).toBe('quit');
    } finally {
      after.close();
    }
  });

  it('runs without recording when `stint track` already records into the same database, and says why', async () => {
    const first = await start();
    const second = await start();
    expect(first.recorder).not.toBeNull();
    expect(second.recorder).toBeNull();
    expect(second.notRecording).toMatch(/already tracking into/);
    // The second one's sources were closed again; it still answers from the shared database.
    expect(sourcesClosed).toBe(1);
    expect((await second.handlers['status.get']({})).recorder.running).toBe(true);
    await second.stop();
    expect(existsSync(lockPath(dbPath))).toBe(true);
  });

  it('runs without recording when the active window cannot be read', async () => {
    const host = await start({
      openSources: async () => {
        throw new Error('Cannot connect to the X server at ":0"');
      },
    });
    expect(host.recorder).toBeNull();
    expect(host.notRecording).toBe('cannot read the active window (Cannot connect to the X server at ":0")');
    expect(existsSync(lockPath(dbPath))).toBe(false);
    expect((await host.handlers['session.act']({ action: 'start' })).state).toBe('working');
  });
});
