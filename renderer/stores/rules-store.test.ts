import { describe, expect, it } from 'vitest';
import { createSeededWorld } from '../testing/seed-world';
import { createRulesStore } from './rules-store';

describe('rules store', () => {
  it('lists rules with their effective rating', async () => {
    const world = createSeededWorld();
    const store = createRulesStore(world.transport);
    await store.getState().load();
    expect(store.getState().rules.map((r) => [r.id, r.rating])).toEqual([
      ['user-1', 'productive'],
      ['default-salesforce', 'productive'],
      ['default-slack', 'productive'],
      ['default-youtube', 'unproductive'],
    ]);
    expect(store.getState().loaded).toBe(true);
  });

  it('adds, rates and removes, reloading after each; refusals come back as messages', async () => {
    const world = createSeededWorld();
    const store = createRulesStore(world.transport);
    expect(await store.getState().add({ category: 'Sales > Dialer', app: 'aircall' })).toBeNull();
    expect(store.getState().lastAdded).toMatchObject({ category: 'Sales > Dialer', shadowedBy: [] });
    expect(store.getState().rules.find((r) => r.category === 'Sales > Dialer')).toMatchObject({
      category: 'Sales > Dialer',
      source: 'user',
      rating: 'productive',
    });
    expect(await store.getState().rate('Sales > Dialer', 'neutral')).toBeNull();
    expect(store.getState().rules.find((r) => r.category === 'Sales > Dialer')?.rating).toBe('neutral');
    expect(await store.getState().remove('default-youtube')).toBeNull();
    expect(store.getState().rules.find((r) => r.id === 'default-youtube')?.enabled).toBe(false);
    expect((await store.getState().add({ category: 'X', title: '(' }))?.code).toBe('rule-bad-pattern');
  });

  it('tests a window', async () => {
    const world = createSeededWorld();
    const store = createRulesStore(world.transport);
    await store.getState().test({ app: 'Slack', title: '#deals' });
    expect(store.getState().testResult).toMatchObject({ category: 'Communication > Chat', rating: 'productive', ruleId: 'default-slack' });
  });

  it('reloads when rules change elsewhere, once loaded', async () => {
    const world = createSeededWorld();
    const store = createRulesStore(world.transport);
    store.getState().connect();
    world.transport.emit({ type: 'changed', what: 'rules' });
    expect(world.transport.countOf('rules.list')).toBe(0);
    await store.getState().load();
    world.transport.emit({ type: 'changed', what: 'rules' });
    expect(world.transport.countOf('rules.list')).toBe(2);
  });
});
