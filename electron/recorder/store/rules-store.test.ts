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
  it('reportRules: the stored fingerprint serves until a rule, a default, a rating or the team policy changes', () => {
    const rules = new RulesStore(store.db);
    const first = rules.reportRules();
    expect(first.fingerprint).toBe(rules.categorizer().fingerprint);
    const stored = () => store.db.prepare("SELECT value FROM meta WHERE key = 'rules_fingerprint'").pluck().get() as string;
    expect(stored().startsWith(`${first.fingerprint} `)).toBe(true);
    // A stored fingerprint is read back, not recomputed: a forged one is returned while the rules are the same.
    store.db.prepare("UPDATE meta SET value = 'forged' || substr(value, instr(value, ' ')) WHERE key = 'rules_fingerprint'").run();
    expect(rules.reportRules().fingerprint).toBe('forged');
    const changes: (() => void)[] = [
      () => rules.add({ id: 'weekly', category: 'Reports > Weekly', title: 'weekly' }, T9),
      () => rules.remove(rules.allRules().find((r) => r.source === 'default')!.id),
      () => rules.rate('Reports', 'unproductive'),
      () => store.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_policy', '{}')").run(),
    ];
    for (const change of changes) {
      change();
      const now = rules.reportRules();
      expect(now.fingerprint).toBe(rules.categorizer().fingerprint);
      expect(now.compile()).toBe(rules.categorizer());
    }
  });

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

describe("RulesStore: the rep's rules first", () => {
  it("files a window under the rep's rule even where a deeper built-in rule matches it", () => {
    const rules = new RulesStore(store.db);
    const training = { app: 'Google-chrome', title: 'Objection handling training - YouTube - Google Chrome' };
    // Built in: "Entertainment > Video > YouTube" (three levels) files it.
    expect(rules.categorizer().categorize(training).category).toBe('Entertainment > Video > YouTube');
    const added = rules.add({ category: 'Learning', title: 'YouTube.*training|training.*YouTube' }, T9);
    expect(added.shadowedBy).toEqual([]);
    expect(rules.categorizer().categorize(training)).toMatchObject({ category: 'Learning', ruleId: added.id });
    // Other YouTube windows stay where the built-in rule files them.
    expect(rules.categorizer().categorize({ app: 'Google-chrome', title: 'Cat videos - YouTube - Google Chrome' }).category).toBe(
      'Entertainment > Video > YouTube',
    );
  });

  it('says which rule shadows a new one, tried on recorded windows and on its own words', () => {
    const rules = new RulesStore(store.db);
    store.startRun('r', 1, T9);
    store.flush({
      runId: 'r',
      lastSeenMs: T9,
      activity: [
        {
          uuid: 'a1',
          startMs: T9,
          endMs: T9 + 60_000,
          timeZone: 'UTC',
          utcOffsetMin: 0,
          app: 'Google-chrome',
          title: 'Pipeline review - Acme CRM - Google Chrome',
          open: false,
        },
      ],
      idle: [],
      sessions: [],
    });
    const broad = rules.add({ category: 'Sales > CRM > Acme > Pipeline', title: 'Acme CRM' }, T9);
    const narrow = rules.add({ category: 'Sales > Reviews', title: 'Pipeline review' }, T9);
    // The first rule is deeper, so it keeps the window the second one matches.
    expect(narrow.shadowedBy).toEqual([
      expect.objectContaining({ id: broad.id, category: 'Sales > CRM > Acme > Pipeline', source: 'user', title: 'Acme CRM', windows: 1 }),
    ]);
    // Nothing recorded yet: the new rule's own words are the window tried.
    const again = rules.add({ category: 'Sales > Other', title: 'Acme CRM.*invoices' }, T9);
    expect(again.shadowedBy.map((s) => s.id)).toEqual([broad.id]);
    expect(again.shadowedBy[0]!.example.title).toBe('Acme CRM invoices');
  });

  it('names a refused rule as the rep wrote it, never by an id the store chose', () => {
    const rules = new RulesStore(store.db);
    expect(() => rules.add({ category: 'Learning', title: 'YouTube.*(training' }, T9)).toThrow(
      /^This rule cannot be added:\nThe rule "Learning", title \/YouTube\.\*\(training\/: title pattern \/YouTube\.\*\(training\/ cannot be used: it is not a valid regular expression/,
    );
    try {
      rules.add({ category: 'Learning', title: '(' }, T9);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/user-\d/);
    }
  });
});
