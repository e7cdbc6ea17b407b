import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../testing/fake-transport';
import { createSeededWorld } from '../testing/seed-world';
import { createStatusStore } from './status-store';

describe('status store', () => {
  it('loads the status and follows live status events', async () => {
    const world = createSeededWorld();
    const store = createStatusStore(world.transport);
    await store.getState().load();
    expect(store.getState().status?.session?.seconds).toBe(4 * 3600);
    const stop = store.getState().connect();
    world.tick();
    expect(store.getState().status?.session?.seconds).toBe(4 * 3600 + 1);
    expect(store.getState().connected).toBe(true);
    stop();
    world.tick();
    expect(store.getState().status?.session?.seconds).toBe(4 * 3600 + 1);
  });

  it('acts on the session, then reloads; a refusal is kept for the buttons', async () => {
    const world = createSeededWorld();
    const store = createStatusStore(world.transport);
    expect(await store.getState().act('stop')).toBe(true);
    expect(store.getState().status?.session).toBeNull();
    expect(await store.getState().act('resume')).toBe(false);
    expect(store.getState().actionError).toMatch(/No session is running/);
    expect(store.getState().busy).toBeNull();
    expect(world.transport.inputsOf('session.act')).toEqual([{ action: 'stop' }, { action: 'resume' }]);
  });

  it('keeps the error when the recorder cannot be reached, and ignores a late answer', async () => {
    const transport = new FakeTransport();
    const store = createStatusStore(transport);
    await store.getState().load();
    expect(store.getState().error).toBe('The fake transport has no handler for status.get.');

    // A load whose answer arrives after a live event must not overwrite the newer status.
    const world = createSeededWorld();
    let release: () => void = () => undefined;
    world.transport.handle('status.get', () => new Promise((resolve) => (release = () => resolve({ ...world.status(), idleSinceMs: 1 }))));
    const live = createStatusStore(world.transport);
    live.getState().connect();
    const pending = live.getState().load();
    world.tick();
    release();
    await pending;
    expect(live.getState().status?.idleSinceMs).toBeNull();
  });

  it('reloads when sessions or time change elsewhere', async () => {
    const world = createSeededWorld();
    const store = createStatusStore(world.transport);
    store.getState().connect();
    world.transport.emit({ type: 'changed', what: 'time' });
    world.transport.emit({ type: 'changed', what: 'rules' });
    expect(world.transport.countOf('status.get')).toBe(1);
  });
});
