import { describe, expect, it } from 'vitest';
import type { ImportedCall } from '../../../shared/imports';
import { CallsStore } from './calls-store';
import { importedCallUuid, uuidV5 } from './imported-uuids';
import { Store } from './store';

const T0 = Date.UTC(2026, 2, 2, 9);
const LOG: ImportedCall[] = [
  {
    system: 'five9',
    externalId: '300001',
    startMs: T0,
    answered: true,
    talkMs: 60_000,
    holdMs: 0,
    wrapMs: 30_000,
    direction: 'out',
    contact: '+1 415 555 0101',
  },
  { system: 'five9', externalId: '300002', startMs: T0 + 600_000, answered: false, talkMs: 0, holdMs: 0, wrapMs: 0, direction: 'in' },
];

const uuids = (store: Store) => store.db.prepare("SELECT uuid FROM calls WHERE source = 'import' ORDER BY external_id").pluck().all();

describe('name-based uuids', () => {
  it('are RFC 9562 version 5 uuids', () => {
    // The RFC's example: DNS namespace, "www.example.com".
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('of an imported call depend on its system and its id there only, and never change', () => {
    const uuid = importedCallUuid({ system: 'five9', externalId: '300001' });
    // Pinned (Python's uuid.uuid5 agrees): a changed namespace or name would make every imported call a new one on the server.
    expect(uuid).toBe('887a99c3-bea2-5c2a-aba1-b6585830ed60');
    expect(importedCallUuid({ system: 'aircall', externalId: '300001' })).not.toBe(uuid);
    expect(importedCallUuid({ system: 'five9', externalId: '300002' })).not.toBe(uuid);
  });
});

describe('importing a call log', () => {
  it('gives the same calls the same uuids on two devices, so the server counts them once', () => {
    const [a, b] = [Store.open(':memory:'), Store.open(':memory:')];
    expect(a.deviceId).not.toBe(b.deviceId);
    new CallsStore(a.db, a.deviceId).importCalls(LOG, 'UTC', T0);
    new CallsStore(b.db, b.deviceId).importCalls([...LOG].reverse(), 'UTC', T0 + 1000);
    expect(uuids(a)).toEqual(LOG.map(importedCallUuid));
    expect(uuids(b)).toEqual(uuids(a));
    expect(a.db.prepare("SELECT uuid FROM outbox WHERE kind = 'call' ORDER BY seq").pluck().all()).toEqual(LOG.map(importedCallUuid));
    a.close();
    b.close();
  });

  it('adds nothing twice, and keeps the random uuid of a call imported before uuids were derived', () => {
    const store = Store.open(':memory:');
    const calls = new CallsStore(store.db, store.deviceId);
    // As an import before migration 8 wrote it: a random uuid.
    store.db
      .prepare(
        `INSERT INTO calls (uuid, device_id, source, system, external_id, direction, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
         VALUES ('3b1f6c2e-0d7a-4c55-9a43-2f0c1d9e8b71', ?, 'import', 'five9', '300001', 'out', ?, ?, ?, 1, 60000, 0, 30000, 'UTC', 0, ?)`,
      )
      .run(store.deviceId, T0, T0 + 60_000, T0 + 90_000, T0);
    expect(calls.importCalls(LOG, 'UTC', T0)).toEqual({ imported: 1, present: 1 });
    expect(calls.importCalls(LOG, 'UTC', T0)).toEqual({ imported: 0, present: 2 });
    expect(uuids(store)).toEqual(['3b1f6c2e-0d7a-4c55-9a43-2f0c1d9e8b71', importedCallUuid(LOG[1]!)]);
    expect(store.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'call'").pluck().get()).toBe(2);
    store.close();
  });
});
