// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../stores/request';
import { renderApp } from '../../testing/render-app';
import { IDLE_UUID, createSeededWorld } from '../../testing/seed-world';

afterEach(() => cleanup());

describe('the reason Stint writes for an idle answer', () => {
  it('is worded in Chinese in the zh-CN timesheet', async () => {
    const world = createSeededWorld();
    await call(world.transport, 'idle.resolve', { idleUuid: IDLE_UUID, choice: 'break' });
    renderApp({ world, route: 'timesheet', languages: ['zh-CN'] });
    expect(await screen.findByText('“空闲时间是休息”')).toBeTruthy();
    expect(screen.queryByText('“idle time was a break”')).toBeNull();
  });
});
