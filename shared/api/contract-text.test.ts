import { describe, expect, it } from 'vitest';
import { requestSchemas, type RequestName } from './contract';

const NUL = 'a\u0000b';
const file = { name: 'calls.csv', base64: 'aWQK' };

describe('request text', () => {
  it.each<[RequestName, Record<string, unknown>, string]>([
    ['time.add', { kind: 'work', startMs: 0, endMs: 1000, reason: `forgot ${NUL}` }, 'reason'],
    ['time.remove', { uuid: NUL, reason: 'typo' }, 'uuid'],
    ['idle.resolve', { idleUuid: NUL, choice: 'work' }, 'idleUuid'],
    ['rules.add', { id: NUL, category: 'Sales', app: 'crm' }, 'id'],
    ['rules.add', { category: `Sales > ${NUL}`, app: 'crm' }, 'category'],
    ['rules.add', { category: 'Sales', title: NUL }, 'title'],
    ['rules.remove', { id: NUL }, 'id'],
    ['rules.rate', { category: NUL, rating: 'productive' }, 'category'],
    ['rules.test', { app: 'x', title: NUL }, 'title'],
    ['calls.act', { action: 'start', direction: 'outbound', contact: NUL }, 'contact'],
    ['calls.review', { uuid: NUL, action: 'confirm' }, 'uuid'],
    ['import.calls', { file: { ...file, name: NUL }, format: 'generic' }, 'file.name'],
    ['import.crm', { source: 'hubspot-deals', file, lossReasonColumn: NUL }, 'lossReasonColumn'],
  ])('%s refuses a NUL character in %j', (name, input, field) => {
    const result = requestSchemas[name].safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === field);
    expect(issue?.message, JSON.stringify(result.error?.issues)).toBe('contains a NUL character (U+0000); remove it');
  });

  it('accepts other control characters and any other text', () => {
    expect(requestSchemas['time.add'].safeParse({ kind: 'work', startMs: 0, endMs: 1000, reason: 'tab\there, ünïcode ✓' }).success).toBe(true);
  });
});
