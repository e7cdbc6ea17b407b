import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RulesStore } from './rules-store';
import { Store } from './store';

const T9 = Date.UTC(2026, 2, 2, 9);
let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-rules-'));
  store = Store.open(join(dir, 'stint.db'));
});
afterEach(() => {
  vi.restoreAllMocks();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RulesStore', () => {
  it('skips a stored rule whose pattern is refused now, with a warning, and keeps categorising', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const rules = new RulesStore(store.db);
    rules.add({ id: 'weekly', category: 'Reports > Weekly', title: 'weekly' }, T9);
    // An older database, written when lookarounds were accepted.
    store.db
      .prepare("INSERT INTO category_rules (id, position, category, title, created_ms) VALUES ('old', 0, 'Reports > Old', '(?=.*report)draft', ?)")
      .run(T9);
    const categorizer = rules.categorizer();
    expect(categorizer.categorize({ app: 'docs', title: 'weekly report draft' }).ruleId).toBe('weekly');
    expect(categorizer.rules.map((r) => r.id)).not.toContain('old');
    expect(warn).toHaveBeenCalledWith(
      'Rule "old": title pattern /(?=.*report)draft/ cannot be used: it uses (?= (a lookahead); rules are matched in linear time, which cannot run lookarounds or back-references: rewrite it without. The rule is skipped: remove it with `stint rules remove old` and add it again without that.',
    );
  });

  it('refuses to rate a category no rule files activity under, and rates ancestors and Uncategorized', () => {
    const rules = new RulesStore(store.db);
    rules.add({ id: 'acme', category: 'Sales > Calls > Acme', app: 'acme' }, T9);
    expect(() => rules.rate('Sales > Calls > Acmee', 'productive')).toThrow(
      'No rule files activity under "Sales > Calls > Acmee", so a rating would do nothing. `stint rules list` shows the categories rules file activity under; add a rule for a new category first.',
    );
    expect(() => rules.rate('sales > calls > acme', 'productive')).toThrow('Did you mean "Sales > Calls > Acme"?');
    expect(rules.rate('Sales > Calls > Acme', 'productive')).toEqual({ category: 'Sales > Calls > Acme', rating: 'productive' });
    expect(rules.rate('Sales>Calls', 'neutral')).toEqual({ category: 'Sales > Calls', rating: 'neutral' });
    expect(rules.rate('Uncategorized', 'unproductive').rating).toBe('unproductive');
  });
});
