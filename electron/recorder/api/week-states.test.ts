import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeekState } from '../../../shared/payroll/week-state';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { SyncStore } from '../store/sync-store';
import { enrollmentPathFor } from '../sync/enrollment-file';
import { tokenVaultFor } from '../sync/token-vault';
import { T9 } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

let dir: string;
let dbPath: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-week-states-'));
  dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const approved: WeekState = {
  weekStart: '2026-03-02',
  status: 'approved',
  locked: true,
  comment: 'ok',
  decidedBy: 'maria@example.com',
  decidedMs: T9,
  submittedMs: T9 - 1000,
};

describe('timesheet.weeks', () => {
  it('answers the same with no enrollment file (without loading sync) as through the sync handlers', async () => {
    new SyncStore(store.db).recordWeeks('2026-03-02', [approved], T9);
    const handlers = createHandlers({ store, dbPath, clock: new FakeClock(T9), recorder: null, tokenCipher: null });
    const plain = await dispatch(handlers, 'timesheet.weeks', { refresh: false });
    expect(plain.body).toEqual({ ok: true, data: { weeks: [approved], pulledMs: T9, enrolled: false, refreshError: null } });
    // An enrollment file of another device: the sync handlers read it and find this device not enrolled either.
    tokenVaultFor(dbPath).write({ server: 'https://stint.example.com', deviceId: 'another', token: 't', userEmail: 'rep@example.com', enrolledMs: T9 });
    expect(path.basename(enrollmentPathFor(dbPath))).toBe('stint.sync.json');
    const throughSync = await dispatch(createHandlers({ store, dbPath, clock: new FakeClock(T9), recorder: null, tokenCipher: null }), 'timesheet.weeks', {
      refresh: false,
    });
    expect(throughSync.body).toEqual(plain.body);
  });
});
