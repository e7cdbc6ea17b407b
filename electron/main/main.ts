import {
  app,
  BrowserWindow,
  globalShortcut,
  ipcMain,
  Menu,
  MessageChannelMain,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  Tray,
  utilityProcess,
  type Rectangle,
} from 'electron';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ApiEvent, ApiResult } from '../../shared/api/contract';
import type { Status } from '../../shared/api/results';
import type { CallMachineState } from '../../shared/calls';
import { createEmitter } from '../recorder/api/emitter';
import { systemClock } from '../recorder/clock/system-clock';
import { connectHost } from '../recorder/host/host-client';
import { resolveDbPath } from '../recorder/store/data-path';
import { tokenKeyPathFor } from '../recorder/sync/token-vault';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, MAIN_VIEW_URL, POPOVER_VIEW_URL } from './app-protocol';
import { clockOutRuleOf, loadDesktopSettings, settingsPath } from './desktop-settings';
import { createIpcRouter, windowEventSender } from './ipc-router';
import { applyStartAtLogin, autostartFile, startedHidden } from './login-item';
import { translator, type MessageKey } from './messages';
import { LIVE_STATUS_MS } from './live-status';
import { hardenSession, hardenWebContents } from './navigation-guards';
import { createClockOutReminder, createIdlePrompt, type ShowNotification } from './notifications';
import { popoverPosition } from './popover-position';
import { powerMonitorEvents, powerMonitorIdle } from './power-monitor-sources';
import { registerCallShortcuts } from './shortcuts';
import { createStatusFeed } from './status-feed';
import { desktopTokenKey } from './token-cipher';
import { repeatEvery } from './ticker';
import { toMenuTemplate, trayMenuModel, trayTitle, trayTooltip, type TrayAction } from './tray-menu';
import { createAppWindow, POPOVER_SIZE } from './window-options';

// Wiring only: every decision below is made in a plain module beside this file, tested under plain Node.
// This process keeps the tray, the windows, the notifications and the shortcuts; the recorder, the database
// and the reports run in a utility process (dist/recorder-host.cjs) it talks to over a MessagePort, so no
// report ever blocks the tray. See docs/architecture.md.

const log = (message: string) => process.stderr.write(`${message}\n`);
// The bundle is dist/electron-main.cjs: the recorder host, the preload, the views and the icons are beside it.
const DIST = __dirname;
const PRELOAD = path.join(DIST, 'preload.cjs');
const RECORDER_HOST = path.join(DIST, 'recorder-host.cjs');
const VIEWS = path.join(DIST, 'renderer');
const WINDOW_ICON = path.join(DIST, 'icons', 'window.png');
const TRAY_ICON = path.join(DIST, 'icons', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
const QUIT_TIMEOUT_MS = 5000;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  let mainWindow: BrowserWindow | null = null;
  let popover: BrowserWindow | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  const windowInput = () => ({ preload: PRELOAD, devTools: !app.isPackaged, icon: WINDOW_ICON });

  const showMainWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    const window = createAppWindow(BrowserWindow, 'main', windowInput());
    mainWindow = window;
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(MAIN_VIEW_URL);
  };

  const togglePopover = (trayBounds: Rectangle | null) => {
    if (popover && !popover.isDestroyed() && popover.isVisible()) {
      popover.hide();
      return;
    }
    if (!popover || popover.isDestroyed()) {
      const window = createAppWindow(BrowserWindow, 'popover', windowInput());
      popover = window;
      window.on('blur', () => window.hide());
      void window.loadURL(POPOVER_VIEW_URL);
    }
    const workArea = (trayBounds ? screen.getDisplayMatching(trayBounds) : screen.getPrimaryDisplay()).workArea;
    const { x, y } = popoverPosition(trayBounds, POPOVER_SIZE, workArea);
    popover.setPosition(x, y);
    popover.show();
    popover.focus();
  };

  app.on('second-instance', () => void app.whenReady().then(showMainWindow));
  app.on('activate', () => showMainWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // Closing every window leaves Stint recording in the tray; Quit in the tray menu ends it.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (!cleanup) return;
    event.preventDefault();
    const done = cleanup;
    cleanup = null;
    void done().finally(() => app.quit());
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: VIEWS, files: { readFile, realpath, stat } }));

      const locale = app.getLocale();
      const t = translator(locale);
      const dbPath = resolveDbPath(undefined);
      const { settings, problem } = await loadDesktopSettings(settingsPath(dbPath), { readFile, writeFile, rename, mkdir });
      if (problem) log(`stint: ${problem}`);

      // The sync token is sealed with a key the system keyring guards, handed to the recorder host (token-cipher.ts).
      let tokenKey: Buffer | null = null;
      try {
        const sealed = desktopTokenKey(tokenKeyPathFor(dbPath), safeStorage, process.platform);
        tokenKey = sealed.key;
        if (sealed.note) log(`stint: ${sealed.note}`);
      } catch (error) {
        log(`stint: the sync token key could not be kept (${(error as Error).message}): the token is kept in a file only your account can read (0600).`);
      }
      // The recorder host: its first message carries the port the API and idle time travel over.
      const child = utilityProcess.fork(RECORDER_HOST, [], { serviceName: 'Stint recorder', stdio: 'inherit' });
      const { port1, port2 } = new MessageChannelMain();
      child.postMessage({ type: 'init', dbPath, ...(tokenKey ? { tokenKey: tokenKey.toString('base64') } : {}) }, [port2]);
      const host = connectHost(port1, { idle: powerMonitorIdle(powerMonitor), power: powerMonitorEvents(powerMonitor), log });
      let hostExited = false;
      let onHostExit: (reason: string) => void = (reason) => log(`stint: the recorder host ended: ${reason}`);
      child.on('exit', (code) => {
        hostExited = true;
        const reason = `its process ended with code ${code}`;
        host.close(reason);
        onHostExit(reason);
      });
      host.onShutdown(() => app.quit());
      const stopHost = async (reason: string) => {
        await host.stop(reason);
        if (!hostExited) child.kill();
      };
      // Quitting while the rest starts up still stops and flushes the recorder.
      cleanup = () => stopHost('quit');
      const { notRecording } = await host.ready;

      const hub = createEmitter<ApiEvent>((error) => log(`stint: event listener failed: ${String(error)}`));
      const router = createIpcRouter({ ipcMain, request: host.request, log });
      const offWindows = hub.subscribe(windowEventSender(() => BrowserWindow.getAllWindows()));
      const offHost = host.subscribe((event) => hub.emit(event));

      // The tray and what it shows: the last status read (moved on by the clock between reads) and the call.
      const tray = new Tray(nativeImage.createFromPath(TRAY_ICON));
      let menuKey = '';
      let menu: Menu | null = null;

      const keep = new Set<Notification>();
      const show: ShowNotification = (spec, on) => {
        if (!Notification.isSupported()) return { close: () => undefined };
        const notification = new Notification({
          title: spec.title,
          body: spec.body,
          actions: spec.actions.map((text) => ({ type: 'button' as const, text })),
          timeoutType: spec.actions.length > 0 ? 'never' : 'default',
        });
        keep.add(notification);
        notification.on('action', (_event, index) => on.action(index));
        notification.on('click', () => on.click());
        notification.on('close', () => keep.delete(notification));
        notification.show();
        return { close: () => notification.close() };
      };
      const notify = (key: MessageKey, body: string) => show({ title: t(key), body, actions: [] }, { action: () => undefined, click: showMainWindow });
      const report = (result: ApiResult<unknown>) => {
        if (!result.ok) notify('error.title', result.error);
        feed.markDirty();
        feed.tick();
      };

      const idlePrompt = createIdlePrompt({ show, request: router.call, openWindow: showMainWindow, t, log, clock: systemClock });
      const clockOut = createClockOutReminder({
        show,
        request: router.call,
        openWindow: showMainWindow,
        t,
        log,
        now: systemClock.now,
        rule: () => clockOutRuleOf(settings),
        locale,
      });
      const offRecorder = host.subscribe((apiEvent) => {
        if (apiEvent.type !== 'recorder') return;
        const event = apiEvent.event;
        if (event.type !== 'focus') feed.markDirty();
        if (settings.idlePrompt) idlePrompt.onRecorderEvent(event);
      });
      const offApi = hub.subscribe((event) => {
        idlePrompt.onApiEvent(event);
        if (event.type === 'changed') {
          feed.markDirty();
          feed.tick();
        }
      });

      const shortcuts = registerCallShortcuts(
        globalShortcut,
        settings.shortcuts,
        (action) => void router.call('calls.act', action === 'call-start' ? { action: 'start', direction: 'out' } : { action: 'end' }).then(report),
      );
      for (const failure of shortcuts.failed) {
        const reason = t(failure.reason === 'taken' ? 'shortcut.taken' : failure.reason === 'duplicate' ? 'shortcut.duplicate' : 'shortcut.invalid');
        notify('error.title', t('shortcut.failed', { accelerator: failure.accelerator, reason }));
      }
      const accelerators = Object.fromEntries(shortcuts.registered.map((s) => [s.action === 'call-start' ? 'callStart' : 'callEnd', s.accelerator]));

      const onTrayAction = (action: TrayAction) => {
        if (action.kind === 'session') void router.call('session.act', { action: action.action }).then(report);
        else if (action.kind === 'call')
          void router.call('calls.act', { action: action.action, ...(action.direction ? { direction: action.direction } : {}) }).then(report);
        else if (action.kind === 'open-window') showMainWindow();
        else app.quit();
      };
      const renderTray = (status: Status | null, calls: CallMachineState, now: number) => {
        tray.setToolTip(trayTooltip(status, calls, t, now));
        if (process.platform === 'darwin') tray.setTitle(trayTitle(status, t));
        const model = trayMenuModel(status, calls, t, accelerators);
        const key = JSON.stringify(model);
        if (key !== menuKey) {
          menuKey = key;
          menu = Menu.buildFromTemplate(toMenuTemplate(model, onTrayAction));
          // macOS: a click opens the popover and a right-click the menu; elsewhere the menu is the tray's own.
          if (process.platform !== 'darwin') tray.setContextMenu(menu);
        }
      };
      tray.on('click', (_event, bounds) => togglePopover(bounds.width > 0 ? bounds : null));
      tray.on('right-click', () => {
        if (process.platform === 'darwin' && menu) tray.popUpContextMenu(menu);
      });

      const viewsVisible = () => BrowserWindow.getAllWindows().some((window) => !window.isDestroyed() && window.isVisible());
      const feed = createStatusFeed({
        request: router.call,
        now: systemClock.now,
        viewsVisible,
        onStatus: (status) => {
          hub.emit({ type: 'status', status });
          clockOut.check(status);
        },
        render: renderTray,
        log,
      });
      feed.tick();
      const stopTicker = repeatEvery(systemClock, LIVE_STATUS_MS, feed.tick, (error) => log(`stint: live status failed: ${String(error)}`));

      if (app.isPackaged) {
        await applyStartAtLogin({
          enabled: settings.openAtLogin,
          platform: process.platform,
          app,
          linux: { exec: process.env.APPIMAGE ?? process.execPath, file: autostartFile(process.env, homedir()), fs: { writeFile, mkdir, rm } },
        }).catch((error: unknown) => log(`stint: could not set start at login: ${String(error)}`));
      }
      if (notRecording) notify('recorder.notRecording', notRecording);
      // The host ending on its own (a crash) stops recording: say so rather than let the tray go quiet.
      onHostExit = (reason) => {
        log(`stint: the recorder host ended: ${reason}`);
        if (cleanup !== null) notify('recorder.notRecording', reason);
      };

      cleanup = async () => {
        stopTicker();
        shortcuts.unregister();
        idlePrompt.dispose();
        clockOut.dispose();
        offApi();
        offRecorder();
        offHost();
        offWindows();
        router.close();
        tray.destroy();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            log('stint: the recorder did not stop in time; quitting anyway.');
            resolve();
          }, QUIT_TIMEOUT_MS);
        });
        await Promise.race([stopHost('quit').catch((error: unknown) => log(`stint: stopping the recorder failed: ${String(error)}`)), timeout]);
        clearTimeout(timer);
      };

      const loginItem = process.platform === 'darwin' ? app.getLoginItemSettings() : null;
      if (!startedHidden(process.argv, loginItem?.wasOpenedAtLogin ?? false)) showMainWindow();
    })
    .catch((error: unknown) => {
      log(`stint: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      app.exit(1);
    });
}
