// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app';
import { createSeededWorld } from '../testing/seed-world';
import { memoryStorage } from './storage';

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});

describe('the app shell', () => {
  it('navigates between the views from the sidebar', async () => {
    renderApp();
    await screen.findByRole('heading', { name: 'Today' });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('link', { name: 'Today' }).getAttribute('aria-current')).toBe('page');
    for (const [link, heading] of [
      ['Timeline', 'Timeline'],
      ['Activity', 'Activity'],
      ['Calls', 'Calls'],
      ['Sales', 'Sales'],
      ['Timesheet', 'Timesheet'],
      ['Settings', 'Settings'],
    ]) {
      act(() => {
        window.location.hash = within(nav).getByRole('link', { name: link }).getAttribute('href')!;
      });
      expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
      expect(within(nav).getByRole('link', { name: link }).getAttribute('aria-current')).toBe('page');
    }
  });

  it('switches the whole UI to Simplified Chinese and remembers it', async () => {
    const { storage } = renderApp({ route: 'settings' });
    fireEvent.change(await screen.findByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: '视图' });
    expect(within(nav).getByRole('link', { name: '今天' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: '工时表' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(storage.getItem('stint.language')).toBe('zh-CN');

    act(() => {
      window.location.hash = '#/today';
    });
    expect(await screen.findByRole('heading', { level: 1, name: '今天' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '下班打卡' })).toBeTruthy();
    expect(screen.getByText('工作中')).toBeTruthy();
    const totals = screen.getByLabelText('今日合计');
    expect(within(totals).getByText('工作').nextSibling?.textContent).toBe('4小时');
    expect(within(totals).getByText('空闲').nextSibling?.textContent).toBe('30分钟');
    expect(screen.getByText('2026年3月2日星期一')).toBeTruthy();
  });

  it('starts in Chinese when the browser prefers it, unless English was chosen before', async () => {
    renderApp({ languages: ['zh-TW', 'en'] });
    expect(await screen.findByRole('heading', { level: 1, name: '今天' })).toBeTruthy();
    cleanup();
    renderApp({ languages: ['zh-CN'], storage: memoryStorage({ 'stint.language': 'en' }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();
  });

  it('follows the system theme until one is chosen', async () => {
    const { storage } = renderApp({ route: 'settings' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(storage.getItem('stint.theme')).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('says when the recorder cannot be reached', async () => {
    const world = createSeededWorld();
    world.transport.handle('status.get', () => {
      throw new Error('Cannot reach the Stint recorder at http://127.0.0.1:23600. Is `stint track` running?');
    });
    renderApp({ world });
    const banner = await screen.findByText('Cannot reach the recorder.');
    expect(banner.parentElement?.textContent).toMatch(/Is `stint track` running\?/);
    // The first live status clears it.
    act(() => world.transport.emit({ type: 'status', status: world.status() }));
    expect(screen.queryByText('Cannot reach the recorder.')).toBeNull();
  });

  it('says when the recorder is not recording', async () => {
    const world = createSeededWorld();
    renderApp({ world });
    await screen.findByTestId('live-timer');
    act(() => world.transport.emit({ type: 'status', status: { ...world.status(), recorder: { running: false, pid: null, lastSeenMs: null, paused: null } } }));
    expect(screen.getByText(/The recorder is not running/)).toBeTruthy();
    expect(screen.getByText('Recorder stopped')).toBeTruthy();
  });

  it('says when recording is paused because the display was lost, in English and Chinese', async () => {
    for (const [languages, banner, state] of [
      [['en'], /Recording is paused since .*: the display was lost .*resumes by itself when the display is back/, 'Recording paused'],
      [['zh-CN'], /自 .* 起记录已暂停：显示器连接丢失/, '记录已暂停'],
    ] as const) {
      const world = createSeededWorld();
      renderApp({ world, languages });
      await screen.findByTestId('live-timer');
      const status = world.status();
      act(() =>
        world.transport.emit({
          type: 'status',
          status: { ...status, recorder: { ...status.recorder, paused: { reason: 'display-lost', sinceMs: world.clock.now() } } },
        }),
      );
      expect(screen.getByRole('status').textContent).toMatch(banner);
      expect(screen.getByText(state)).toBeTruthy();
      // Back: the banner goes.
      act(() => world.transport.emit({ type: 'status', status }));
      expect(screen.queryByText(state)).toBeNull();
      cleanup();
    }
  });

  it('unsubscribes from the transport when it unmounts', async () => {
    const { world, unmount } = renderApp();
    await screen.findByTestId('live-timer');
    expect(world.transport.subscribers).toBeGreaterThan(0);
    unmount();
    expect(world.transport.subscribers).toBe(0);
  });
});
