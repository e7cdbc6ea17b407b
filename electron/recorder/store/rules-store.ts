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
  categoryAncestors,
  UNCATEGORIZED,
  type Categorizer,
  type CategoryRating,
  type Rating,
  type Rule,
} from '../../../shared/categories';
import { ConflictError, UserError } from '../../../shared/user-error';
import type { StoredRule } from '../../../shared/api/results';
import { isUniqueViolation } from './unique-violation';
import { POLICY_SCHEMA } from '../../../shared/sync/contract';

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

/**
 * Whether a stored rule can still be compiled. A database written before rules were matched in linear
 * time may hold a pattern that is refused now (a lookahead, a back-reference): it is skipped with a
 * warning rather than stopping every report.
 */
function usable(rule: StoredRule): boolean {
  if (rule.source !== 'user') return true;
  const { source: _s, enabled: _e, ...fields } = rule;
  const parsed = ruleSchema.safeParse(fields);
  if (parsed.success) return true;
  const problem = parsed.error.issues.map((issue) => issue.message).join('; ');
  console.warn(`${problem}. The rule is skipped: remove it with \`stint rules remove ${rule.id}\` and add it again without that.`);
  return false;
}

const taken = (id: string) => new ConflictError(`A rule with id "${id}" already exists. Choose another --id.`);

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
      const parsed = POLICY_SCHEMA.shape.rules.safeParse((JSON.parse(raw) as { policy?: { rules?: unknown } }).policy?.rules ?? []);
      const ratings = POLICY_SCHEMA.shape.ratings.safeParse((JSON.parse(raw) as { policy?: { ratings?: unknown } }).policy?.ratings ?? []);
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

  /** The compiled rules; compiled once per distinct set of rules and ratings (the live status asks every second). */
  categorizer(): Categorizer {
    const key = this.db
      .prepare(
        `SELECT coalesce((SELECT group_concat(id || char(31) || category || char(31) || coalesce(app, '') || char(31) || coalesce(title, '') || char(31) || coalesce(url, ''), char(30)) FROM category_rules), '')
           || char(29) || coalesce((SELECT group_concat(id, char(30)) FROM disabled_default_rules), '')
           || char(29) || coalesce((SELECT group_concat(category || char(31) || rating, char(30)) FROM category_ratings), '')
           || char(29) || coalesce((SELECT value FROM meta WHERE key = 'sync_policy'), '')`,
      )
      .pluck()
      .get() as string;
    let compiled = compiledByKey.get(key);
    if (!compiled) {
      const team = this.teamRulesAndRatings();
      const all = this.allRules().filter((r) => r.enabled && usable(r));
      const strip = ({ source: _s, enabled: _e, ...rule }: StoredRule): Rule => rule;
      // The team's rules sit under the rep's own and over the built-in ones; so do its ratings.
      compiled = compileRules(
        [...all.filter((r) => r.source === 'user').map(strip), ...team.rules, ...all.filter((r) => r.source !== 'user').map(strip)],
        mergeRatings(mergeRatings(DEFAULT_RATINGS, team.ratings), this.userRatings()),
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
  add(input: { id?: string; category: string; app?: string; title?: string; url?: string }, nowMs: number): Rule {
    return this.db
      .transaction(() => {
        const id = input.id ?? this.nextId();
        if (this.allRules().some((r) => r.id === id)) throw taken(id);
        const rule = parseRule({ ...input, id });
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
  }

  /** Removes a rule of the rep's, or switches a built-in one off. */
  remove(id: string): 'removed' | 'disabled' {
    if (this.db.prepare('DELETE FROM category_rules WHERE id = ?').run(id).changes === 1) return 'removed';
    if (DEFAULT_RULES.some((r) => r.id === id)) {
      this.db.prepare('INSERT OR IGNORE INTO disabled_default_rules (id) VALUES (?)').run(id);
      return 'disabled';
    }
    throw new UserError(`No rule with id "${id}". \`stint rules list\` shows every rule and its id.`);
  }

  /** Switches a built-in rule back on. */
  enable(id: string): void {
    if (this.db.prepare('DELETE FROM disabled_default_rules WHERE id = ?').run(id).changes === 0) {
      throw new UserError(`Rule "${id}" is not a switched-off built-in rule.`);
    }
  }

  rate(category: string, rating: string): { category: string; rating: Rating } {
    const path = normalizeCategory(category);
    if (path === null) throw new UserError(`"${category}" is not a category path like "Sales > CRM".`);
    const known = this.knownCategories();
    if (!known.has(path)) {
      const near = [...known].find((c) => c.toLowerCase() === path.toLowerCase());
      const hint = near === undefined ? '`stint rules list` shows the categories rules file activity under' : `Did you mean "${near}"?`;
      throw new UserError(`No rule files activity under "${path}", so a rating would do nothing. ${hint}; add a rule for a new category first.`);
    }
    const parsed = ratingSchema.safeParse(rating);
    if (!parsed.success) throw new UserError(`Rating "${rating}" is not one of productive, neutral, unproductive.`);
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
