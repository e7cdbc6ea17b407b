import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../shared/api/contract';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { createHandlers } from './handlers';

let dir: string;
let store: Store;
let handlers: ReturnType<typeof createHandlers>;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-import-preview-'));
  const dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
  handlers = createHandlers({ store, dbPath, clock: new FakeClock(Date.UTC(2026, 2, 3, 12), 'UTC'), recorder: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, lines: string[]) => ({ name, base64: Buffer.from(lines.join('\n')).toString('base64') });
const calls = file('calls.csv', [
  'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
  'c1,2026-03-02 08:20,out,yes,312,0,95,jane@acme.com,Acme Corp',
  'c2,2026-03-02 08:45,out,no,,,,jane@acme.com,Globex',
]);
const deals = (stage: string) =>
  file('deals.csv', ['Deal Name,Deal Stage,Amount,Create Date,Close Date,Record ID', `Acme - 500 seats,${stage},1000,03/01/2026,03/02/2026,101`]);

describe('import previews (the views show what will be added or updated before it is written)', () => {
  it('counts a call log exactly as the import will, and writes nothing', async () => {
    const input = (preview: boolean) => requestSchemas['import.calls'].parse({ file: calls, format: 'generic', timeZone: 'UTC', preview });
    expect(await handlers['import.calls'](input(true))).toEqual({ imported: 2, present: 0, answered: 1, unanswered: 1, preview: true });
    expect(await handlers['calls.list']({ from: '2026-03-02', to: '2026-03-02' })).toEqual([]);
    expect(await handlers['import.calls'](input(false))).toMatchObject({ imported: 2, present: 0, preview: false });
    // Imported already: the preview says so.
    expect(await handlers['import.calls'](input(true))).toMatchObject({ imported: 0, present: 2, preview: true });
  });

  it('says which CRM rows a newer report would update', async () => {
    const input = (stage: string, preview: boolean) =>
      requestSchemas['import.crm'].parse({ source: 'hubspot-deals', file: deals(stage), dateFormat: 'MM/dd/yyyy', preview });
    expect(await handlers['import.crm'](input('Appointment Scheduled', true))).toEqual({ added: 1, updated: 0, preview: true });
    expect(await handlers['import.crm'](input('Appointment Scheduled', false))).toEqual({ added: 1, updated: 0, preview: false });
    expect(await handlers['import.crm'](input('Closed Won', true))).toEqual({ added: 0, updated: 1, preview: true });
    // The preview wrote nothing: the real import still updates it.
    expect(await handlers['import.crm'](input('Closed Won', false))).toEqual({ added: 0, updated: 1, preview: false });
  });

  it('refuses a bad file with line-numbered problems, preview or not', async () => {
    const bad = file('calls.csv', ['id,start,direction,answered,talk_seconds', 'c1,yesterday,out,yes,10']);
    await expect(
      handlers['import.calls'](requestSchemas['import.calls'].parse({ file: bad, format: 'generic', timeZone: 'UTC', preview: true })),
    ).rejects.toThrow(/Cannot import calls\.csv: 1 problem; nothing was imported\.\n {2}line 2: /);
  });
});
