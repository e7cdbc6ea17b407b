import { LiteralScanner } from './literal-scanner';
import { UNCATEGORIZED, categoryDepth } from './category-path';
import { compilePattern, type RulePattern } from './pattern';
import { ratingResolver } from './ratings';
import { DEFAULT_LITERALS } from './default-literals';
import { requiredLiterals } from './required-literals';
import { textDigest } from './text-digest';
import { parseCategoryRatings, parseRules } from './schema';
import { RULE_FIELDS, type Activity, type CategoryRating, type Categorization, type Categorizer, type Rule, type RuleField } from './types';

/**
 * Compile rules and ratings into a `Categorizer`.
 *
 * Which rule wins — the rep's own rules first, then the deepest match:
 *   0. Rules named in `options.preferred` (the rep's own) outrank every other rule, whatever the depth:
 *      a rule the rep wrote wins over the built-in ones for the windows it matches. Steps 2 and 3 order
 *      rules within each of the two tiers.
 *   1. A rule matches an activity when every pattern it gives (app, title, url) matches its field,
 *      case-insensitively, anywhere in the field. A url pattern never matches an activity without
 *      a url.
 *   2. Among matching rules, the one whose category has the most path segments wins
 *      ("Sales > Prospecting > LinkedIn Sales Navigator" beats "Social > LinkedIn").
 *   3. Between matching rules of equal depth, the one listed first wins.
 *   4. When no rule matches, the activity is "Uncategorized" (neutral unless rated otherwise).
 * The rating is the category's own, else its nearest rated ancestor's, else neutral.
 *
 * Speed: each pattern is compiled once, when first tested. Rules are kept in winning order (depth, then position), and
 * each rule is filed under literals its pattern requires (see `requiredLiterals`), so categorizing
 * runs one combined search per field to find the few rules that could match, then tests only those,
 * best first, stopping at the first that matches. Rules without a required literal are always tested.
 *
 * Rules and ratings are validated first (`parseRules`, `parseCategoryRatings`): a bad rule throws a
 * UserError naming it. Results are frozen and shared: one object per rule, so `categorize` allocates
 * little and callers can cache results by `fingerprint` and `activityKey(activity)`.
 */
export function compileRules(rules: readonly Rule[], ratings: readonly CategoryRating[] = [], options: CompileOptions = {}): Categorizer {
  const normalizedRules = parseRules(rules);
  const normalizedRatings = parseCategoryRatings(ratings);
  const ratingOf = ratingResolver(normalizedRatings);
  const preferred = new Set(options.preferred ?? []);

  // Winning order: preferred rules first, then deeper categories, then the order given. `rank` is a position in it.
  const ordered = normalizedRules
    .map((rule, index) => ({ rule, index, tier: preferred.has(rule.id) ? 0 : 1, depth: categoryDepth(rule.category) }))
    .sort((a, b) => a.tier - b.tier || b.depth - a.depth || a.index - b.index)
    .map(({ rule }) => rule);

  const n = ordered.length;
  const appPatterns: (RulePattern | undefined)[] = [];
  const titlePatterns: (RulePattern | undefined)[] = [];
  const urlPatterns: (RulePattern | undefined)[] = [];
  const results: Categorization[] = [];
  ordered.forEach((rule) => {
    appPatterns.push(rule.app === undefined ? undefined : lazyPattern(rule.app));
    titlePatterns.push(rule.title === undefined ? undefined : lazyPattern(rule.title));
    urlPatterns.push(rule.url === undefined ? undefined : lazyPattern(rule.url));
    results.push(Object.freeze({ category: rule.category, rating: ratingOf(rule.category), ruleId: rule.id }));
  });

  // The literal index is built at the first categorize: a report whose ratings are cached (a status, a
  // month's time use) only needs the fingerprint, and the index is most of what compiling costs.
  let index: { app: LiteralScanner; title: LiteralScanner; url: LiteralScanner; alwaysTested: readonly number[] } | null = null;
  const buildIndex = () => {
    const literalsByField: Record<RuleField, Map<string, number[]>> = { app: new Map(), title: new Map(), url: new Map() };
    const alwaysTested: number[] = [];
    ordered.forEach((rule, rank) => {
      // File the rule under the most selective field's required literals (all fields must match).
      let anchor: { field: RuleField; literals: readonly string[] } | null = null;
      for (const field of RULE_FIELDS) {
        const source = rule[field];
        if (source === undefined) continue;
        // The built-in patterns' literals are worked out ahead (default-literals.ts); a user's, here.
        const literals = DEFAULT_LITERALS.has(source) ? (DEFAULT_LITERALS.get(source) ?? null) : requiredLiterals(source);
        if (literals !== null && (anchor === null || shortest(literals) > shortest(anchor.literals))) anchor = { field, literals };
      }
      if (anchor === null) alwaysTested.push(rank);
      else {
        const byLiteral = literalsByField[anchor.field];
        for (const literal of anchor.literals) {
          const ranks = byLiteral.get(literal);
          if (ranks === undefined) byLiteral.set(literal, [rank]);
          else ranks.push(rank);
        }
      }
    });
    return {
      app: new LiteralScanner(literalsByField.app),
      title: new LiteralScanner(literalsByField.title),
      url: new LiteralScanner(literalsByField.url),
      alwaysTested,
    };
  };
  const uncategorized: Categorization = Object.freeze({ category: UNCATEGORIZED, rating: ratingOf(UNCATEGORIZED), ruleId: null });

  // Scratch state for one call: candidate ranks, and a per-call stamp to skip duplicates.
  const stamp = new Uint32Array(n);
  const candidates = new Int32Array(n);
  let call = 0;
  let count = 0;
  const found = (ranks: readonly number[]): void => {
    for (const rank of ranks) {
      if (stamp[rank] !== call) {
        stamp[rank] = call;
        candidates[count++] = rank;
      }
    }
  };

  // Apps repeat across windows (a few dozen per person), so their literal hits are remembered.
  const appHits = new Map<string, readonly number[]>();
  const appRanks = (app: string): readonly number[] => {
    let ranks = appHits.get(app);
    if (ranks === undefined) {
      const hits: number[] = [];
      (index ??= buildIndex()).app.scan(app, (ids) => hits.push(...ids));
      ranks = hits;
      if (appHits.size >= APP_MEMO_LIMIT) appHits.clear();
      appHits.set(app, ranks);
    }
    return ranks;
  };

  const matches = (rank: number, app: string, title: string, url: string): boolean => {
    const appPattern = appPatterns[rank];
    if (appPattern !== undefined && !appPattern.test(app)) return false;
    const titlePattern = titlePatterns[rank];
    if (titlePattern !== undefined && !titlePattern.test(title)) return false;
    const urlPattern = urlPatterns[rank];
    return urlPattern === undefined || (url !== '' && urlPattern.test(url));
  };

  const categorize = (activity: Activity): Categorization => {
    const app = activity.app;
    const title = activity.title;
    const url = activity.url ?? '';
    call = call === 0xffffffff ? 1 : call + 1;
    if (call === 1) stamp.fill(0);
    count = 0;
    const scanners = (index ??= buildIndex());
    found(appRanks(app));
    scanners.title.scan(title, found);
    if (url !== '') scanners.url.scan(url, found);
    found(scanners.alwaysTested);
    // Ranks are winning order: test the smallest first, and the first that matches wins.
    if (count > 1) candidates.subarray(0, count).sort();
    for (let i = 0; i < count; i += 1) {
      const rank = candidates[i]!;
      if (matches(rank, app, title, url)) return results[rank]!;
    }
    return uncategorized;
  };

  return Object.freeze({
    categorize,
    ratingOf,
    fingerprint: fingerprintOf(
      normalizedRules,
      normalizedRatings,
      normalizedRules.filter((r) => preferred.has(r.id)).map((r) => r.id),
    ),
    rules: Object.freeze(normalizedRules),
    ratings: Object.freeze(normalizedRatings),
  });
}

/** How rules are ranked beyond depth and order. */
export interface CompileOptions {
  /** Ids of rules that outrank all others whatever their depth: the rep's own rules over the built-in ones. */
  preferred?: Iterable<string>;
}

const APP_MEMO_LIMIT = 4096;

/**
 * A pattern compiled when first tested: the literal pre-filter means most rules are never tested in a
 * process (a status, a month's report), and RE2 compiles several times slower than RegExp.
 */
function lazyPattern(source: string): RulePattern {
  let compiled: RulePattern | null = null;
  return { test: (text) => (compiled ??= compilePattern(source)).test(text) };
}

function shortest(literals: readonly string[]): number {
  let min = Infinity;
  for (const literal of literals) min = Math.min(min, literal.length);
  return min;
}

/**
 * A cache key for an activity: equal keys always categorize alike. An absent url and an empty one
 * give the same key (neither matches a url pattern).
 */
export function activityKey(activity: Activity): string {
  return JSON.stringify([activity.app, activity.title, activity.url ?? '']);
}

/** A digest of the normalized rules (in order) and sorted ratings. */
function fingerprintOf(rules: readonly Rule[], ratings: readonly CategoryRating[], preferred: readonly string[]): string {
  const sortedRatings = [...ratings].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  const text = JSON.stringify([
    rules.map((r) => [r.id, r.category, r.app ?? null, r.title ?? null, r.url ?? null]),
    sortedRatings.map((r) => [r.category, r.rating]),
    ...(preferred.length > 0 ? [preferred] : []),
  ]);
  return textDigest(text);
}
