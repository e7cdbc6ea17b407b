import { describe, expect, it } from 'vitest';
import { IDLE_UUID, createSeededWorld } from '../testing/seed-world';
import { createIdleStore } from './idle-store';

describe('idle store', () => {
  it('loads the stretches waiting for an answer and resolves one', async () => {
    const world = createSeededWorld();
    const store = createIdleStore(world.transport);
    await store.getState().load();
    expect(store.getState().pending.map((p) => p.uuid)).toEqual([IDLE_UUID]);
    expect(await store.getState().resolve(IDLE_UUID, 'break')).toBe(true);
    expect(store.getState().pending).toEqual([]);
    expect(world.transport.inputsOf('idle.resolve')).toEqual([{ idleUuid: IDLE_UUID, choice: 'break' }]);
    expect(world.entries.some((e) => e.kind === 'break' && e.reason === 'idle time was a break')).toBe(true);
  });

  it('keeps the refusal when a stretch cannot be answered', async () => {
    const world = createSeededWorld();
    const store = createIdleStore(world.transport);
    expect(await store.getState().resolve('gone', 'work')).toBe(false);
    expect(store.getState().error).toBe('No idle stretch gone.');
    expect(store.getState().busy).toBeNull();
  });

  it('reloads when the rep comes back, by recorder event or by the live status', async () => {
    const world = createSeededWorld();
    const store = createIdleStore(world.transport);
    store.getState().connect();
    world.transport.emit({ type: 'recorder', event: { type: 'idle-end', atMs: 0, idleMs: 600_000 } });
    expect(world.transport.countOf('idle.pending')).toBe(1);
    world.transport.emit({ type: 'status', status: { ...world.status(), idleSinceMs: 5 } });
    world.transport.emit({ type: 'status', status: { ...world.status(), idleSinceMs: 5 } });
    expect(world.transport.countOf('idle.pending')).toBe(1);
    world.transport.emit({ type: 'status', status: { ...world.status(), idleSinceMs: null } });
    expect(world.transport.countOf('idle.pending')).toBe(2);
    world.transport.emit({ type: 'changed', what: 'idle' });
    expect(world.transport.countOf('idle.pending')).toBe(3);
  });
});
