import { describe, expect, it } from 'vitest';
import { createSeededWorld } from '../testing/seed-world';
import { createImportStore } from './import-store';

describe('import store', () => {
  it('previews, then imports the same file with the same options and no preview flag', async () => {
    const world = createSeededWorld();
    let written = 0;
    world.transport.handle('import.calls', (input) => {
      if (!input.preview) written += 1;
      return { imported: 2, present: 1, answered: 2, unanswered: 0, preview: input.preview ?? false };
    });
    const store = createImportStore(world.transport);
    await store.getState().choose({ name: 'log.csv', base64: 'YQ==' }, { kind: 'calls', format: 'aircall' });
    expect(store.getState().preview).toEqual({ kind: 'calls', result: { imported: 2, present: 1, answered: 2, unanswered: 0, preview: true } });
    expect(written).toBe(0);
    await store.getState().confirm();
    expect(written).toBe(1);
    expect(world.transport.inputsOf('import.calls')).toEqual([
      { file: { name: 'log.csv', base64: 'YQ==' }, format: 'aircall', preview: true },
      { file: { name: 'log.csv', base64: 'YQ==' }, format: 'aircall', preview: false },
    ]);
    expect(store.getState()).toMatchObject({ pending: null, preview: null, done: { kind: 'calls' }, error: null });
  });
});
