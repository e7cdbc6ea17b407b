import { describe, expect, it } from 'vitest';
import { rollUpSeconds } from './rollup';

describe('rollUpSeconds', () => {
  const entries = [
    { category: 'Sales > CRM > Salesforce', seconds: 600 },
    { category: 'Sales > CRM > HubSpot', seconds: 300 },
    { category: 'Sales > Calls > Dialer > Aircall', seconds: 1200 },
    { category: 'Communication > Email > Gmail', seconds: 900 },
    { category: 'Uncategorized', seconds: 100 },
    { category: 'News', seconds: 100 },
  ];

  it('totals at depth 1', () => {
    expect(rollUpSeconds(entries, 1)).toEqual([
      { category: 'Sales', seconds: 2100 },
      { category: 'Communication', seconds: 900 },
      { category: 'News', seconds: 100 },
      { category: 'Uncategorized', seconds: 100 },
    ]);
  });

  it('totals at depth 2, keeping shallower categories as they are', () => {
    expect(rollUpSeconds(entries, 2)).toEqual([
      { category: 'Sales > Calls', seconds: 1200 },
      { category: 'Communication > Email', seconds: 900 },
      { category: 'Sales > CRM', seconds: 900 },
      { category: 'News', seconds: 100 },
      { category: 'Uncategorized', seconds: 100 },
    ]);
  });

  it('keeps every category at a depth beyond the deepest, and preserves the total', () => {
    const deep = rollUpSeconds(entries, 10);
    expect(deep).toHaveLength(entries.length);
    expect(deep.reduce((sum, e) => sum + e.seconds, 0)).toBe(3200);
  });

  it('rejects a depth that is not a positive integer', () => {
    expect(() => rollUpSeconds(entries, 0)).toThrow(RangeError);
  });
});
