import { app, BrowserWindow, powerMonitor } from 'electron';
import { systemClock } from '../recorder/clock/system-clock';
import { Recorder } from '../recorder/recorder';
import { openPlatformSources } from '../recorder/sources/platform-sources';
import { resolveDbPath } from '../recorder/store/data-path';
import { acquireLock } from '../recorder/store/recorder-lock';
import { Store } from '../recorder/store/store';
import { powerMonitorEvents, powerMonitorIdle } from './power-monitor-sources';

// Wiring only: the recorder and its sources live in electron/recorder and are tested under plain Node.
// The tray, the views and the IPC router arrive with the Electron and views issues.

if (!app.requestSingleInstanceLock()) app.quit();

let shutdown: (() => Promise<void>) | null = null;

async function startRecorder(): Promise<void> {
  const dbPath = resolveDbPath(undefined);
  const store = Store.open(dbPath);
  const sources = await openPlatformSources({ idle: powerMonitorIdle(powerMonitor) });
  const recorder = new Recorder({ clock: systemClock, store, activeWindow: sources.activeWindow, idle: sources.idle, power: powerMonitorEvents(powerMonitor) });
  const release = acquireLock(dbPath, { pid: process.pid, runId: recorder.runId });
  recorder.start();
  shutdown = async () => {
    await recorder.stop('quit');
    await sources.close();
    store.close();
    release();
  };
}

function openWindow(): void {
  const window = new BrowserWindow({
    width: 420,
    height: 240,
    title: 'Stint',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  const page = '<!doctype html><meta charset="utf-8"><title>Stint</title><body style="font:14px system-ui;margin:24px">Stint is recording. Run <code>stint status</code> for today’s totals.</body>';
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page)}`);
}

app.whenReady().then(async () => {
  await startRecorder();
  openWindow();
});

app.on('before-quit', (event) => {
  if (!shutdown) return;
  event.preventDefault();
  const done = shutdown;
  shutdown = null;
  void done().finally(() => app.quit());
});
