// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../transport/http-transport';
import { FakeTransport } from '../testing/fake-transport';
import { createSeededWorld } from '../testing/seed-world';
import { chooseTransport } from './choose-transport';

afterEach(() => {
  delete window.stint;
});

describe('choosing the transport', () => {
  it('uses the Electron preload’s bridge when there is one', async () => {
    const world = createSeededWorld();
    window.stint = world.transport;
    const transport = chooseTransport(window, () => undefined);
    expect(transport).not.toBeInstanceOf(HttpTransport);
    const result = await transport.request('status.get', {});
    expect(result.ok && result.data.session?.kind).toBe('work');
    const events: string[] = [];
    const stop = transport.subscribe((e) => events.push(e.type));
    world.tick();
    stop();
    world.tick();
    expect(events).toEqual(['status']);
  });

  it('talks HTTP to the page’s own origin otherwise, signed in by the browser’s cookie', () => {
    expect(chooseTransport(window, () => undefined)).toBeInstanceOf(HttpTransport);
  });

  it('ignores a bridge that is not one', () => {
    (window as unknown as { stint: unknown }).stint = { request: 'nope' };
    expect(chooseTransport(window, () => undefined)).toBeInstanceOf(HttpTransport);
    expect(new FakeTransport()).toBeTruthy();
  });
});
