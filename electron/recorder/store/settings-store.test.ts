import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../../shared/sync/contract';
import { DEFAULT_WORK_SETTINGS } from '../../../shared/timesheet/work-settings';
import { SettingsStore } from './settings-store';
import { Store } from './store';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-settings-'));
  store = Store.open(join(dir, 'stint.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** As the pusher keeps the policy it pulled. */
function pulled(policy: unknown): void {
  store.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_policy', ?)").run(JSON.stringify({ version: 3, pulledMs: 1, policy }));
}

describe('SettingsStore', () => {
  it('the team policy’s work settings stand over the rep’s own; the idle policy only where the team sets it', () => {
    const settings = new SettingsStore(store.db);
    settings.set({ weekStart: 'sun', idlePromptMinutes: 5, currency: 'EUR' });
    expect(settings.team()).toEqual({});
    const policy: Policy = {
      ...DEFAULT_POLICY,
      weekStart: 'wed',
      overtimeRules: 'california',
      rounding: { minutes: 15, mode: 'up' },
      unconfirmedIdleLimitMinutes: 20,
      rules: [{ id: 'crm', category: 'Sales > CRM', app: 'salesforce' }],
    };
    pulled(policy);
    expect(settings.team()).toEqual({ weekStart: 'wed', overtimeRules: 'california', rounding: { minutes: 15, mode: 'up' }, unconfirmedIdleLimitMinutes: 20 });
    expect(settings.get()).toEqual({
      ...DEFAULT_WORK_SETTINGS,
      weekStart: 'wed',
      overtimeRules: 'california',
      rounding: { minutes: 15, mode: 'up' },
      unconfirmedIdleLimitMinutes: 20,
      idlePromptMinutes: 5,
      currency: 'EUR',
    });
    pulled({ ...policy, idlePromptMinutes: 15, idleAutoPauseMinutes: null, recordOutsideSessions: true });
    expect(settings.get()).toMatchObject({ idlePromptMinutes: 15, idleAutoPauseMinutes: null, recordOutsideSessions: true });
  });

  it('a stored policy this version cannot read leaves the rep’s own settings in force', () => {
    const settings = new SettingsStore(store.db);
    settings.set({ weekStart: 'sun' });
    for (const policy of [{ ...DEFAULT_POLICY, weekStart: 'someday' }, { ...DEFAULT_POLICY, rounding: { minutes: 7, mode: 'up' } }, 'not a policy']) {
      pulled(policy);
      expect(settings.team()).toEqual({});
      expect(settings.get().weekStart).toBe('sun');
    }
    store.db.prepare("UPDATE meta SET value = '{broken' WHERE key = 'sync_policy'").run();
    expect(settings.get().weekStart).toBe('sun');
  });
});
