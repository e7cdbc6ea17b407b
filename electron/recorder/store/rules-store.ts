import type Database from 'better-sqlite3';
import {
  compileRules,
  DEFAULT_RATINGS,
  DEFAULT_RULES,
  mergeRatings,
  normalizeCategory,
  parseRule,
  ratingSchema,
  ruleSchema,
  rulesSchema,
  categoryRatingsSchema,
  categoryAncestors,
  UNCATEGORIZED,
  RULE_FIELDS,
  ruleMatches,
  type Activity,
  type Categorizer,
  type CategoryRating,
  type Rating,
  type Rule,
} from '../../../shared/categories';
import { UserError } from '../../../shared/user-error';
import { CodedConflict, CodedRefusal } from '../../../shared/api/refusal';
import { patternIssue } from '../../../shared/categories/pattern';
import type { RuleShadow, StoredRule } from '../../../shared/api/results';
import { sampleText } from '../../../shared/categories/rule-words';
import { textDigest } from '../../../shared/categories/text-digest';
import { isUniqueViolation } from './unique-violation';
import type { ReportRules } from './window-categories';

interface RuleRow {
  id: string;
  category: string;
  app: string | null;
  title: string | null;
  url: string | null;
}

function fromRow(row: RuleRow): Rule {
  return {
    id: row.id,
    category: row.category,
    ...(row.app === null ? {} : { app: row.app }),
    ...(row.title === null ? {} : { title: row.title }),
    ...(row.url === null ? {} : { url: row.url }),
  };
}

const compiledByKey = new Map<string, Categorizer>();

let builtIn: string | null = null;

/**
 * A hash of the built-in rules and ratings, which come with the code, not the database: a stored fingerprint
 * holds only while they are the ones it was computed with.
 */
function builtInDigest(): string {
  if (builtIn !== null) return builtIn;
  return (builtIn = textDigest(JSON.stringify([DEFAULT_RULES, DEFAULT_RATINGS])));
}

/**
 * Whether a stored rule can still be compiled. A database written before rules were matched in linear
 * time may hold a pattern that is refused now (a lookahead, a back-reference): it is skipped with a
 * warning rather than stopping every report.
 */
function usable(rule: StoredRule): boolean {
  if (rule.source !== 'user') return true;
  const { source: _s, enabled: _e, ...fields } = rule;
  const parsed = ruleSchema().safeParse(fields);
  if (parsed.success) return true;
  const problem = parsed.error.issues.map((issue) => issue.message).join('; ');
  console.warn(`${problem}. The rule is skipped: remove it with \`stint rules remove ${rule.id}\` and add it again without that.`);
  return false;
}

/** How many distinct recorded windows a new rule is tried on for rules that shadow it. */
const SHADOW_WINDOWS = 5000;

/**
 * Parses a rule the rep is adding; a problem names the rule as they wrote it (its category and patterns),
 * not by an id the store chose for it.
 */
function parseAsWritten(input: { id?: string; category: string; app?: string; title?: string; url?: string }, id: string): Rule {
  try {
    return parseRule({ ...input, id });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (input.id !== undefined) throw ruleRefusal(input, error.message);
    const written = [`"${input.category}"`, ...RULE_FIELDS.filter((f) => input[f] !== undefined).map((f) => `${f} /${input[f]}/`)].join(', ');
    throw ruleRefusal(input, error.message.replaceAll(`Rule "${id}"`, `The rule ${written}`).replace(/^Invalid rule:\n/, 'This rule cannot be added:\n'));
  }
}

/** The refused rule's first problem as a code the views word (the message, every problem in English, stays for the CLI). */
function ruleRefusal(input: { category: string; app?: string; title?: string; url?: string }, message: string): CodedRefusal {
  const category = input.category;
  if (normalizeCategory(category) === null) return new CodedRefusal('rule-bad-category', message, { category });
  for (const field of RULE_FIELDS) {
    const pattern = input[field];
    const issue = pattern === undefined ? null : patternIssue(pattern);
    if (pattern !== undefined && issue !== null) {
      const { kind, construct, reason, message: detail } = issue;
      return new CodedRefusal('rule-bad-pattern', message, { category, field, pattern, kind, construct, reason, detail });
    }
  }
  return new CodedRefusal('rule-no-pattern', message, { category });
}

const taken = (id: string) => new CodedConflict('rule-id-taken', `A rule with id "${id}" already exists. Choose another --id.`, { id });

/**
 * The rep's category rules and ratings, layered over the built-in ones. Categories are computed when a
 * report runs, so a change here re-categorises all past activity at once.
 */
export class RulesStore {
  constructor(private readonly db: Database.Database) {}

  userRules(): Rule[] {
    return (this.db.prepare('SELECT id, category, app, title, url FROM category_rules ORDER BY position, id').all() as RuleRow[]).map(fromRow);
  }

  disabledDefaults(): Set<string> {
    return new Set(this.db.prepare('SELECT id FROM disabled_default_rules').pluck().all() as string[]);
  }

  /** The rules and ratings of the team's policy pulled from the server (none when not enrolled); team rule ids start with "team:". */
  teamRulesAndRatings(): { rules: Rule[]; ratings: CategoryRating[] } {
    const raw = this.db.prepare("SELECT value FROM meta WHERE key = 'sync_policy'").pluck().get() as string | undefined;
    if (raw === undefined) return { rules: [], ratings: [] };
    try {
      // Read with the category schemas, not the whole policy's (the sync contract's, which the pull checked it against).
      const policy = (JSON.parse(raw) as { policy?: { rules?: unknown; ratings?: unknown } }).policy;
      const parsed = rulesSchema().safeParse(policy?.rules ?? []);
      const ratings = categoryRatingsSchema().safeParse(policy?.ratings ?? []);
      return {
        rules: parsed.success ? parsed.data.map((r) => ({ ...r, id: `team:${r.id}` })) : [],
        ratings: ratings.success ? ratings.data : [],
      };
    } catch {
      return { rules: [], ratings: [] };
    }
  }

  /** Every rule in the order ties are broken: the rep's own first, then the built-in ones. */
  allRules(): StoredRule[] {
    const disabled = this.disabledDefaults();
    return [
      ...this.userRules().map((r) => ({ ...r, source: 'user' as const, enabled: true })),
      ...DEFAULT_RULES.map((r) => ({ ...r, source: 'default' as const, enabled: !disabled.has(r.id) })),
    ];
  }

  userRatings(): CategoryRating[] {
    return this.db.prepare('SELECT category, rating FROM category_ratings ORDER BY category').all() as CategoryRating[];
  }

  ratings(): CategoryRating[] {
    return mergeRatings(DEFAULT_RATINGS, this.userRatings());
  }

  /** The stored rules, disabled defaults, ratings and team policy as one string: equal strings compile alike. */
  private rulesKey(): string {
    return this.db
      .prepare(
        `SELECT coalesce((SELECT group_concat(id || char(31) || category || char(31) || coalesce(app, '') || char(31) || coalesce(title, '') || char(31) || coalesce(url, ''), char(30)) FROM category_rules), '')
           || char(29) || coalesce((SELECT group_concat(id, char(30)) FROM disabled_default_rules), '')
           || char(29) || coalesce((SELECT group_concat(category || char(31) || rating, char(30)) FROM category_ratings), '')
           || char(29) || coalesce((SELECT value FROM meta WHERE key = 'sync_policy'), '')`,
      )
      .pluck()
      .get() as string;
  }

  /**
   * The rules as reports use them: the fingerprint, without compiling when this database holds it for the same
   * stored rules and built-in ones (meta 'rules_fingerprint'), and the compiled rules on demand. Compiling (a
   * schema parse of every rule and a hash) cost every report ~30 M instructions for a fingerprint it had before.
   */
  reportRules(): ReportRules {
    const compile = () => this.categorizer();
    // One read transaction: the stored rules, the stored fingerprint and the compiled rules are of one moment.
    const { key, fingerprint, stored } = this.db.transaction(() => {
      const key = `${builtInDigest()}${String.fromCharCode(28)}${this.rulesKey()}`;
      const value = this.db.prepare("SELECT value FROM meta WHERE key = 'rules_fingerprint'").pluck().get() as string | undefined;
      const cut = value?.indexOf(' ') ?? -1;
      if (value !== undefined && value.slice(cut + 1) === key) return { key, fingerprint: value.slice(0, cut), stored: true };
      return { key, fingerprint: this.categorizer().fingerprint, stored: false };
    })();
    if (!stored && !this.db.readonly) {
      // Written only if the rules are still those it was computed from.
      const write = this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('rules_fingerprint', ?)");
      this.db
        .transaction(() => {
          if (`${builtInDigest()}${String.fromCharCode(28)}${this.rulesKey()}` === key) write.run(`${fingerprint} ${key}`);
        })
        .immediate();
    }
    return { fingerprint, compile };
  }

  /** The compiled rules; compiled once per distinct set of rules and ratings (the live status asks every second). */
  categorizer(): Categorizer {
    const key = this.rulesKey();
    let compiled = compiledByKey.get(key);
    if (!compiled) {
      const team = this.teamRulesAndRatings();
      const enabled = this.allRules().filter((r) => r.enabled && usable(r));
      const strip = ({ source: _s, enabled: _e, ...rule }: StoredRule): Rule => rule;
      const own = enabled.filter((r) => r.source === 'user');
      // The rep's own rules win over the team's and the built-in ones for the windows they match, whatever the depth;
      // the team's rules sit over the built-in ones, and so do its ratings.
      compiled = compileRules(
        [...own.map(strip), ...team.rules, ...enabled.filter((r) => r.source !== 'user').map(strip)],
        mergeRatings(mergeRatings(DEFAULT_RATINGS, team.ratings), this.userRatings()),
        { preferred: own.map((r) => r.id) },
      );
      if (compiledByKey.size >= 16) compiledByKey.clear();
      compiledByKey.set(key, compiled);
    }
    return compiled;
  }

  /**
   * Adds a rule after validating it (its regexes compile, its category is a path). The id and position are
   * chosen and written under one immediate transaction, so two rules added at once get different ones.
   */
  add(input: { id?: string; category: string; app?: string; title?: string; url?: string }, nowMs: number): Rule & { shadowedBy: RuleShadow[] } {
    const added = this.db
      .transaction(() => {
        const id = input.id ?? this.nextId();
        if (this.allRules().some((r) => r.id === id)) throw taken(id);
        const rule = parseAsWritten(input, id);
        const position = this.db.prepare('SELECT coalesce(max(position), 0) + 1 FROM category_rules').pluck().get() as number;
        try {
          this.db
            .prepare('INSERT INTO category_rules (id, position, category, app, title, url, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(rule.id, position, rule.category, rule.app ?? null, rule.title ?? null, rule.url ?? null, nowMs);
        } catch (error) {
          throw isUniqueViolation(error, 'category_rules.id') ? taken(id) : error;
        }
        return rule;
      })
      .immediate();
    return { ...added, shadowedBy: this.shadowsOf(added) };
  }

  /**
   * The rules that file windows this rule matches elsewhere, so it would not take effect for them: tried on
   * the distinct windows recorded (the most recent ones first) and on a window made from the rule's own words.
   */
  shadowsOf(rule: Rule): RuleShadow[] {
    const categorizer = this.categorizer();
    const candidates: Activity[] = [];
    const sample: Activity = { app: sampleText(rule.app ?? '') ?? '', title: sampleText(rule.title ?? '') ?? '' };
    const url = rule.url === undefined ? undefined : sampleText(rule.url);
    if (url) sample.url = url;
    const simple = RULE_FIELDS.every((f) => rule[f] === undefined || sampleText(rule[f]) !== null);
    if (simple) candidates.push(sample);
    const rows = this.db
      .prepare(
        `SELECT a.value AS app, t.value AS title, u.value AS url FROM (
           SELECT app_id, title_id, url_id, max(start_ms) AS last FROM activity GROUP BY app_id, title_id, url_id ORDER BY last DESC LIMIT ${SHADOW_WINDOWS}
         ) w JOIN strings a ON a.id = w.app_id JOIN strings t ON t.id = w.title_id LEFT JOIN strings u ON u.id = w.url_id`,
      )
      .all() as { app: string; title: string; url: string | null }[];
    for (const row of rows) candidates.push(row.url === null ? { app: row.app, title: row.title } : { app: row.app, title: row.title, url: row.url });
    const stored = new Map(this.allRules().map((r) => [r.id, r]));
    const byRule = new Map<string, RuleShadow>();
    for (const activity of candidates) {
      if (!ruleMatches(rule, activity)) continue;
      const winner = categorizer.categorize(activity).ruleId;
      if (winner === null || winner === rule.id) continue;
      const other = stored.get(winner);
      if (!other) continue;
      const shadow = byRule.get(winner) ?? {
        id: other.id,
        category: other.category,
        source: other.source,
        ...(other.app === undefined ? {} : { app: other.app }),
        ...(other.title === undefined ? {} : { title: other.title }),
        ...(other.url === undefined ? {} : { url: other.url }),
        windows: 0,
        example: activity,
      };
      shadow.windows += 1;
      byRule.set(winner, shadow);
    }
    return [...byRule.values()].sort((a, b) => b.windows - a.windows);
  }

  /** Removes a rule of the rep's, or switches a built-in one off. */
  remove(id: string): 'removed' | 'disabled' {
    if (this.db.prepare('DELETE FROM category_rules WHERE id = ?').run(id).changes === 1) return 'removed';
    if (DEFAULT_RULES.some((r) => r.id === id)) {
      this.db.prepare('INSERT OR IGNORE INTO disabled_default_rules (id) VALUES (?)').run(id);
      return 'disabled';
    }
    throw new CodedRefusal('rule-not-found', `No rule with id "${id}". \`stint rules list\` shows every rule and its id.`, { id });
  }

  /** Switches a built-in rule back on. */
  enable(id: string): void {
    if (this.db.prepare('DELETE FROM disabled_default_rules WHERE id = ?').run(id).changes === 0) {
      throw new CodedRefusal('rule-not-disabled', `Rule "${id}" is not a switched-off built-in rule.`, { id });
    }
  }

  rate(category: string, rating: string): { category: string; rating: Rating } {
    const path = normalizeCategory(category);
    if (path === null) throw new CodedRefusal('rating-bad-category', `"${category}" is not a category path like "Sales > CRM".`, { category });
    const known = this.knownCategories();
    if (!known.has(path)) {
      const near = [...known].find((c) => c.toLowerCase() === path.toLowerCase());
      const hint = near === undefined ? '`stint rules list` shows the categories rules file activity under' : `Did you mean "${near}"?`;
      throw new CodedRefusal(
        'rating-unknown-category',
        `No rule files activity under "${path}", so a rating would do nothing. ${hint}; add a rule for a new category first.`,
        {
          category: path,
          near: near ?? '',
        },
      );
    }
    const parsed = ratingSchema().safeParse(rating);
    if (!parsed.success) throw new CodedRefusal('rating-bad-rating', `Rating "${rating}" is not one of productive, neutral, unproductive.`, { rating });
    this.db
      .prepare('INSERT INTO category_ratings (category, rating) VALUES (?, ?) ON CONFLICT(category) DO UPDATE SET rating = excluded.rating')
      .run(path, parsed.data);
    return { category: path, rating: parsed.data };
  }

  /** Categories a rating can apply to: every rule's category and its ancestors, rated ones, and Uncategorized. */
  private knownCategories(): Set<string> {
    const known = new Set<string>([UNCATEGORIZED, ...this.userRatings().map((r) => r.category)]);
    for (const rule of this.allRules()) for (const path of categoryAncestors(normalizeCategory(rule.category) ?? rule.category)) known.add(path);
    return known;
  }

  private nextId(): string {
    const ids = new Set(this.userRules().map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`user-${n}`)) n++;
    return `user-${n}`;
  }
}
